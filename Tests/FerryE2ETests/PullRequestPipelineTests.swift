import Foundation
import Testing

/// `ferry run --once` with Ferry's pull-request and promotion annotations, end to end: the real registry, a real Git
/// repository, and the stand-in GitHub API of `scripts/services/forge.sh`, which checks every request's shape.
@Suite("Pull requests and promotion end to end")
struct PullRequestPipelineTests {
    /// One repository on Git and on the stand-in GitHub, with `apps/` (or `staging/` and `production/`) marked.
    struct Scenario {
        let world: E2EWorld
        let forge: String
        let forgeRepository: String
        let manifests: String
        let secrets: String
        let state: String

        /// - Parameter files: The tree on `main`, given the image name.
        init(name: String, files: (String) -> [String: String], automation: String) async throws {
            world = try E2EWorld(case: SeedCase(name: name))
            forge = try E2EWorld.variable("FERRY_TEST_FORGE_GITHUB")
            forgeRepository = "team/\(world.repositoryName)"
            let repo = world.scratch + "/seed"
            for (path, text) in files("\(world.registry)/\(world.prefix)/app") {
                let file = repo + "/" + path
                try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try text.write(toFile: file, atomically: true, encoding: .utf8)
            }
            try await world.git(["init", "--bare", "-b", "main", world.bare])
            try await world.git(["init", "-b", "main", repo])
            try await world.git(["add", "-A"], in: repo)
            try await world.git(["commit", "-m", "seed"], in: repo)
            try await world.git(["push", world.bare, "main"], in: repo)
            manifests = world.scratch + "/manifests"
            secrets = world.scratch + "/secrets"
            state = world.scratch + "/state.db"
            try FileManager.default.createDirectory(atPath: manifests, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(atPath: secrets, withIntermediateDirectories: true)
            let objects = """
                apiVersion: image.toolkit.fluxcd.io/v1
                kind: ImageRepository
                metadata: {name: app, namespace: flux-system}
                spec: {image: \(world.registry)/\(world.prefix)/app, interval: 1m}
                ---
                apiVersion: image.toolkit.fluxcd.io/v1
                kind: ImagePolicy
                metadata: {name: app, namespace: flux-system}
                spec:
                  imageRepositoryRef: {name: app}
                  policy: {semver: {range: ">=1.0.0"}}
                ---
                apiVersion: source.toolkit.fluxcd.io/v1
                kind: GitRepository
                metadata: {name: fleet, namespace: flux-system}
                spec: {interval: 1m, url: "file://\(world.bare)", ref: {branch: main}}
                ---

                """
            try (objects + automation.replacingOccurrences(of: "@FORGE@", with: forge).replacingOccurrences(of: "@REPOSITORY@", with: forgeRepository))
                .write(toFile: manifests + "/objects.yaml", atomically: true, encoding: .utf8)
            try """
                apiVersion: v1
                kind: Secret
                metadata: {name: forge-token, namespace: flux-system}
                stringData: {token: ferry-test-token}

                """.write(toFile: secrets + "/forge.yaml", atomically: true, encoding: .utf8)
        }

        func push(_ tags: String...) async throws {
            try await world.run("python3", [E2EWorld.seeder, "--registry", world.registry, "--repo", "\(world.prefix)/app", "--tags", tags.joined(separator: ",")])
        }

        func once() async throws -> FerryRun {
            try await ferryExecutable(["run", "--once", "--manifests", manifests, "--secrets", secrets, "--state", state])
        }

        /// Resets the repository on the stand-in forge with these settings (e.g. `"failNext": 1`).
        func seedForge(_ settings: String) async throws {
            try await world.run("curl", [
                "-sf", "-X", "POST", "-H", "Content-Type: application/json", "--data", "{\"repo\": \"\(forgeRepository)\", \"settings\": \(settings)}",
                "\(forge)/__control/seed",
            ])
        }

        /// The pull requests and requests the stand-in forge holds for the repository.
        func forgeState() async throws -> (pulls: [[String: Any]], requests: [String]) {
            let query = forgeRepository.replacingOccurrences(of: "/", with: "%2F")
            let text = try await world.run("curl", ["-sf", "\(forge)/__control/state?repo=\(query)"])
            let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            let requests = (json["requests"] as? [[String: Any]] ?? []).map { "\($0["method"] as? String ?? "") \($0["path"] as? String ?? "")" }
            return (json["pulls"] as? [[String: Any]] ?? [], requests)
        }

        func file(_ branch: String, _ path: String) async throws -> String { try await world.show(branch, path) }
    }

    static func deployment(_ image: String, _ tag: String) -> String { FaultTests.Scenario.deployment(image, tag) }

    static func automation(path: String = "./apps", push: String = "ferry/app", extra: String = "") -> String {
        """
        apiVersion: image.toolkit.fluxcd.io/v1
        kind: ImageUpdateAutomation
        metadata:
          name: fleet
          namespace: flux-system
          annotations:
            ferry.dev/pull-request: "true"
            ferry.dev/pull-request-provider: github
            ferry.dev/pull-request-api-url: "@FORGE@"
            ferry.dev/pull-request-repository: "@REPOSITORY@"
            ferry.dev/pull-request-secret-ref: forge-token
            ferry.dev/pull-request-title: "Update app to {{ range .Updated.Images }}{{ .NewTag }}{{ end }}"
            ferry.dev/pull-request-body: "{{ range .Updated.Images }}- {{ .ImageName }}: {{ .OldTag }} → {{ .NewTag }}{{ end }}"
            ferry.dev/pull-request-labels: automated, images
        \(extra)
        spec:
          interval: 1m
          sourceRef: {kind: GitRepository, name: fleet}
          git:
            checkout: {ref: {branch: main}}
            commit:
              author: {name: ferry, email: ferry@example.com}
              messageTemplate: "{{ range .Updated.Images }}{{ .ImageName }}:{{ .NewTag }}{{ end }}"
            push: {branch: \(push)}
          update: {path: \(path), strategy: Setters}

        """
    }

    static func titles(_ pulls: [[String: Any]]) -> [String] { pulls.map { $0["title"] as? String ?? "" } }
    static func open(_ pulls: [[String: Any]]) -> [[String: Any]] { pulls.filter { $0["state"] as? String == "open" } }

    @Test("A push to ferry/app opens one pull request on GitHub with the rendered title, body and labels; a newer tag updates it")
    func openAndUpdate() async throws {
        let scenario = try await Scenario(name: "pr-open", files: { ["apps/app.yaml": Self.deployment($0, "1.0.0")] }, automation: Self.automation())
        defer { scenario.world.remove() }
        let image = "\(scenario.world.registry)/\(scenario.world.prefix)/app"
        let main = try await scenario.world.revision("main")
        try await scenario.push("1.0.0", "1.1.0")

        let first = try await scenario.once()
        #expect(first.status == 0, "\(first.stderr)")
        #expect(try await scenario.world.revision("main") == main, "main waits for the pull request")
        #expect(try await scenario.file("ferry/app", "apps/app.yaml") == Self.deployment(image, "1.1.0"))
        var state = try await scenario.forgeState()
        #expect(Self.open(state.pulls).count == 1)
        let pull = try #require(state.pulls.first)
        #expect(pull["title"] as? String == "Update app to 1.1.0")
        #expect(pull["body"] as? String == "- \(image): 1.0.0 → 1.1.0")
        #expect((pull["head"] as? [String: Any])?["ref"] as? String == "ferry/app")
        #expect((pull["base"] as? [String: Any])?["ref"] as? String == "main")
        #expect(((pull["labels"] as? [[String: Any]]) ?? []).compactMap { $0["name"] as? String } == ["automated", "images"])
        #expect(state.requests.contains("POST /repos/\(scenario.forgeRepository)/pulls"), "\(state.requests)")

        // A newer tag: the same pull request, updated.
        try await scenario.push("1.2.0")
        let second = try await scenario.once()
        #expect(second.status == 0, "\(second.stderr)")
        #expect(try await scenario.file("ferry/app", "apps/app.yaml") == Self.deployment(image, "1.2.0"))
        state = try await scenario.forgeState()
        #expect(state.pulls.count == 1, "never a second pull request: \(Self.titles(state.pulls))")
        #expect(Self.titles(state.pulls) == ["Update app to 1.2.0"])
        #expect(state.requests.filter { $0 == "POST /repos/\(scenario.forgeRepository)/pulls" }.count == 1)
        #expect(state.requests.contains { $0.hasPrefix("PATCH /repos/\(scenario.forgeRepository)/pulls/") }, "\(state.requests)")
    }

    @Test("A forge answering 500 fails the automation with the forge's answer and keeps the branch; the next run opens the pull request")
    func forgeOutage() async throws {
        let scenario = try await Scenario(name: "pr-outage", files: { ["apps/app.yaml": Self.deployment($0, "1.0.0")] }, automation: Self.automation())
        defer { scenario.world.remove() }
        let image = "\(scenario.world.registry)/\(scenario.world.prefix)/app"
        try await scenario.push("1.0.0", "1.1.0")
        try await scenario.seedForge("{\"failNext\": 1}")

        let failed = try await scenario.once()
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("ImageUpdateAutomation/flux-system/fleet"), "\(failed.stderr)")
        #expect(failed.stderr.contains("cannot open or update the pull request ferry/app → main of GitHub repository \(scenario.forgeRepository): GET "), "\(failed.stderr)")
        #expect(failed.stderr.contains("answered 500"), "\(failed.stderr)")
        #expect(!failed.stderr.contains("ferry-test-token"))
        #expect(try await scenario.file("ferry/app", "apps/app.yaml") == Self.deployment(image, "1.1.0"), "the pushed branch is kept")
        #expect(try await scenario.forgeState().pulls.isEmpty)

        let recovered = try await scenario.once()
        #expect(recovered.status == 0, "\(recovered.stderr)")
        let state = try await scenario.forgeState()
        #expect(Self.titles(state.pulls) == ["Update app to 1.1.0"])
        #expect(try await scenario.file("ferry/app", "apps/app.yaml") == Self.deployment(image, "1.1.0"))
    }

    @Test("Promotion: production gets a pull request with the tag staging runs, not the policy's newest")
    func promotion() async throws {
        let scenario = try await Scenario(
            name: "pr-promote",
            files: { ["staging/app.yaml": Self.deployment($0, "1.4.0"), "production/app.yaml": Self.deployment($0, "1.0.0")] },
            automation: Self.automation(path: "./production", push: "promote/production", extra: "    ferry.dev/promote-from: ./staging"))
        defer { scenario.world.remove() }
        let image = "\(scenario.world.registry)/\(scenario.world.prefix)/app"
        try await scenario.push("1.0.0", "1.4.0", "1.9.0")

        let run = try await scenario.once()
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try await scenario.file("promote/production", "production/app.yaml") == Self.deployment(image, "1.4.0"))
        #expect(try await scenario.file("main", "production/app.yaml") == Self.deployment(image, "1.0.0"))
        let state = try await scenario.forgeState()
        #expect(Self.titles(state.pulls) == ["Update app to 1.4.0"])
        #expect((state.pulls.first?["head"] as? [String: Any])?["ref"] as? String == "promote/production")
    }

    @Test("One ferry run: staging updates itself on main, then production gets a pull request with the tag staging now runs")
    func stagingThenProduction() async throws {
        let staging = """
            apiVersion: image.toolkit.fluxcd.io/v1
            kind: ImageUpdateAutomation
            metadata: {name: a-staging, namespace: flux-system}
            spec:
              interval: 1m
              sourceRef: {kind: GitRepository, name: fleet}
              git:
                checkout: {ref: {branch: main}}
                commit: {author: {name: ferry, email: ferry@example.com}}
                push: {branch: main}
              update: {path: ./staging, strategy: Setters}
            ---

            """
        // Named so that it sorts first: promotions still run after the other automations.
        let production = Self.automation(path: "./production", push: "promote/production", extra: "    ferry.dev/promote-from: ./staging")
            .replacingOccurrences(of: "name: fleet\n  namespace", with: "name: a-production\n  namespace")
        let scenario = try await Scenario(
            name: "pr-stage-prod",
            files: { ["staging/app.yaml": Self.deployment($0, "1.0.0"), "production/app.yaml": Self.deployment($0, "1.0.0")] },
            automation: staging + production)
        defer { scenario.world.remove() }
        let image = "\(scenario.world.registry)/\(scenario.world.prefix)/app"
        try await scenario.push("1.0.0", "1.4.0")

        let run = try await scenario.once()
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try await scenario.file("main", "staging/app.yaml") == Self.deployment(image, "1.4.0"))
        #expect(try await scenario.file("main", "production/app.yaml") == Self.deployment(image, "1.0.0"))
        #expect(try await scenario.file("promote/production", "production/app.yaml") == Self.deployment(image, "1.4.0"))
        let state = try await scenario.forgeState()
        #expect(Self.titles(state.pulls) == ["Update app to 1.4.0"])
    }
}
