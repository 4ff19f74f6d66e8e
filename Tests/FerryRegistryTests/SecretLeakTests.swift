import FerryCore
import Foundation
import Logging
import Synchronization
import Testing

@testable import FerryRegistry

/// Plants secrets in every kind of credential, makes each scan fail, and checks that no error description and no
/// log line (at trace level, metadata included) contains any of them.
struct SecretLeakTests {
    final class CapturingLogHandler: LogHandler, Sendable {
        let lines = Mutex<[String]>([])
        var metadata: Logger.Metadata {
            get { [:] }
            set {}
        }
        var logLevel: Logger.Level {
            get { .trace }
            set {}
        }
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { nil }
            set {}
        }

        func log(event: LogEvent) {
            lines.withLock { $0.append("\(event.level) \(event.message) \(event.metadata ?? [:])") }
        }
    }

    @Test func noSecretInErrorsOrLogs() async throws {
        let planted = (1...9).map { "planted-secret-\($0)-\(UInt32.random(in: 0..<UInt32.max))" }
        let tls = try TestServices.repository("FERRY_TEST_REGISTRY_TLS", "team/app")
        let token = try TestServices.repository("FERRY_TEST_REGISTRY_TOKEN", "team/app")
        let ca = RegistryTLS(caCertificatesPEM: try TestServices.file("FERRY_TEST_REGISTRY_CA"))
        let dockerConfig = DockerConfig(
            entries: [try TestServices.value("FERRY_TEST_REGISTRY_TOKEN"): DockerConfig.Entry(username: "testuser", password: planted[3])], rules: .dockerCLI)
        let ecr = try ImageRepositoryName(parsing: "\(ProviderTests.ecrRegistry)/team/app")
        let cases: [(ImageRepositoryName, RegistryAccess)] = [
            (tls, RegistryAccess(credentials: .basic(username: "testuser", password: planted[0]), tls: ca)),
            (token, RegistryAccess(credentials: .basic(username: "testuser", password: planted[1]))),
            (token, RegistryAccess(credentials: .identityToken(planted[2]))),
            (token, RegistryAccess(credentials: .dockerConfig(dockerConfig))),
            (token, RegistryAccess(credentials: .registryToken(planted[4]))),
            (tls, RegistryAccess(credentials: .basic(username: "u", password: planted[5]), proxy: RegistryProxy(address: "http://127.0.0.1:1", username: "p", password: planted[6]))),
            (tls, RegistryAccess(tls: RegistryTLS(clientCertificatePEM: try TestServices.file("FERRY_TEST_REGISTRY_CLIENT_CERT"), clientKeyPEM: planted[7]))),
            (ecr, RegistryAccess(provider: .aws, tls: ca)),
        ]
        let handler = CapturingLogHandler()
        let logger = Logger(label: "test") { _ in handler }
        var configuration = RegistryClientConfiguration(environment: ["AWS_ACCESS_KEY_ID": try TestServices.value("FERRY_TEST_AWS_ACCESS_KEY_ID"), "AWS_SECRET_ACCESS_KEY": planted[8]])
        configuration.ecrEndpoint = try TestServices.value("FERRY_TEST_ECR_ENDPOINT")
        configuration.retryBackoff = .milliseconds(10)
        let descriptions = try await OCIRegistryClient.withClient(configuration: configuration, logger: logger) { client in
            var descriptions: [String] = []
            for (repository, access) in cases {
                do throws(RegistryError) {
                    _ = try await client.listTagsPatiently(in: repository, access: access)
                    Issue.record("the scan of \(repository) with \(access.credentials) succeeded")
                } catch {
                    descriptions.append(error.description)
                    descriptions.append(String(describing: error))
                }
                do throws(RegistryError) {
                    _ = try await client.digest(of: "1.0.0", in: repository, access: access)
                } catch {
                    descriptions.append(error.description)
                }
            }
            return descriptions
        }
        #expect(descriptions.count == cases.count * 3)
        let logs = handler.lines.withLock { $0 }
        #expect(!logs.isEmpty)
        for secret in planted {
            for text in descriptions + logs {
                #expect(!text.contains(secret), "a secret leaked into: \(text)")
            }
        }
        for access in cases.map(\.1) {
            #expect(!"\(access.credentials)".contains("planted-secret"))
        }
    }
}
