import Foundation
import Testing

/// Every example of the seed documents, run by `ferry run --once` against the real registry
/// and real Git servers, the resulting commit checked byte for byte.
@Suite("Seed examples end to end")
struct SeedPipelineTests {
    @Test("ferry run --once turns the seed's manifests and tags into the expected commit", arguments: SeedCase.all)
    func seed(_ seed: SeedCase) async throws {
        let world = try E2EWorld(case: seed)
        defer { world.remove() }
        try await world.pushTags(seed)
        let base = try await world.seedRepository(seed)
        let manifests = world.scratch + "/manifests"
        let secrets = world.scratch + "/secrets"
        try world.materialize(seed, "manifests", to: manifests)
        try world.materialize(seed, "secrets", to: secrets)
        try world.fill(SeedCase.gitSecret).write(toFile: secrets + "/git-auth.yaml", atomically: true, encoding: .utf8)
        // Objects made by the seed's `flux create` commands, as `ferry create … --export`.
        for (index, line) in (seed.text("commands") ?? "").split(separator: "\n").enumerated() {
            let arguments = SeedCase.words(world.fill(String(line)))
            let created = try await ferryExecutable(arguments)
            #expect(created.status == 0, "ferry \(line): \(created.stderr)")
            try created.stdout.write(toFile: manifests + "/created-\(index).yaml", atomically: true, encoding: .utf8)
        }
        let state = world.scratch + "/state.db"
        let arguments = ["run", "--once", "--manifests", manifests, "--secrets", secrets, "--state", state]

        let run = try await ferryExecutable(arguments)

        let expectedStatus = Int32(seed.text("EXIT")?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "0") ?? 0
        #expect(run.status == expectedStatus, "stdout:\n\(run.stdout)\nstderr:\n\(run.stderr)")
        let branch = seed.text("BRANCH")?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "main"
        for line in (seed.text("ERRORS") ?? "").split(separator: "\n") {
            #expect(run.stderr.contains(world.fill(String(line))), "stderr lacks \(line):\n\(run.stderr)")
        }
        guard let message = seed.text("expected/MESSAGE") else {
            // An error case: nothing may be pushed anywhere.
            #expect(try await world.revision("main") == base)
            return
        }
        let head = try await world.revision(branch)
        #expect(head != base, "no commit on \(branch)")
        #expect(try await world.git(["--git-dir", world.bare, "rev-parse", head + "^"]).trimmingCharacters(in: .whitespacesAndNewlines) == base)
        #expect(try await world.git(["--git-dir", world.bare, "cat-file", "-p", head]).components(separatedBy: "\n\n").dropFirst().joined(separator: "\n\n") == world.fill(message))
        for file in seed.files(under: "expected") where file != "MESSAGE" {
            #expect(try await world.show(head, file) == world.fill(seed.text("expected/" + file) ?? ""), "\(file) differs")
        }
        let changed = Set(seed.files(under: "expected"))
        for file in seed.files(under: "repo") where !changed.contains(file) {
            #expect(try await world.show(head, file) == world.fill(seed.text("repo/" + file) ?? ""), "\(file) should not change")
        }
        if branch != "main" { #expect(try await world.revision("main") == base, "main must stay as it was") }
        let author = try await world.git(["--git-dir", world.bare, "log", "-1", "--format=%an <%ae>", head])
        #expect(!author.hasPrefix("Seeder"))

        // A second run from the same state changes nothing.
        let again = try await ferryExecutable(arguments)
        #expect(again.status == 0, "stderr:\n\(again.stderr)")
        #expect(try await world.revision(branch) == head)
    }
}
