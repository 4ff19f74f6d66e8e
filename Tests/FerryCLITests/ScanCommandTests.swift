@testable import FerryCLI
import FerryCore
import FerryRegistry
import Foundation
import Testing

/// `ferry scan` against the loopback registries (scripts/services/registry.sh).
struct ScanCommandTests {
    private func env(_ name: String) throws -> String {
        let value = ProcessInfo.processInfo.environment[name]
        try #require(value != nil, "\(name) is not set: run the tests through scripts/test, which starts scripts/services/registry.sh")
        return value ?? ""
    }

    @Test func printsTagsInFluxOrderWithoutSignatures() async throws {
        let result = await ferry(["scan", "\(try env("FERRY_TEST_REGISTRY_PLAIN"))/team/app"])
        #expect(result.status == 0)
        #expect(result.stdout == "latest\n2.0.0-rc.1\n1.2.0\n1.1.0\n1.0.0\n")
        #expect(result.stderr.isEmpty)
    }

    @Test func printsJSONWithTheDigest() async throws {
        let registry = try env("FERRY_TEST_REGISTRY_PLAIN")
        let digests = try String(contentsOfFile: try env("FERRY_TEST_REGISTRY_DIGESTS"), encoding: .utf8)
        let digest = try #require(digests.split(separator: "\n").first { $0.hasPrefix("1.1.0 ") }?.split(separator: " ").last)
        let result = await ferry(["scan", "\(registry)/digest/app", "--digest", "1.1.0", "-o", "json"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("\"canonicalName\": \"\(registry)/digest/app\""))
        #expect(result.stdout.contains("\"count\": 2"))
        #expect(result.stdout.contains("\"digest\": {\n    \"tag\": \"1.1.0\",\n    \"digest\": \"\(digest)\"\n  }"))
        let text = await ferry(["scan", "\(registry)/digest/app", "--digest", "1.1.0"])
        #expect(text.stdout == "1.1.0 \(digest)\n")
    }

    @Test func readsThePasswordFromStandardInputAndTheCAFile() async throws {
        let ca = try env("FERRY_TEST_REGISTRY_CA")
        let image = "\(try env("FERRY_TEST_REGISTRY_TLS"))/team/app"
        let caText = try String(contentsOfFile: ca, encoding: .utf8)
        let ok = await ferry(["scan", image, "--username", "testuser", "--password-stdin", "--ca-file", "ca.crt"], stdin: "testpass\n", files: ["ca.crt": caText])
        #expect(ok.status == 0)
        #expect(ok.stdout.hasPrefix("latest\n"))
        let refused = await ferry(["scan", image, "--username", "testuser", "--password", "hunter2-wrong", "--ca-file", "ca.crt"], files: ["ca.crt": caText])
        #expect(refused.status == 3)
        #expect(refused.stderr.hasPrefix("ferry: cannot list the tags of \(image): GET https://"))
        #expect(refused.stderr.contains("answered 401 Unauthorized: the registry did not accept the credentials (basic (user testuser))"))
        #expect(!refused.stderr.contains("hunter2-wrong"))
    }

    @Test func usesADockerConfig() async throws {
        let registry = try env("FERRY_TEST_REGISTRY_TOKEN")
        let config = #"{"auths": {"\#(registry)": {"auth": "dGVzdHVzZXI6dGVzdHBhc3M="}}}"#
        let result = await ferry(["scan", "\(registry)/team/app", "--docker-config", "config.json", "--exclude", "^latest$"], files: ["config.json": config])
        #expect(result.status == 0)
        #expect(result.stdout == "sha256-0123abcd.sig\n2.0.0-rc.1\n1.2.0\n1.1.0\n1.0.0\n")
        let broken = await ferry(["scan", "\(registry)/team/app", "--docker-config", "config.json"], files: ["config.json": "{"])
        #expect(broken.status == 2)
        #expect(broken.stderr.hasPrefix("ferry: --docker-config: cannot read the Docker configuration config.json: not valid JSON"))
    }

    @Test func reportsThrottlingOnStandardError() async throws {
        let nonce = "n" + String(UInt64.random(in: 0..<UInt64.max), radix: 36)
        let result = await ferry(["scan", "\(try env("FERRY_TEST_REGISTRY_PROXY"))/x/r429x1.ra1.\(nonce)/paged/app", "--page-size", "10"])
        #expect(result.status == 0)
        #expect(result.stdout.split(separator: "\n").count == 25)
        #expect(result.stderr == "ferry: warning: the registry throttled the scan 1 time(s): 429, waited 1s\n")
    }

    @Test(arguments: [
        (["scan", "Alpine"], "ferry: image: "),
        (["scan", "alpine:3.19"], "ferry: image: image 'alpine:3.19' should not include a tag; remove ':3.19'"),
        (["scan", "alpine", "--timeout", "soon"], "Error: --timeout: \"soon\" is not a duration such as 30s, 1m30s or 500ms"),
        (["scan", "alpine", "--password", "x"], "Error: --password and --password-stdin need --username"),
        (["scan", "alpine", "--provider", "oracle"], "Error: --provider: \"oracle\" is not one of generic, aws, azure, gcp"),
        (["scan", "alpine", "--exclude", "("], "ferry: --exclude: "),
        (["scan", "alpine", "--cert-file", "c.pem"], "Error: --cert-file and --key-file go together"),
        (["scan", "alpine", "--ca-file", "missing.pem"], "ferry: --ca-file: cannot read missing.pem: No such file or directory"),
    ])
    func invalidInputExitsWithTwo(arguments: [String], message: String) async {
        let result = await ferry(arguments)
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix(message))
        #expect(result.stdout.isEmpty)
    }

    @Test func registryFailuresExitWithThree() async throws {
        let result = await ferry(["scan", "\(try env("FERRY_TEST_REGISTRY_PLAIN"))/no/such/app"])
        #expect(result.status == 3)
        #expect(result.stderr.contains("answered 404 Not Found: the repository no/such/app on "))
    }

    @Test func helpHasExamples() async {
        let result = await ferry(["scan", "--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("ferry scan ghcr.io/fluxcd/source-controller -o json"))
        #expect(result.stdout.contains("--password-stdin"))
        #expect(result.stdout.contains("Exit status: 0 the tags were listed; 2 invalid input"))
    }
}

/// The scan's post-processing over the in-memory client: exclusions, Flux's order, the digest.
struct ScanOutcomeTests {
    @Test func excludesSortsAndLooksUpTheDigest() async throws {
        let repository = try ImageRepositoryName(parsing: "ghcr.io/org/app")
        let client = InMemoryRegistryClient(repositories: [
            repository.canonicalName: ["1.0.0": "sha256:a", "latest": "sha256:b", "sha256-x.sig": "sha256:c", "1.10.0": "sha256:d", "1.9.0": "sha256:e"]
        ])
        let request = ScanRequest(image: "ghcr.io/org/app", repository: repository, access: .anonymous, exclusions: try ExclusionList([]), digestTag: "1.9.0")
        let outcome = try await ScanOutcome.run(request, client: client)
        #expect(outcome.tags == ["latest", "1.9.0", "1.10.0", "1.0.0"])
        #expect(outcome.excluded == 1)
        #expect(outcome.digest == "sha256:e")
    }
}
