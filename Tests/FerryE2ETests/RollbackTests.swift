import Foundation
import Testing

/// `ferry rollback`, the quarantine, `ferry release-tag`, the minimum-age gate and `ferry explain
/// policy`, against the real registry and a real Git repository.
@Suite("Rollback, quarantine and explain end to end")
struct RollbackTests {
    typealias Scenario = FaultTests.Scenario

    func ferry(_ scenario: Scenario, _ arguments: String...) async throws -> FerryRun {
        try await ferryExecutable(arguments + ["--manifests", scenario.manifests, "--state", scenario.state])
    }

    func lastMessage(_ scenario: Scenario) async throws -> String {
        try await scenario.world.git(["--git-dir", scenario.world.bare, "log", "-1", "--format=%an <%ae>%n%B", "main"])
    }

    @Test("rollback reverts 1.0.1 with a new commit and quarantines it; the next run keeps 1.0.0; release-tag brings 1.0.1 back")
    func rollbackAndRelease() async throws {
        let scenario = try await Scenario(name: "rollback")
        defer { scenario.world.remove() }
        try await scenario.push("1.0.0", "1.0.1")
        let first = try await scenario.once()
        #expect(first.status == 0, "\(first.stderr)")
        #expect(try await scenario.file() == Scenario.deployment(scenario.image, "1.0.1"))
        #expect(try await scenario.commits() == 2)
        let automated = try await scenario.world.revision("main")

        let dryRun = try await ferry(scenario, "rollback", "app", "--dry-run")
        #expect(dryRun.status == 0, "\(dryRun.stderr)")
        #expect(dryRun.stdout.contains("would roll back flux-system/app: commit \(automated.prefix(7))"), "\(dryRun.stdout)")
        #expect(dryRun.stdout.contains("-        image: \(scenario.image):1.0.1"), "\(dryRun.stdout)")
        #expect(dryRun.stdout.contains("+        image: \(scenario.image):1.0.0"), "\(dryRun.stdout)")
        #expect(try await scenario.commits() == 2, "a dry run commits nothing")

        let rollback = try await ferry(scenario, "rollback", "app")
        #expect(rollback.status == 0, "\(rollback.stderr)")
        #expect(rollback.stdout.contains("quarantined tag 1.0.1"), "\(rollback.stdout)")
        #expect(try await scenario.commits() == 3, "a new commit, no history rewrite")
        #expect(try await scenario.world.git(["--git-dir", scenario.world.bare, "rev-parse", "main~1"]).hasPrefix(automated))
        #expect(try await scenario.file() == Scenario.deployment(scenario.image, "1.0.0"))
        let message = try await lastMessage(scenario)
        #expect(message.hasPrefix("ferry <ferry@example.com>\nRoll back flux-system/app from 1.0.1 to 1.0.0"), "\(message)")
        #expect(message.contains("Ferry-Rollback: flux-system:app 1.0.1"), "\(message)")

        let table = try await ferry(scenario, "get", "image", "policy")
        #expect(table.stdout.contains("[quarantined: 1.0.1]"), "\(table.stdout)")

        let next = try await scenario.once()
        #expect(next.status == 0, "\(next.stderr)")
        #expect(next.stderr.contains("resolved to 1.0.0"), "\(next.stderr)")
        #expect(try await scenario.file() == Scenario.deployment(scenario.image, "1.0.0"))
        #expect(try await scenario.commits() == 3, "the next run keeps the previous tag")

        let explain = try await ferry(scenario, "explain", "policy", "app", "-o", "json")
        #expect(explain.status == 0, "\(explain.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(explain.stdout.utf8)) as? [String: Any])
        #expect(json["selected"] as? String == "1.0.0")
        let tags = try #require(json["tags"] as? [[String: Any]])
        let quarantined = try #require(tags.first { $0["tag"] as? String == "1.0.1" })
        #expect(quarantined["rule"] as? String == "quarantine")
        #expect(quarantined["outcome"] as? String == "dropped")
        let files = try #require(json["files"] as? [[String: Any]])
        #expect(files.count == 1)
        #expect(files.first?["path"] as? String == "apps/app.yaml")
        #expect(files.first?["verdict"] as? String == "already-at-value")

        let again = try await ferry(scenario, "rollback", "app")
        #expect(again.status == 1)
        #expect(again.stderr.contains("is already a rollback"), "\(again.stderr)")

        let release = try await ferry(scenario, "release-tag", "app", "1.0.1")
        #expect(release.status == 0, "\(release.stderr)")
        let notQuarantined = try await ferry(scenario, "release-tag", "app", "1.0.1")
        #expect(notQuarantined.status == 1)
        #expect(notQuarantined.stderr.contains("tag 1.0.1 is not in the quarantine of ImagePolicy flux-system/app"), "\(notQuarantined.stderr)")

        let released = try await scenario.once()
        #expect(released.status == 0, "\(released.stderr)")
        #expect(try await scenario.file() == Scenario.deployment(scenario.image, "1.0.1"))
        #expect(try await scenario.commits() == 4)
    }

    @Test("ferry.dev/minimum-age holds a just-pushed tag back")
    func minimumAge() async throws {
        let scenario = try await Scenario(name: "minimum-age")
        defer { scenario.world.remove() }
        try await scenario.push("1.0.0")
        let first = try await scenario.once()
        #expect(first.status == 0, "\(first.stderr)")
        let objects = scenario.manifests + "/objects.yaml"
        let text = try String(contentsOfFile: objects, encoding: .utf8)
        let gated = text.replacingOccurrences(
            of: "kind: ImagePolicy\nmetadata: {name: app, namespace: flux-system}",
            with: "kind: ImagePolicy\nmetadata: {name: app, namespace: flux-system, annotations: {ferry.dev/minimum-age: 1h}}")
        #expect(gated != text)
        try gated.write(toFile: objects, atomically: true, encoding: .utf8)
        try await scenario.push("1.0.1")
        let held = try await scenario.once()
        #expect(held.status == 0, "\(held.stderr)")
        #expect(held.stderr.contains("resolved to 1.0.0 (1.0.1 held back: seen for "), "\(held.stderr)")
        #expect(try await scenario.file() == Scenario.deployment(scenario.image, "1.0.0"))
        #expect(try await scenario.commits() == 1)

        let explain = try await ferry(scenario, "explain", "policy", "app", "--no-checkout")
        #expect(explain.status == 0, "\(explain.stderr)")
        #expect(explain.stdout.contains("minimum age: 1h0m0s"), "\(explain.stdout)")
        let line = explain.stdout.split(separator: "\n").first { $0.hasPrefix("1.0.1 ") }
        #expect(line?.contains("minimum-age") == true, "\(explain.stdout)")
    }

    @Test("rollback says so when the policy is unknown or no automated commit changed it")
    func rollbackErrors() async throws {
        let scenario = try await Scenario(name: "rollback-errors")
        defer { scenario.world.remove() }
        let unknown = try await ferry(scenario, "rollback", "nope")
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("no ImagePolicy flux-system/nope in --manifests \(scenario.manifests)"), "\(unknown.stderr)")
        let nothing = try await ferry(scenario, "rollback", "app")
        #expect(nothing.status == 1)
        #expect(nothing.stderr.contains("no automated commit changed the fields of ImagePolicy flux-system/app"), "\(nothing.stderr)")
        #expect(try await scenario.commits() == 1)
    }
}
