import FerryCore
import Foundation
import Testing

@testable import FerryRegistry

/// `proxySecretRef`: requests go through an HTTP proxy, with its Basic credentials.
struct ProxyTests {
    private func proxy(password: String) throws -> RegistryProxy {
        let user = try TestServices.value("FERRY_TEST_FORWARD_PROXY_USER").split(separator: ":")
        return RegistryProxy(address: "http://\(try TestServices.value("FERRY_TEST_FORWARD_PROXY"))", username: String(user[0]), password: password)
    }

    @Test func scansThroughAnAuthenticatedProxy() async throws {
        let repository = try TestServices.repository("FERRY_TEST_REGISTRY_PLAIN", "team/app")
        let password = try String(TestServices.value("FERRY_TEST_FORWARD_PROXY_USER").split(separator: ":")[1])
        let listing = try await TestServices.withClient { try await $0.listTagsPatiently(in: repository, access: RegistryAccess(proxy: try proxy(password: password))) }
        #expect(Set(listing.tags) == TestServices.teamAppTags)
    }

    /// The same scan with a wrong proxy password fails: the requests really go through the proxy.
    @Test func aRefusedProxyPasswordNeverShows() async throws {
        let repository = try TestServices.repository("FERRY_TEST_REGISTRY_PLAIN", "team/app")
        let error = try await TestServices.scanError(repository, RegistryAccess(proxy: try proxy(password: "wrong-proxy-password")))
        #expect(!error.description.contains("wrong-proxy-password"))
        #expect(error.kind == .unexpectedStatus || error.kind == .connection)
    }

    @Test func badProxyAddressesAreConfigurationErrors() async throws {
        let repository = try TestServices.repository("FERRY_TEST_REGISTRY_PLAIN", "team/app")
        let error = try await TestServices.scanError(repository, RegistryAccess(proxy: RegistryProxy(address: "socks5://user:pw-secret@proxy:1080")))
        #expect(error.kind == .configuration)
        #expect(error.description.contains("the proxy address \"socks5://[redacted]@proxy:1080\" is not an http://host:port URL"))
    }
}

struct InMemoryRegistryClientTests {
    @Test func servesTagsDigestsAndFailures() async throws {
        let name = try ImageRepositoryName(parsing: "ghcr.io/org/app")
        let other = try ImageRepositoryName(parsing: "ghcr.io/org/down")
        let client = InMemoryRegistryClient(
            repositories: [name.canonicalName: ["1.0.0": "sha256:aa", "1.1.0": "sha256:bb"]],
            failures: [other.canonicalName: RegistryError(.rateLimited, operation: "cannot list the tags of ghcr.io/org/down", status: 429, reason: "slow down")])
        #expect(try await client.listTags(in: name, access: .anonymous).tags == ["1.0.0", "1.1.0"])
        #expect(try await client.digest(of: "1.1.0", in: name, access: .anonymous) == "sha256:bb")
        await #expect(throws: RegistryError.self) { try await client.listTags(in: other, access: .anonymous) }
        await #expect(throws: RegistryError.self) { try await client.digest(of: "9.9.9", in: name, access: .anonymous) }
    }
}
