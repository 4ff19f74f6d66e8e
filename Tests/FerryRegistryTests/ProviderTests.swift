import FerryCore
import Foundation
import Testing

@testable import FerryRegistry

/// Cloud providers: ECR against moto (SigV4 checked), GCP and Azure against loopback fakes of their services; the
/// registry requests then go to the real TLS registry (or the ACR fake) through an endpoint override.
struct ProviderTests {
    static let ecrRegistry = "123456789012.dkr.ecr.us-east-1.amazonaws.com"

    private func ecr(_ path: String = "team/app") throws -> ImageRepositoryName { try ImageRepositoryName(parsing: "\(Self.ecrRegistry)/\(path)") }

    private func tlsAccess(_ provider: RegistryProvider) throws -> RegistryAccess {
        RegistryAccess(provider: provider, tls: RegistryTLS(caCertificatesPEM: try TestServices.file("FERRY_TEST_REGISTRY_CA")))
    }

    private func configure(_ configuration: inout RegistryClientConfiguration, registry: String, endpoint: String, environment: [String: String]) {
        configuration.endpointOverrides = [registry: endpoint]
        configuration.environment = environment
    }

    @Test func ecrLoginAgainstMoto() async throws {
        let tls = try TestServices.value("FERRY_TEST_REGISTRY_TLS")
        let environment = ["AWS_ACCESS_KEY_ID": try TestServices.value("FERRY_TEST_AWS_ACCESS_KEY_ID"), "AWS_SECRET_ACCESS_KEY": try TestServices.value("FERRY_TEST_AWS_SECRET_ACCESS_KEY")]
        let moto = try TestServices.value("FERRY_TEST_ECR_ENDPOINT")
        let listing = try await TestServices.withClient({
            configure(&$0, registry: Self.ecrRegistry, endpoint: "https://\(tls)", environment: environment)
            $0.ecrEndpoint = moto
        }) { try await $0.listTagsPatiently(in: try ecr(), access: try tlsAccess(.aws)) }
        #expect(Set(listing.tags) == TestServices.teamAppTags)
        #expect(listing.canonicalName == "\(Self.ecrRegistry)/team/app")
    }

    @Test func ecrRefusesAWrongSecret() async throws {
        let environment = ["AWS_ACCESS_KEY_ID": try TestServices.value("FERRY_TEST_AWS_ACCESS_KEY_ID"), "AWS_SECRET_ACCESS_KEY": "wrong-secret-key-value"]
        let moto = try TestServices.value("FERRY_TEST_ECR_ENDPOINT")
        let error = try await TestServices.scanError(try ecr(), try tlsAccess(.aws)) {
            configure(&$0, registry: Self.ecrRegistry, endpoint: "https://127.0.0.1:1", environment: environment)
            $0.ecrEndpoint = moto
        }
        #expect(error.kind == .forbidden)
        #expect(error.description.contains("ECR GetAuthorizationToken failed"))
        #expect(!error.description.contains("wrong-secret-key-value"))
    }

    @Test func ecrWithAWebIdentityToken() async throws {
        let tls = try TestServices.value("FERRY_TEST_REGISTRY_TLS")
        let moto = try TestServices.value("FERRY_TEST_ECR_OPEN_ENDPOINT")
        let environment = [
            "AWS_WEB_IDENTITY_TOKEN_FILE": try TestServices.value("FERRY_TEST_AWS_WEB_IDENTITY_TOKEN_FILE"), "AWS_ROLE_ARN": "arn:aws:iam::123456789012:role/ferry",
            "AWS_ROLE_SESSION_NAME": "ferry-test",
        ]
        let listing = try await TestServices.withClient({
            configure(&$0, registry: Self.ecrRegistry, endpoint: "https://\(tls)", environment: environment)
            $0.ecrEndpoint = moto
            $0.stsEndpoint = moto
        }) { try await $0.listTagsPatiently(in: try ecr(), access: try tlsAccess(.aws)) }
        #expect(Set(listing.tags) == TestServices.teamAppTags)
    }

    @Test func awsNeedsCredentials() async throws {
        let error = try await TestServices.scanError(try ecr(), try tlsAccess(.aws)) { configure(&$0, registry: Self.ecrRegistry, endpoint: "https://127.0.0.1:1", environment: [:]) }
        #expect(error.kind == .authentication)
        #expect(error.description.contains("no AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"))
    }

    @Test func providersCheckTheRegistryHost() async throws {
        let error = try await TestServices.scanError(try TestServices.repository("FERRY_TEST_REGISTRY_PLAIN", "team/app"), RegistryAccess(provider: .aws))
        #expect(error.kind == .configuration)
        #expect(error.description.contains("is not served by provider aws"))
    }

    @Test func gcpMetadataTokenLogsIn() async throws {
        let registry = "europe-docker.pkg.dev"
        let tls = try TestServices.value("FERRY_TEST_REGISTRY_TLS")
        let metadata = try TestServices.value("FERRY_TEST_CLOUD_FAKES")
        let listing = try await TestServices.withClient({
            configure(&$0, registry: registry, endpoint: "https://\(tls)", environment: [:])
            $0.gcpMetadataHost = metadata
        }) { try await $0.listTagsPatiently(in: try ImageRepositoryName(parsing: "\(registry)/team/app"), access: try tlsAccess(.gcp)) }
        #expect(Set(listing.tags) == TestServices.teamAppTags)
    }

    @Test func azureManagedIdentityExchangesForAnACRToken() async throws {
        let registry = "ferrytest.azurecr.io"
        let fakes = try TestServices.value("FERRY_TEST_CLOUD_FAKES")
        let listing = try await TestServices.withClient({
            configure(&$0, registry: registry, endpoint: "http://\(fakes)", environment: [:])
            $0.azureIMDSEndpoint = "http://\(fakes)"
        }) { try await $0.listTagsPatiently(in: try ImageRepositoryName(parsing: "\(registry)/team/app"), access: RegistryAccess(provider: .azure)) }
        #expect(listing.tags == ["1.0.0", "1.1.0", "2.0.0"])
    }

    @Test func azureWorkloadIdentity() async throws {
        let registry = "ferrytest.azurecr.io"
        let fakes = try TestServices.value("FERRY_TEST_CLOUD_FAKES")
        let environment = ["AZURE_FEDERATED_TOKEN_FILE": try TestServices.value("FERRY_TEST_AZURE_FEDERATED_TOKEN_FILE"), "AZURE_CLIENT_ID": "client", "AZURE_TENANT_ID": "tenant"]
        let listing = try await TestServices.withClient({
            configure(&$0, registry: registry, endpoint: "http://\(fakes)", environment: environment)
            $0.azureAuthorityHost = "http://\(fakes)/"
            $0.azureIMDSEndpoint = "http://127.0.0.1:1"
        }) { try await $0.listTagsPatiently(in: try ImageRepositoryName(parsing: "\(registry)/team/app"), access: RegistryAccess(provider: .azure)) }
        #expect(listing.tags.count == 3)
    }

    @Test func azureRejectsABadAssertion() async throws {
        let registry = "ferrytest.azurecr.io"
        let fakes = try TestServices.value("FERRY_TEST_CLOUD_FAKES")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-assertion-\(UUID().uuidString)")
        try Data("bad-federated-assertion".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let environment = ["AZURE_FEDERATED_TOKEN_FILE": file.path, "AZURE_CLIENT_ID": "client", "AZURE_TENANT_ID": "tenant"]
        let error = try await TestServices.scanError(try ImageRepositoryName(parsing: "\(registry)/team/app"), RegistryAccess(provider: .azure)) {
            configure(&$0, registry: registry, endpoint: "http://\(fakes)", environment: environment)
            $0.azureAuthorityHost = "http://\(fakes)/"
        }
        #expect(error.kind == .unauthorized)
        #expect(error.description.contains("the Entra ID workload identity token request failed: AADSTS700024"))
        #expect(!error.description.contains("bad-federated-assertion"))
    }
}
