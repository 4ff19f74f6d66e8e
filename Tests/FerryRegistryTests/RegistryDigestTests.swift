import FerryCore
import Foundation
import Testing

@testable import FerryRegistry

struct RegistryDigestTests {
    private func seeded(_ variable: String) throws -> [String: String] {
        var digests: [String: String] = [:]
        for line in try TestServices.file(variable).split(separator: "\n") {
            let parts = line.split(separator: " ")
            if parts.count == 2 { digests[String(parts[0])] = String(parts[1]) }
        }
        return digests
    }

    @Test func readsOCIAndDockerDigests() async throws {
        let oci = try seeded("FERRY_TEST_REGISTRY_DIGESTS")
        let docker = try seeded("FERRY_TEST_REGISTRY_DOCKER_DIGESTS")
        try #require(oci.count == 2 && docker.count == 1)
        let ociRepository = try TestServices.repository("FERRY_TEST_REGISTRY_PLAIN", "digest/app")
        let dockerRepository = try TestServices.repository("FERRY_TEST_REGISTRY_PLAIN", "digest/docker")
        let found = try await TestServices.withClient { client in
            [
                try await client.digest(of: "1.0.0", in: ociRepository, access: .anonymous),
                try await client.digest(of: "1.1.0", in: ociRepository, access: .anonymous),
                try await client.digest(of: "1.0.0", in: dockerRepository, access: .anonymous),
            ]
        }
        #expect(found == [oci["1.0.0"], oci["1.1.0"], docker["1.0.0"]].compactMap { $0 })
    }

    @Test func readsDigestsBehindTokenAuth() async throws {
        let oci = try seeded("FERRY_TEST_REGISTRY_DIGESTS")
        let repository = try TestServices.repository("FERRY_TEST_REGISTRY_TOKEN", "digest/app")
        let access = RegistryAccess(credentials: .basic(username: try TestServices.value("FERRY_TEST_REGISTRY_USER"), password: try TestServices.value("FERRY_TEST_REGISTRY_PASSWORD")))
        let digest = try await TestServices.withClient { try await $0.digest(of: "1.1.0", in: repository, access: access) }
        #expect(digest == oci["1.1.0"])
    }

    @Test func aMissingTagIsNotFound() async throws {
        let repository = try TestServices.repository("FERRY_TEST_REGISTRY_PLAIN", "digest/app")
        try await TestServices.withClient { client in
            do throws(RegistryError) {
                _ = try await client.digest(of: "9.9.9", in: repository, access: .anonymous)
                Issue.record("a missing tag had a digest")
            } catch {
                #expect(error.kind == .notFound)
                #expect(error.description.contains("HEAD http://"))
                #expect(error.description.contains("the tag 9.9.9 of \(repository.canonicalName) does not exist"))
            }
            do throws(RegistryError) {
                _ = try await client.digest(of: "-bad", in: repository, access: .anonymous)
                Issue.record("an invalid tag was looked up")
            } catch {
                #expect(error.kind == .configuration)
            }
        }
    }
}
