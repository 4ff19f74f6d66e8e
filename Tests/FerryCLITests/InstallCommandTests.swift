import Foundation
import Testing

/// `ferry install`.
struct InstallCommandTests {
    @Test func exportPrintsTheManifestsWithoutAClusterAndMatchesTheGoldenFile() async throws {
        let result = await ferry(["install", "--export"])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("FerryKubernetesTests/Fixtures/golden/install.yaml")
        #expect(result.stdout == (try String(contentsOf: golden, encoding: .utf8)))
    }

    @Test func exportTakesTheNamespaceAndSelector() async {
        let result = await ferry(["install", "--export", "-n", "images", "--watch-label-selector", "sharding.fluxcd.io/shard=shard1"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("  namespace: images\n"))
        #expect(result.stdout.contains("- --watch-label-selector=sharding.fluxcd.io/shard=shard1\n"))
        #expect(!result.stdout.contains("flux-system"))
    }

    @Test func helpHasExamples() async {
        let result = await ferry(["install", "--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("ferry install --export > ferry-system.yaml"))
        #expect(result.stdout.contains("--watch-label-selector"))
    }

    @Test func anInvalidNamespaceExitsTwo() async {
        let result = await ferry(["install", "--export", "--namespace", "Bad_NS"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--namespace: \"Bad_NS\" is not a valid namespace name"))
    }

    @Test func aMissingKubeconfigIsInvalidInput() async {
        let result = await ferry(["install", "--kubeconfig", "/nonexistent/kubeconfig"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("/nonexistent/kubeconfig"))
    }
}
