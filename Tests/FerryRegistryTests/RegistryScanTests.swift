import FerryCore
import Foundation
import Testing

@testable import FerryRegistry

/// Scans against the real CNCF registry on loopback: plain, TLS with htpasswd, mutual TLS, Bearer tokens, pages.
struct RegistryScanTests {
    private func ca() throws -> RegistryTLS { RegistryTLS(caCertificatesPEM: try TestServices.file("FERRY_TEST_REGISTRY_CA")) }

    private func basic() throws -> RegistryCredentials {
        .basic(username: try TestServices.value("FERRY_TEST_REGISTRY_USER"), password: try TestServices.value("FERRY_TEST_REGISTRY_PASSWORD"))
    }

    @Test func listsAPlainRegistry() async throws {
        let repository = try TestServices.repository("FERRY_TEST_REGISTRY_PLAIN", "team/app")
        let listing = try await TestServices.withClient { try await $0.listTagsPatiently(in: repository, access: .anonymous) }
        #expect(Set(listing.tags) == TestServices.teamAppTags)
        #expect(listing.canonicalName == repository.canonicalName)
        #expect(listing.pages == 1)
        #expect(listing.throttles.isEmpty)
    }

    @Test func listsAnEmptyRepository() async throws {
        let repository = try TestServices.repository("FERRY_TEST_REGISTRY_PLAIN", "empty/app")
        let listing = try await TestServices.withClient { try await $0.listTagsPatiently(in: repository, access: .anonymous) }
        #expect(listing.tags.isEmpty)
    }

    @Test func unknownRepositoriesAreNotFound() async throws {
        let error = try await TestServices.scanError(try TestServices.repository("FERRY_TEST_REGISTRY_PLAIN", "no/such/repository"))
        #expect(error.kind == .notFound)
        #expect(error.status == 404)
        #expect(error.description.contains("the repository no/such/repository on 127.0.0.1:"))
        #expect(error.description.contains("does not exist"))
    }

    @Test func listsOverTLSWithBasicAuth() async throws {
        let repository = try TestServices.repository("FERRY_TEST_REGISTRY_TLS", "team/app")
        let listing = try await TestServices.withClient { try await $0.listTagsPatiently(in: repository, access: RegistryAccess(credentials: try basic(), tls: try ca())) }
        #expect(Set(listing.tags) == TestServices.teamAppTags)
    }

    @Test func missingAndWrongCredentialsAreUnauthorized() async throws {
        let repository = try TestServices.repository("FERRY_TEST_REGISTRY_TLS", "team/app")
        let missing = try await TestServices.scanError(repository, RegistryAccess(tls: try ca()))
        #expect(missing.kind == .unauthorized)
        #expect(missing.description.contains("answered 401 Unauthorized: the registry requires authentication and no credentials were given"))
        let wrong = try await TestServices.scanError(repository, RegistryAccess(credentials: .basic(username: "testuser", password: "wrong-password"), tls: try ca()))
        #expect(wrong.kind == .unauthorized)
        #expect(wrong.description.contains("the registry did not accept the credentials (basic (user testuser))"))
        #expect(!wrong.description.contains("wrong-password"))
    }

    @Test func anUntrustedCertificateIsATLSError() async throws {
        let error = try await TestServices.scanError(try TestServices.repository("FERRY_TEST_REGISTRY_TLS", "team/app"), RegistryAccess(credentials: try basic()))
        // Loopback registries are tried over HTTPS, then plain HTTP (as go-containerregistry does); the HTTPS server
        // refuses plain HTTP with 400, so the certificate problem shows as the fallback's answer or a TLS error.
        #expect(error.kind == .tls || error.kind == .unexpectedStatus)
        let secure = try await TestServices.scanError(try ImageRepositoryName(parsing: "localhost.localdomain.invalid:1/app"), .anonymous)
        #expect(secure.kind == .connection)
    }

    @Test func mutualTLSNeedsTheClientCertificate() async throws {
        let repository = try TestServices.repository("FERRY_TEST_REGISTRY_MTLS", "team/app")
        var tls = try ca()
        tls.clientCertificatePEM = try TestServices.file("FERRY_TEST_REGISTRY_CLIENT_CERT")
        tls.clientKeyPEM = try TestServices.file("FERRY_TEST_REGISTRY_CLIENT_KEY")
        let access = RegistryAccess(tls: tls)
        let listing = try await TestServices.withClient { try await $0.listTagsPatiently(in: repository, access: access) }
        #expect(Set(listing.tags) == TestServices.teamAppTags)
        let refused = try await TestServices.scanError(repository, RegistryAccess(tls: try ca()))
        #expect(refused.kind == .tls || refused.kind == .connection || refused.kind == .unexpectedStatus)
    }

    @Test func badTLSMaterialIsAConfigurationError() async throws {
        let repository = try TestServices.repository("FERRY_TEST_REGISTRY_TLS", "team/app")
        let error = try await TestServices.scanError(repository, RegistryAccess(tls: RegistryTLS(caCertificatesPEM: "not a certificate")))
        #expect(error.kind == .configuration)
        #expect(error.description.contains("the CA bundle (ca.crt)"))
        let keyless = try await TestServices.scanError(repository, RegistryAccess(tls: RegistryTLS(clientCertificatePEM: try TestServices.file("FERRY_TEST_REGISTRY_CLIENT_CERT"))))
        #expect(keyless.description.contains("without its key (tls.key)"))
    }

    @Test func followsTheBearerTokenFlowAndCachesTheToken() async throws {
        let repository = try TestServices.repository("FERRY_TEST_REGISTRY_TOKEN", "team/app")
        let access = RegistryAccess(credentials: try basic())
        let fetches = try await TestServices.withClient { client in
            let first = try await client.listTagsPatiently(in: repository, access: access)
            let second = try await client.listTagsPatiently(in: repository, access: access)
            #expect(Set(first.tags) == TestServices.teamAppTags)
            #expect(second.tags.count == first.tags.count)
            return await client.tokens.fetches
        }
        #expect(fetches == 1)
    }

    @Test func theTokenServerRefusesAnonymousAndWrongCredentials() async throws {
        let repository = try TestServices.repository("FERRY_TEST_REGISTRY_TOKEN", "team/app")
        let anonymous = try await TestServices.scanError(repository)
        #expect(anonymous.kind == .unauthorized)
        #expect(anonymous.description.contains("/token?service=ferry-test-registry&scope=repository%3Ateam%2Fapp%3Apull answered 401"))
        let wrong = try await TestServices.scanError(repository, RegistryAccess(credentials: .basic(username: "testuser", password: "nope-nope")))
        #expect(wrong.description.contains("the token server did not accept the credentials (basic (user testuser))"))
    }

    @Test func refreshesATokenThatExpiresMidScan() async throws {
        // Behind this proxy each token lists 2 pages of 2 and then gets the registry's 401 (as if it had expired):
        // 12 tags are 6 pages, so the scan must take a second and a third token, each exactly once.
        let repository = try TestServices.repository("FERRY_TEST_REGISTRY_TOKEN_SHORT", "short/app")
        let (listing, fetches) = try await TestServices.withClient { client in
            let listing = try await client.listTagsPatiently(in: repository, access: RegistryAccess(credentials: try basic()))
            return (listing, await client.tokens.fetches)
        }
        #expect(listing.tags.count == 12)
        #expect(listing.pages == 6)
        #expect(fetches == 3)
    }

    @Test(arguments: ["p3", "p3.abs", "p1", "p1000"])
    func followsLinkPagination(spec: String) async throws {
        let repository = try TestServices.repository("FERRY_TEST_REGISTRY_PROXY", "x/\(spec)/paged/app")
        let listing = try await TestServices.withClient { try await $0.listTagsPatiently(in: repository, access: .anonymous) }
        #expect(listing.tags == (0..<25).map { "1.0.\($0)" }.sorted())
        let size = Int(spec.dropFirst().prefix { $0.isNumber }) ?? 1
        #expect(listing.pages == (25 + size - 1) / size)
    }

    @Test func sendsTheRequestedPageSize() async throws {
        let repository = try TestServices.repository("FERRY_TEST_REGISTRY_PROXY", "x/p1000/paged/app")
        let listing = try await TestServices.withClient { try await $0.listTagsPatiently(in: repository, access: RegistryAccess(limits: RegistryLimits(pageSize: 10))) }
        #expect(listing.pages == 3)
        #expect(listing.tags.count == 25)
    }

    @Test func refusesPagesOnAnotherHost() async throws {
        let error = try await TestServices.scanError(try TestServices.repository("FERRY_TEST_REGISTRY_PROXY", "x/p3.host/paged/app"))
        #expect(error.kind == .invalidPagination)
        #expect(error.description.contains("sends the next page to http://127.0.0.1:1"))
    }

    @Test func scansShareOneClientConcurrently() async throws {
        let repository = try TestServices.repository("FERRY_TEST_REGISTRY_PROXY", "x/p300/big/app")
        let counts = try await TestServices.withClient({ $0.maximumConcurrentRequestsPerRegistry = 2 }) { client in
            try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<4 { group.addTask { try await client.listTagsPatiently(in: repository, access: RegistryAccess(limits: RegistryLimits(pageSize: 500))).tags.count } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
        }
        #expect(counts == [3000, 3000, 3000, 3000])
    }
}
