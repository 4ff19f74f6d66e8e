import FerryCLI
import FerryCore
import FerryStore
import Foundation
import Testing

/// `ferry release-tag`, `ferry explain policy --no-checkout` and `ferry rollback`'s refusals,
/// over a real folder and state file (the Git side is in FerryE2ETests).
@Suite("ferry release-tag, explain policy and rollback (standalone)")
struct PolicyGateCommandTests {
    let policy = ObjectID(kind: ImagePolicy.kind, namespace: "flux-system", name: "podinfo")
    let repository = ObjectID(kind: ImageRepository.kind, namespace: "flux-system", name: "podinfo")

    func seeded() async throws -> StandaloneFolder {
        let folder = try StandaloneFolder()
        let store = try folder.store()
        try await store.storeTags(
            StoredTags(canonicalImage: "ghcr.io/stefanprodan/podinfo", tags: TagList(["7.0.0", "6.5.1", "6.5.0", "6.5.0.sig.x"]), revision: "1",
                       scanTime: Timestamp(secondsSinceEpoch: 1)), for: repository)
        try await store.recordTagsSeen(["7.0.0", "6.5.1", "6.5.0", "sha256-abc.sig"], for: repository, at: Timestamp(secondsSinceEpoch: 1))
        try await store.quarantine(QuarantinedTag(tag: "6.5.1", reason: "rolled back by ferry rollback", since: "2026-01-01T00:00:00Z", commit: "0123456789"), for: policy)
        return folder
    }

    @Test func explainNamesTheRuleForEveryTag() async throws {
        let folder = try await seeded()
        defer { folder.cleanUp() }
        let result = await ferry(["explain", "policy", "podinfo", "--no-checkout"] + folder.flags)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains("order: semver range \"6.x\": the highest version in range wins"), "\(result.stdout)")
        #expect(lines.contains { $0.hasPrefix("7.0.0") && $0.contains("semver-range") }, "\(result.stdout)")
        #expect(lines.contains { $0.hasPrefix("6.5.1") && $0.contains("quarantine") && $0.contains("(commit 0123456)") }, "\(result.stdout)")
        #expect(lines.contains { $0.hasPrefix("6.5.0 ") && $0.contains("selected") }, "\(result.stdout)")
        #expect(lines.contains { $0.hasPrefix("6.5.0.sig.x") && $0.contains("not-a-version") }, "\(result.stdout)")
        #expect(lines.contains { $0.hasPrefix("sha256-abc.sig") && $0.contains("exclusion-list") }, "\(result.stdout)")
        #expect(lines.contains("selected: 6.5.0 (value 6.5.0, 3 candidates)"), "\(result.stdout)")
    }

    @Test func explainAsJSON() async throws {
        let folder = try await seeded()
        defer { folder.cleanUp() }
        let result = await ferry(["explain", "policy", "podinfo", "--no-checkout", "-o", "json"] + folder.flags)
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(json["selected"] as? String == "6.5.0")
        let quarantined = try #require(json["quarantinedTags"] as? [[String: Any]])
        #expect(quarantined.first?["tag"] as? String == "6.5.1")
        #expect(quarantined.first?["commit"] as? String == "0123456789")
    }

    @Test func releaseTagTakesItOutOfQuarantine() async throws {
        let folder = try await seeded()
        defer { folder.cleanUp() }
        let released = await ferry(["release-tag", "podinfo", "6.5.1"] + folder.flags)
        #expect(released.status == 0, "\(released.stderr)")
        #expect(released.stdout == "released tag 6.5.1 of flux-system/podinfo; the next reconcile may select it\n")
        #expect(try await folder.store().quarantinedTags(for: policy).isEmpty)
        let again = await ferry(["release-tag", "podinfo", "6.5.1"] + folder.flags)
        #expect(again.status == 1)
        #expect(again.stderr == "ferry: tag 6.5.1 is not in the quarantine of ImagePolicy flux-system/podinfo\n")
        let explain = await ferry(["explain", "policy", "podinfo", "--no-checkout", "-o", "json"] + folder.flags)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(explain.stdout.utf8)) as? [String: Any])
        #expect(json["selected"] as? String == "6.5.1")
    }

    @Test(arguments: [["release-tag", "nope", "1.0.0"], ["explain", "policy", "nope", "--no-checkout"], ["rollback", "nope"]])
    func anUnknownPolicyIsInvalidInput(arguments: [String]) async throws {
        let folder = try await seeded()
        defer { folder.cleanUp() }
        let result = await ferry(arguments + folder.flags)
        #expect(result.status == 2)
        #expect(result.stderr == "ferry: no ImagePolicy flux-system/nope in --manifests \(folder.manifests)\n", "\(result.stderr)")
    }

    @Test func aMinimumAgeThatIsNotADurationIsRefused() async throws {
        let folder = try StandaloneFolder([
            "policy.yaml": """
                apiVersion: image.toolkit.fluxcd.io/v1
                kind: ImagePolicy
                metadata:
                  name: podinfo
                  annotations: {ferry.dev/minimum-age: soon}
                spec:
                  imageRepositoryRef: {name: podinfo}
                  policy: {semver: {range: 6.x}}
                """,
        ])
        defer { folder.cleanUp() }
        let result = await ferry(["get", "image", "policy"] + folder.flags)
        #expect(result.stderr.contains("metadata.annotations[ferry.dev/minimum-age]"), "\(result.stderr)")
        #expect(result.stderr.contains("soon"), "\(result.stderr)")
    }
}
