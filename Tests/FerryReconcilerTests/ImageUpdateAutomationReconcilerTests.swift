import FerryCore
import FerryReconciler
import FerryRegistry
import FerryStore
import FerryTesting
import Foundation
import Testing

@Suite("ImageUpdateAutomation reconciler and the pipeline, over a real Git repository")
struct ImageUpdateAutomationReconcilerTests {
    static let deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: app
        spec:
          template:
            spec:
              containers:
              - name: app
                image: ghcr.io/acme/app:1.0.0 # {"$imagepolicy": "flux-system:app"}

        """

    func pipeline(_ repository: TestRepository, tags: KeyValuePairs<String, String>, automation: ImageUpdateAutomation) throws -> (InMemoryObjects, ReconcilerEnvironment) {
        let objects = InMemoryObjects()
        objects.put(try Fixture.repository())
        objects.put(try Fixture.policy())
        objects.put(try Fixture.gitRepository(url: repository.url))
        objects.put(automation)
        let env = try Fixture.environment(objects: objects, registry: InMemoryRegistryClient(repositories: ["ghcr.io/acme/app": tags]))
        return (objects, env)
    }

    @Test("runOnce scans, selects, rewrites the marker, commits with the template and pushes")
    func endToEnd() async throws {
        let repository = try await TestRepository(files: ["clusters/app.yaml": Self.deployment, "README.md": "untouched\n"])
        defer { repository.remove() }
        let seed = try await repository.revision()
        let (objects, env) = try pipeline(
            repository, tags: ["1.0.0": "sha256:a", "1.2.3": "sha256:b"], automation: try Fixture.automation(template: "Update {{range .Changed.Changes}}{{.OldValue}} to {{.NewValue}}{{end}}"))

        let summary = try await PipelineController(environment: env).runOnce()

        #expect(summary.allReady, "\(summary.results)")
        #expect(summary.results.map(\.id.kind) == ["ImageRepository", "ImagePolicy", "ImageUpdateAutomation"])
        let updated = try await repository.show("main", "clusters/app.yaml")
        #expect(updated == Self.deployment.replacingOccurrences(of: "app:1.0.0", with: "app:1.2.3"))
        #expect(try await repository.show("main", "README.md") == "untouched\n")
        let log = try await repository.log()
        #expect(log.hasPrefix("fluxcdbot <fluxcdbot@users.noreply.github.com>\nUpdate ghcr.io/acme/app:1.0.0 to ghcr.io/acme/app:1.2.3--\n"), "the message is committed exactly as rendered, without a trailing newline, as go-git does")
        let head = try await repository.revision()
        #expect(head != seed)
        let automation = try #require(objects.stored(ImageUpdateAutomation.self, ObjectKey(namespace: "flux-system", name: "flux-system")))
        #expect(automation.status.lastPushCommit == head)
        #expect(automation.status.lastPushTime != nil)
        #expect(automation.status.observedPolicies?["app"]?.tag == "1.2.3")
        #expect(automation.status.conditions.first { $0.type == "Ready" }?.message == "repository up-to-date")
        let push = try #require(objects.events.last { $0.regarding.kind == "ImageUpdateAutomation" })
        #expect(push.type == .normal)
        #expect(push.message.hasPrefix("pushed commit '\(head.prefix(7))' to branch 'main'\nUpdate ghcr.io/acme/app:1.0.0"))

        // Nothing new: a second pass pushes nothing.
        let again = try await PipelineController(environment: env).runOnce()
        #expect(again.allReady)
        #expect(try await repository.revision() == head)
    }

    @Test("push.branch sends the commit to a separate branch and leaves main alone")
    func separateBranch() async throws {
        let repository = try await TestRepository(files: ["clusters/app.yaml": Self.deployment])
        defer { repository.remove() }
        let seed = try await repository.revision()
        let (_, env) = try pipeline(repository, tags: ["1.0.0": "sha256:a", "1.0.1": "sha256:b"], automation: try Fixture.automation(pushBranch: "flux/image-updates"))
        let summary = try await PipelineController(environment: env).runOnce()
        #expect(summary.allReady, "\(summary.results)")
        #expect(try await repository.revision("main") == seed)
        #expect(try await repository.show("flux/image-updates", "clusters/app.yaml").contains("ghcr.io/acme/app:1.0.1 # {\"$imagepolicy\""))
    }

    @Test("A template using a field Flux removed stalls with RemovedTemplateField and pushes nothing")
    func removedField() async throws {
        let repository = try await TestRepository(files: ["clusters/app.yaml": Self.deployment])
        defer { repository.remove() }
        let seed = try await repository.revision()
        let (objects, env) = try pipeline(repository, tags: ["1.0.1": "sha256:b"], automation: try Fixture.automation(template: "{{range .Updated.Images}}{{.}}{{end}}"))
        var options = env.options
        options.templateFields = .flux
        var fluxEnv = env
        fluxEnv.options = options
        let summary = try await PipelineController(environment: fluxEnv).runOnce()
        #expect(!summary.allReady)
        #expect(try await repository.revision() == seed)
        let automation = try #require(objects.stored(ImageUpdateAutomation.self, ObjectKey(namespace: "flux-system", name: "flux-system")))
        #expect(automation.status.conditions.first { $0.type == "Stalled" }?.reason == "RemovedTemplateField")
    }

    @Test("A missing GitRepository fails with Flux's source manager message")
    func missingSource() async throws {
        let objects = InMemoryObjects()
        objects.put(try Fixture.automation())
        let env = try Fixture.environment(objects: objects, registry: InMemoryRegistryClient())
        let key = ObjectKey(namespace: "flux-system", name: "flux-system")
        let report = await ImageUpdateAutomationReconciler.reconcile(try #require(objects.stored(ImageUpdateAutomation.self, key)), env)
        #expect(report.outcome == .failed)
        let ready = try #require(objects.stored(ImageUpdateAutomation.self, key)?.status.conditions.first { $0.type == "Ready" })
        #expect(ready.reason == "SourceManagerFailed")
        #expect(ready.message == "failed configuring source manager: referenced git repository does not exist: gitrepositories.source.toolkit.fluxcd.io \"flux-system\" not found")
    }

    @Test("An unreachable Git remote fails at checkout, with the status saying so")
    func unreachable() async throws {
        let objects = InMemoryObjects()
        objects.put(try Fixture.gitRepository(url: "file:///nonexistent/ferry/repo.git"))
        objects.put(try Fixture.automation())
        let env = try Fixture.environment(objects: objects, registry: InMemoryRegistryClient())
        let key = ObjectKey(namespace: "flux-system", name: "flux-system")
        let report = await ImageUpdateAutomationReconciler.reconcile(try #require(objects.stored(ImageUpdateAutomation.self, key)), env)
        #expect(report.outcome == .failed)
        let ready = try #require(objects.stored(ImageUpdateAutomation.self, key)?.status.conditions.first { $0.type == "Ready" })
        #expect(ready.reason == "GitOperationFailed")
        #expect(ready.message.hasPrefix("failed to checkout source: "))
        #expect(objects.events.last?.type == .warning)
    }
}
