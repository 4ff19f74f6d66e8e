import FerryCore
import FerryForge
import FerryReconciler
import FerryRegistry
import FerryTesting
import Foundation
import Synchronization
import Testing

/// The automation reconciler with Ferry's pull-request, promotion and batching annotations, against a real Git
/// repository (`file://`) and the in-memory forge.
@Suite("Pull requests, promotion and batching in the automation reconciler")
struct PullRequestAutomationTests {
    static func deployment(_ name: String, _ tag: String) -> String {
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: \(name)
        spec:
          template:
            spec:
              containers:
              - name: \(name)
                image: ghcr.io/acme/\(name):\(tag) # {"$imagepolicy": "flux-system:\(name)"}

        """
    }

    static let token = """
        apiVersion: v1
        kind: Secret
        metadata: {name: forge-token, namespace: flux-system}
        stringData: {token: s3cret-forge-token}
        """

    static func automation(path: String = "./clusters", annotations: [String: String], pushBranch: String? = "ferry/updates") throws -> ImageUpdateAutomation {
        let lines = annotations.sorted { $0.key < $1.key }.map { "    \($0.key): '\($0.value)'" }.joined(separator: "\n")
        return try Fixture.object(ImageUpdateAutomation.self, """
            apiVersion: image.toolkit.fluxcd.io/v1
            kind: ImageUpdateAutomation
            metadata:
              name: fleet
              namespace: flux-system
              annotations:
                ferry.dev/pull-request-provider: github
                ferry.dev/pull-request-api-url: http://forge.invalid
                ferry.dev/pull-request-repository: team/fleet
                ferry.dev/pull-request-secret-ref: forge-token
            \(lines)
            spec:
              interval: 30m
              sourceRef: {kind: GitRepository, name: flux-system}
              git:
                checkout: {ref: {branch: main}}
                commit:
                  author: {email: ferry@example.com, name: ferry}
                  messageTemplate: '{{range .Updated.Images}}{{.ImageName}}:{{.NewTag}} {{end}}'
            \(pushBranch.map { "    push: {branch: \($0)}" } ?? "")
              update: {path: \(path), strategy: Setters}
            """)
    }

    struct World {
        let repository: TestRepository
        let objects: InMemoryObjects
        let env: ReconcilerEnvironment
        let forge: InMemoryChangeRequestPublisher
        let registry: MutableRegistry
        let clock = Fixture.Clock()

        init(files: [String: String], images: [String: KeyValuePairs<String, String>], automation: ImageUpdateAutomation) async throws {
            repository = try await TestRepository(files: files)
            objects = InMemoryObjects()
            for name in images.keys.sorted() {
                let short = String(name.split(separator: "/").last ?? "")
                objects.put(try Fixture.repository(short, image: name))
                objects.put(try Fixture.policy(short, repository: short))
            }
            objects.put(try Fixture.gitRepository(url: repository.url))
            objects.put(try Fixture.object(Secret.self, PullRequestAutomationTests.token))
            objects.put(automation)
            registry = MutableRegistry(images)
            forge = InMemoryChangeRequestPublisher()
            var env = try Fixture.environment(objects: objects, registry: InMemoryRegistryClient(), clock: clock)
            env.registry = registry
            env.pullRequests = forge
            self.env = env
        }

        var automation: ImageUpdateAutomation? { objects.stored(ImageUpdateAutomation.self, ObjectKey(namespace: "flux-system", name: "fleet")) }

        func condition(_ type: String) -> Condition? { automation?.status.conditions.first { $0.type == type } }
    }

    @Test("A push to a separate branch opens one pull request with the rendered title, body and labels; a newer tag updates it")
    func openThenUpdate() async throws {
        let world = try await World(
            files: ["clusters/app.yaml": Self.deployment("app", "1.0.0")], images: ["ghcr.io/acme/app": ["1.0.0": "sha256:a", "1.1.0": "sha256:b"]],
            automation: try Self.automation(annotations: [
                "ferry.dev/pull-request": "true", "ferry.dev/pull-request-labels": "automated, images",
                "ferry.dev/pull-request-title": "Update {{range .Updated.Images}}{{.ImageName}} to {{.NewTag}}{{end}}",
                "ferry.dev/pull-request-reviewers": "alice",
            ]))
        defer { world.repository.remove() }
        let seed = try await world.repository.revision()

        let first = try await PipelineController(environment: world.env).runOnce()
        #expect(first.allReady, "\(first.results)")
        #expect(try await world.repository.revision("main") == seed, "main is left to the pull request")
        #expect(try await world.repository.show("ferry/updates", "clusters/app.yaml").contains("app:1.1.0"))
        var pulls = await world.forge.pullRequests
        #expect(pulls.count == 1)
        let spec = try #require(pulls.first?.spec)
        #expect(spec.title == "Update ghcr.io/acme/app to 1.1.0")
        #expect(spec.sourceBranch == "ferry/updates" && spec.targetBranch == "main")
        #expect(spec.repository == "team/fleet" && spec.forge == .github)
        #expect(spec.labels == ["automated", "images"] && spec.reviewers == ["alice"])
        #expect(spec.credentials == .token("s3cret-forge-token"))
        #expect(spec.apiBaseURL.description == "http://forge.invalid")
        let condition = try #require(world.condition(PullRequestStatus.condition))
        #expect(condition.status == .true && condition.reason == "Published")
        #expect(condition.message == "#1 memory://github/team/fleet/pull/1 (ferry/updates → main)")
        let event = try #require(world.objects.events.first { $0.reason == "PullRequestCreated" })
        #expect(event.message == "created pull request #1 memory://github/team/fleet/pull/1 (ferry/updates → main)")

        // A newer tag: the same pull request is updated, not a second one opened.
        world.registry.set("ghcr.io/acme/app", ["1.0.0": "sha256:a", "1.1.0": "sha256:b", "1.2.0": "sha256:c"])
        world.clock.advance(.minutes(1))
        let second = try await PipelineController(environment: world.env).runOnce()
        #expect(second.allReady, "\(second.results)")
        #expect(try await world.repository.show("ferry/updates", "clusters/app.yaml").contains("app:1.2.0"), "\(second.results)")
        pulls = await world.forge.pullRequests
        #expect(pulls.count == 1)
        #expect(pulls.first?.spec.title == "Update ghcr.io/acme/app to 1.2.0")
        #expect(world.objects.events.contains { $0.reason == "PullRequestUpdated" })

        // Nothing new: no publication at all.
        let published = await world.forge.published.count
        world.clock.advance(.minutes(1))
        _ = try await PipelineController(environment: world.env).runOnce()
        #expect(await world.forge.published.count == published)
    }

    @Test("A forge error fails Ready with the forge's answer, keeps the pushed branch, and the next run publishes")
    func forgeFailureRecovers() async throws {
        let world = try await World(
            files: ["clusters/app.yaml": Self.deployment("app", "1.0.0")], images: ["ghcr.io/acme/app": ["1.1.0": "sha256:b"]],
            automation: try Self.automation(annotations: ["ferry.dev/pull-request": "true"]))
        defer { world.repository.remove() }
        let refusal = ChangeRequestError(
            .serverError, forge: .github, repository: "team/fleet", sourceBranch: "ferry/updates", targetBranch: "main",
            request: "POST http://forge.invalid/repos/team/fleet/pulls", status: 500, reason: "the forge failed (the forge says: boom)")
        await world.forge.fail(repository: "team/fleet", with: refusal)

        let failed = try await PipelineController(environment: world.env).runOnce()
        #expect(!failed.allReady)
        let ready = try #require(world.condition(Condition.ready))
        #expect(ready.status == .false && ready.reason == "PullRequestFailed")
        #expect(ready.message.hasPrefix("cannot open or update the pull request ferry/updates → main of GitHub repository team/fleet: "
            + "POST http://forge.invalid/repos/team/fleet/pulls answered 500"), "\(ready.message)")
        #expect(ready.message.hasSuffix("(the branch 'ferry/updates' is pushed; Ferry publishes again on the next run)"))
        #expect(world.condition(PullRequestStatus.condition)?.status == .false)
        #expect(try await world.repository.show("ferry/updates", "clusters/app.yaml").contains("app:1.1.0"), "the branch is kept")
        #expect(world.objects.events.last { $0.regarding.kind == "ImageUpdateAutomation" }?.type == .warning)

        await world.forge.clearFailures()
        world.clock.advance(.minutes(1))
        let recovered = try await PipelineController(environment: world.env).runOnce()
        #expect(recovered.allReady, "\(recovered.results)")
        #expect(await world.forge.pullRequests.count == 1)
        #expect(await world.forge.pullRequests.first?.spec.title == "ghcr.io/acme/app:1.1.0")
        #expect(world.condition(PullRequestStatus.condition)?.status == .true)
        #expect(try await world.repository.show("ferry/updates", "clusters/app.yaml").contains("app:1.1.0"))
    }

    @Test("A branch template gives unrelated images their own branch and pull request")
    func branchPerImage() async throws {
        let world = try await World(
            files: ["clusters/app.yaml": Self.deployment("app", "1.0.0"), "clusters/web.yaml": Self.deployment("web", "2.0.0")],
            images: ["ghcr.io/acme/app": ["1.1.0": "sha256:b"], "ghcr.io/acme/web": ["2.5.0": "sha256:w"]],
            automation: try Self.automation(
                annotations: ["ferry.dev/pull-request": "true", "ferry.dev/pull-request-branch-template": "ferry/{{ .Policy.Name }}"], pushBranch: nil))
        defer { world.repository.remove() }
        let summary = try await PipelineController(environment: world.env).runOnce()
        #expect(summary.allReady, "\(summary.results)")
        let app = try await world.repository.show("ferry/app", "clusters/app.yaml")
        #expect(app.contains("app:1.1.0"))
        #expect(try await world.repository.show("ferry/app", "clusters/web.yaml").contains("web:2.0.0"), "the app branch leaves web alone")
        #expect(try await world.repository.show("ferry/web", "clusters/web.yaml").contains("web:2.5.0"))
        #expect(try await world.repository.show("ferry/web", "clusters/app.yaml").contains("app:1.0.0"))
        let pulls = await world.forge.pullRequests
        #expect(pulls.map(\.spec.sourceBranch).sorted() == ["ferry/app", "ferry/web"])
        #expect(pulls.map(\.spec.title).sorted() == ["ghcr.io/acme/app:1.1.0", "ghcr.io/acme/web:2.5.0"])
        let condition = try #require(world.condition(PullRequestStatus.condition))
        #expect(condition.message.contains("(ferry/app → main)") && condition.message.contains("(ferry/web → main)"))
    }

    @Test("Promotion writes what staging runs into production, through a pull request, whatever the policy selects")
    func promotion() async throws {
        let world = try await World(
            files: ["staging/app.yaml": Self.deployment("app", "1.4.0"), "production/app.yaml": Self.deployment("app", "1.0.0")],
            images: ["ghcr.io/acme/app": ["1.0.0": "sha256:a", "1.4.0": "sha256:b", "1.9.0": "sha256:c"]],
            automation: try Self.automation(
                path: "./production", annotations: ["ferry.dev/pull-request": "true", "ferry.dev/promote-from": "./staging"], pushBranch: "promote/production"))
        defer { world.repository.remove() }
        let summary = try await PipelineController(environment: world.env).runOnce()
        #expect(summary.allReady, "\(summary.results)")
        let production = try await world.repository.show("promote/production", "production/app.yaml")
        #expect(production == Self.deployment("app", "1.4.0"), "staging's tag, not the policy's 1.9.0")
        #expect(try await world.repository.show("promote/production", "staging/app.yaml") == Self.deployment("app", "1.4.0"))
        #expect(try await world.repository.show("main", "production/app.yaml") == Self.deployment("app", "1.0.0"))
        let pulls = await world.forge.pullRequests
        #expect(pulls.map(\.spec.title) == ["ghcr.io/acme/app:1.4.0"])
        #expect(pulls.first?.spec.sourceBranch == "promote/production")
    }

    static func promotionWorld() async throws -> World {
        try await World(
            files: ["staging/app.yaml": Self.deployment("app", "1.4.0"), "production/app.yaml": Self.deployment("app", "1.0.0")],
            images: ["ghcr.io/acme/app": ["1.0.0": "sha256:a", "1.4.0": "sha256:b"]],
            automation: try Self.automation(
                path: "./production", annotations: ["ferry.dev/pull-request": "true", "ferry.dev/promote-from": "./staging"], pushBranch: "promote/production"))
    }

    @Test("A promotion whose source is taken back closes its pull request, deletes the branch, says so in an event and the condition")
    func promotionTakenBackClosesThePullRequest() async throws {
        let world = try await Self.promotionWorld()
        defer { world.repository.remove() }
        let first = try await PipelineController(environment: world.env).runOnce()
        #expect(first.allReady, "\(first.results)")
        #expect(await world.forge.pullRequests.filter(\.isOpen).count == 1)

        // Staging is rolled back to what production runs: nothing is left to promote.
        try await world.repository.commit(["staging/app.yaml": Self.deployment("app", "1.0.0")], message: "roll back staging")
        world.clock.advance(.minutes(1))
        let second = try await PipelineController(environment: world.env).runOnce()
        #expect(second.allReady, "\(second.results)")
        #expect(await world.forge.pullRequests.filter(\.isOpen).isEmpty, "the pull request is closed")
        #expect(try await world.repository.branches() == ["main"], "the stale branch is deleted")
        let condition = try #require(world.condition(PullRequestStatus.condition))
        #expect(condition.status == .true && condition.reason == "Closed")
        #expect(condition.message == "closed #1 memory://github/team/fleet/pull/1 (promote/production → main): nothing left to propose")
        let event = try #require(world.objects.events.first { $0.reason == "PullRequestClosed" })
        #expect(event.type == .normal)
        #expect(event.message == "closed pull request #1 memory://github/team/fleet/pull/1 (promote/production → main): "
            + "the change set rebuilt from 'main' is empty, so nothing is left to propose; the branch 'promote/production' is deleted")

        // Nothing more to do: no further forge call.
        let calls = await world.forge.published.count
        world.clock.advance(.minutes(1))
        let third = try await PipelineController(environment: world.env).runOnce()
        #expect(third.allReady, "\(third.results)")
        #expect(await world.forge.published.count == calls)

        // Staging moves on: a new pull request proposes the new tag.
        try await world.repository.commit(["staging/app.yaml": Self.deployment("app", "1.4.0")], message: "staging again")
        world.clock.advance(.minutes(1))
        _ = try await PipelineController(environment: world.env).runOnce()
        #expect(await world.forge.pullRequests.filter(\.isOpen).map(\.number) == [2])
        #expect(try await world.repository.show("promote/production", "production/app.yaml") == Self.deployment("app", "1.4.0"))
    }

    @Test("A promotion that changes to another tag force-updates the branch and the same pull request")
    func promotionChangedUpdatesThePullRequest() async throws {
        let world = try await Self.promotionWorld()
        defer { world.repository.remove() }
        _ = try await PipelineController(environment: world.env).runOnce()
        try await world.repository.commit(["staging/app.yaml": Self.deployment("app", "1.2.0")], message: "staging to 1.2.0")
        world.clock.advance(.minutes(1))
        let second = try await PipelineController(environment: world.env).runOnce()
        #expect(second.allReady, "\(second.results)")
        #expect(try await world.repository.show("promote/production", "production/app.yaml") == Self.deployment("app", "1.2.0"))
        let pulls = await world.forge.pullRequests
        #expect(pulls.count == 1 && pulls.first?.isOpen == true)
        #expect(pulls.first?.spec.title == "ghcr.io/acme/app:1.2.0")
    }

    @Test("A forge that refuses the close fails Ready naming the pull request; the branch stays; the next run closes it")
    func promotionCloseFailureKeepsTheBranch() async throws {
        let world = try await Self.promotionWorld()
        defer { world.repository.remove() }
        _ = try await PipelineController(environment: world.env).runOnce()
        let head = try await world.repository.revision("promote/production")
        try await world.repository.commit(["staging/app.yaml": Self.deployment("app", "1.0.0")], message: "roll back staging")
        let refusal = ChangeRequestError(
            .serverError, forge: .github, repository: "team/fleet", sourceBranch: "promote/production", targetBranch: "main",
            request: "PATCH http://forge.invalid/repos/team/fleet/pulls/1", status: 500, reason: "the forge failed (the forge says: boom)")
        await world.forge.fail(repository: "team/fleet", with: refusal)
        world.clock.advance(.minutes(1))
        let failed = try await PipelineController(environment: world.env).runOnce()
        #expect(!failed.allReady)
        let ready = try #require(world.condition(Condition.ready))
        #expect(ready.status == .false && ready.reason == "PullRequestFailed")
        #expect(ready.message == "cannot close the pull request #1 (promote/production → main) of GitHub repository team/fleet: "
            + "PATCH http://forge.invalid/repos/team/fleet/pulls/1 answered 500 Internal Server Error: the forge failed (the forge says: boom) "
            + "(the branch 'promote/production' is kept; Ferry tries again on the next run)")
        #expect(world.condition(PullRequestStatus.condition)?.status == .false)
        #expect(try await world.repository.revision("promote/production") == head, "nothing lost: the branch is as it was")
        #expect(await world.forge.pullRequests.first?.isOpen == true)

        await world.forge.clearFailures()
        world.clock.advance(.minutes(1))
        let recovered = try await PipelineController(environment: world.env).runOnce()
        #expect(recovered.allReady, "\(recovered.results)")
        #expect(await world.forge.pullRequests.first?.isOpen == false)
        #expect(try await world.repository.branches() == ["main"])
    }

    @Test("Promotion without pull requests stalls, naming the annotation")
    func promotionNeedsPullRequest() async throws {
        let world = try await World(
            files: ["staging/app.yaml": Self.deployment("app", "1.4.0"), "production/app.yaml": Self.deployment("app", "1.0.0")],
            images: ["ghcr.io/acme/app": ["1.4.0": "sha256:b"]],
            automation: try Self.automation(path: "./production", annotations: ["ferry.dev/promote-from": "./staging"]))
        defer { world.repository.remove() }
        _ = try await PipelineController(environment: world.env).runOnce()
        let stalled = try #require(world.condition("Stalled"))
        #expect(stalled.reason == "InvalidFerryAnnotation")
        #expect(stalled.message == "metadata.annotations[ferry.dev/promote-from]: invalid value \"staging\": "
            + "needs ferry.dev/pull-request: \"true\": a promotion always goes through a pull request")
        #expect(await world.forge.published.isEmpty)
    }

    @Test("Two policies changing within the batch window give one commit with both")
    func batching() async throws {
        let world = try await World(
            files: ["clusters/app.yaml": Self.deployment("app", "1.0.0"), "clusters/web.yaml": Self.deployment("web", "2.0.0")],
            images: ["ghcr.io/acme/app": ["1.0.0": "sha256:a"], "ghcr.io/acme/web": ["2.0.0": "sha256:w"]],
            automation: try Self.automation(annotations: ["ferry.dev/batch-window": "2s"], pushBranch: "main"))
        defer { world.repository.remove() }
        // The world's clock, moved by hand: the window closes when the test says so, however long the reconciles
        // in between take on a loaded machine (with the real clock, a second change arriving more than 2 s after
        // the first went into a commit of its own).
        let env = world.env
        let runs = Mutex<[String]>([])
        var configuration = PipelineController.Configuration()
        configuration.onReconcile = { id, _, _ in runs.withLock { $0.append(id.kind + "/" + id.name) } }
        // Reconcile requests land where the objects live, as `ferry run` records them in its state file.
        let objects = world.objects
        configuration.annotate = { id, value in
            guard id.kind == "ImageRepository", var repository = objects.stored(ImageRepository.self, ObjectKey(namespace: id.namespace, name: id.name)) else { return }
            repository.metadata.annotations[ObjectMeta.requestedAtAnnotation] = value
            objects.put(repository)
        }
        let controller = PipelineController(environment: env, configuration: configuration)
        // Settle: everything at the tags the files already hold, nothing committed.
        let seed = try await world.repository.revision()
        #expect(try await controller.runOnce().allReady)
        #expect(try await world.repository.revision() == seed)
        let task = Task { try await controller.run() }
        defer { task.cancel() }
        // The watches deliver every object once (the repositories run again, finding nothing new).
        try await Self.waitUntil("the watches") { runs.withLock { Set($0).isSuperset(of: ["ImageRepository/app", "ImageRepository/web"]) } }
        // Whatever window the settling opened passes, and one automation run starting after that (which ends any
        // batch) finishes: the releases below open a window of their own.
        world.clock.advance(.seconds(3))
        let before = runs.withLock { $0.filter { $0.hasPrefix("ImageUpdateAutomation") }.count }
        _ = try await controller.requestReconcile(of: [EventSourceReference(kind: "ImageUpdateAutomation", name: "fleet")], in: "flux-system", requestedAt: env.now())
        try await Self.waitUntil("the settling automation run") { runs.withLock { $0.filter { $0.hasPrefix("ImageUpdateAutomation") }.count } > before }
        #expect(try await world.repository.revision() == seed)
        let settled = runs.withLock { $0.filter { $0.hasPrefix("ImageUpdateAutomation") }.count }

        // Two releases within the window: a scan of each is requested.
        world.clock.advance(.seconds(1))
        world.registry.set("ghcr.io/acme/app", ["1.0.0": "sha256:a", "1.1.0": "sha256:b"])
        _ = try await controller.requestReconcile(of: [EventSourceReference(kind: "ImageRepository", name: "app")], in: "flux-system", requestedAt: env.now())
        try await Self.waitUntil("policy app at 1.1.0") { world.objects.stored(ImagePolicy.self, ObjectKey(namespace: "flux-system", name: "app"))?.status.latestRef?.tag == "1.1.0" }
        world.clock.advance(.seconds(1))
        world.registry.set("ghcr.io/acme/web", ["2.0.0": "sha256:w", "2.1.0": "sha256:x"])
        _ = try await controller.requestReconcile(of: [EventSourceReference(kind: "ImageRepository", name: "web")], in: "flux-system", requestedAt: env.now())
        try await Self.waitUntil("policy web at 2.1.0") { world.objects.stored(ImagePolicy.self, ObjectKey(namespace: "flux-system", name: "web"))?.status.latestRef?.tag == "2.1.0" }
        #expect(try await world.repository.revision() == seed, "nothing is committed while the window is open")
        // The window (opened 1 s before, 2 s long) passes.
        world.clock.advance(.seconds(2))
        try await Self.waitUntil("a commit") { try await world.repository.revision() != seed }
        try await Self.waitUntil("the automation run") { runs.withLock { $0.filter { $0.hasPrefix("ImageUpdateAutomation") }.count } > settled }

        let log = try await world.repository.log()
        #expect(log.components(separatedBy: "ferry <ferry@example.com>").count - 1 == 1, "one commit on top of the seed: \(log)")
        #expect(log.contains("ghcr.io/acme/app:1.1.0 ghcr.io/acme/web:2.1.0"), "\(log)")
        #expect(try await world.repository.show("main", "clusters/app.yaml").contains("app:1.1.0"))
        #expect(try await world.repository.show("main", "clusters/web.yaml").contains("web:2.1.0"))
    }

    static func waitUntil(_ what: String, _ condition: () async throws -> Bool) async throws {
        // Bounded by the wall clock, generously: a reconcile takes milliseconds alone and seconds on a loaded CI machine.
        let deadline = ContinuousClock.now + .seconds(120)
        while ContinuousClock.now < deadline {
            if try await condition() { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("\(what) did not happen within 120 s")
        throw FixtureError(description: "timed out")
    }
}

/// A registry whose tags tests change while the pipeline runs.
final class MutableRegistry: RegistryClient {
    private let client: Mutex<InMemoryRegistryClient>

    init(_ repositories: [String: KeyValuePairs<String, String>]) { client = Mutex(InMemoryRegistryClient(repositories: repositories)) }

    func set(_ repository: String, _ tags: KeyValuePairs<String, String>) { client.withLock { $0.repositories[repository] = tags } }

    func listTags(in repository: ImageRepositoryName, access: RegistryAccess) async throws(RegistryError) -> TagListing {
        try await client.withLock { $0 }.listTags(in: repository, access: access)
    }

    func digest(of tag: String, in repository: ImageRepositoryName, access: RegistryAccess) async throws(RegistryError) -> String {
        try await client.withLock { $0 }.digest(of: tag, in: repository, access: access)
    }
}
