import FerryCore
import FerryReconciler
import FerryRegistry
import FerryStore
import FerryTesting
import Testing

@Suite("ImagePolicy reconciler")
struct ImagePolicyReconcilerTests {
    static let key = ObjectKey(namespace: "flux-system", name: "app")

    /// Scans `tags` into the store through the repository reconciler, then reconciles the policy.
    func reconcile(tags: KeyValuePairs<String, String>, policy: ImagePolicy, objects: InMemoryObjects, env: inout ReconcilerEnvironment) async throws -> ReconcileReport<ImagePolicy> {
        env.registry = InMemoryRegistryClient(repositories: ["ghcr.io/acme/app": tags])
        if objects.stored(ImageRepository.self, Self.key) == nil { objects.put(try Fixture.repository()) }
        var repository = try #require(objects.stored(ImageRepository.self, Self.key))
        repository.metadata.annotations[ObjectMeta.requestedAtAnnotation] = "\(objects.events.count)"
        objects.put(repository)
        _ = await ImageRepositoryReconciler.reconcile(try #require(objects.stored(ImageRepository.self, Self.key)), env)
        if objects.stored(ImagePolicy.self, Self.key) == nil { objects.put(policy) }
        return await ImagePolicyReconciler.reconcile(try #require(objects.stored(ImagePolicy.self, Self.key)), env)
    }

    @Test("semver selects the highest version in range and reports latestRef")
    func semver() async throws {
        let objects = InMemoryObjects()
        var env = try Fixture.environment(objects: objects, registry: InMemoryRegistryClient())
        let report = try await reconcile(
            tags: ["1.0.0": "sha256:a", "1.2.0": "sha256:b", "2.0.0-rc.1": "sha256:c", "latest": "sha256:d"],
            policy: try Fixture.policy(policy: "semver:\n      range: '^1.0.0'"), objects: objects, env: &env)
        #expect(report.error == nil)
        let written = try #require(objects.stored(ImagePolicy.self, Self.key))
        #expect(written.status.latestRef?.name == "ghcr.io/acme/app")
        #expect(written.status.latestRef?.tag == "1.2.0")
        #expect(written.status.latestRef?.digest == nil)
        let ready = try #require(written.status.conditions.first { $0.type == "Ready" })
        #expect(ready.status == .true)
        #expect(ready.message == "Latest image tag for ghcr.io/acme/app resolved to 1.2.0")
        #expect(objects.events.last?.message == "Latest image tag for ghcr.io/acme/app resolved to 1.2.0")
    }

    @Test("digestReflectionPolicy Always records the tag's digest")
    func digest() async throws {
        let objects = InMemoryObjects()
        var env = try Fixture.environment(objects: objects, registry: InMemoryRegistryClient())
        let policy = try Fixture.policy(extra: "  digestReflectionPolicy: Always\n  interval: 1h")
        _ = try await reconcile(tags: ["1.0.0": "sha256:aaa", "1.1.0": "sha256:bbb"], policy: policy, objects: objects, env: &env)
        let written = try #require(objects.stored(ImagePolicy.self, Self.key))
        #expect(written.status.latestRef?.tag == "1.1.0")
        #expect(written.status.latestRef?.digest == "sha256:bbb")
    }

    @Test("A newer tag moves latestRef and keeps the old one as observedPreviousRef")
    func update() async throws {
        let objects = InMemoryObjects()
        var env = try Fixture.environment(objects: objects, registry: InMemoryRegistryClient())
        _ = try await reconcile(tags: ["1.0.0": "sha256:a"], policy: try Fixture.policy(), objects: objects, env: &env)
        _ = try await reconcile(tags: ["1.0.0": "sha256:a", "1.0.1": "sha256:b"], policy: try Fixture.policy(), objects: objects, env: &env)
        let written = try #require(objects.stored(ImagePolicy.self, Self.key))
        #expect(written.status.latestRef?.tag == "1.0.1")
        #expect(written.status.observedPreviousRef?.tag == "1.0.0")
        #expect(written.status.conditions.first { $0.type == "Ready" }?.message == "Latest image tag for ghcr.io/acme/app resolved to 1.0.1 (previously ghcr.io/acme/app:1.0.0)")
    }

    @Test("A tag that vanishes from the registry never makes the policy go back (Ferry's downgrade guard)")
    func downgradeRefused() async throws {
        let objects = InMemoryObjects()
        let notifications = RecordingEventRecorder()
        var env = try Fixture.environment(objects: objects, registry: InMemoryRegistryClient(), notifications: notifications)
        _ = try await reconcile(tags: ["1.0.0": "sha256:a", "1.1.0": "sha256:b"], policy: try Fixture.policy(), objects: objects, env: &env)
        let report = try await reconcile(tags: ["1.0.0": "sha256:a"], policy: try Fixture.policy(), objects: objects, env: &env)
        #expect(report.error == nil)
        let written = try #require(objects.stored(ImagePolicy.self, Self.key))
        #expect(written.status.latestRef?.tag == "1.1.0")
        #expect(objects.events.contains { $0.reason == "DowngradeRefused" && $0.message.contains("1.0.0") })
        #expect(notifications.events.contains { $0.reason == "DowngradeRefused" })
    }

    @Test("With allowDowngrades set, the policy follows the registry back as Flux does")
    func downgradeAllowed() async throws {
        let objects = InMemoryObjects()
        var options = ReconcilerEnvironment.Options()
        options.allowDowngrades = true
        var env = try Fixture.environment(objects: objects, registry: InMemoryRegistryClient(), options: options)
        _ = try await reconcile(tags: ["1.0.0": "sha256:a", "1.1.0": "sha256:b"], policy: try Fixture.policy(), objects: objects, env: &env)
        _ = try await reconcile(tags: ["1.0.0": "sha256:a"], policy: try Fixture.policy(), objects: objects, env: &env)
        #expect(objects.stored(ImagePolicy.self, Self.key)?.status.latestRef?.tag == "1.0.0")
    }

    @Test("No tag in range marks Ready False with Flux's message")
    func nothingInRange() async throws {
        let objects = InMemoryObjects()
        var env = try Fixture.environment(objects: objects, registry: InMemoryRegistryClient())
        let report = try await reconcile(
            tags: ["0.1.0": "sha256:a"], policy: try Fixture.policy(policy: "semver:\n      range: '>=1.0.0'"), objects: objects, env: &env)
        #expect(report.error != nil)
        let ready = try #require(objects.stored(ImagePolicy.self, Self.key)?.status.conditions.first { $0.type == "Ready" })
        #expect(ready.status == .false)
        #expect(ready.message.contains("no tag") || ready.message.contains("unable to determine latest version"))
    }

    @Test("A missing ImageRepository is a dependency that is not ready")
    func missingRepository() async throws {
        let objects = InMemoryObjects()
        objects.put(try Fixture.policy(repository: "nope"))
        let env = try Fixture.environment(objects: objects, registry: InMemoryRegistryClient())
        let report = await ImagePolicyReconciler.reconcile(try #require(objects.stored(ImagePolicy.self, Self.key)), env)
        #expect(report.outcome != .succeeded(requeueAfter: nil))
        let ready = try #require(objects.stored(ImagePolicy.self, Self.key)?.status.conditions.first { $0.type == "Ready" })
        #expect(ready.status == .false)
        #expect(ready.message.contains("nope"))
    }
}

@Suite("ImagePolicy reconciler: the ferry.dev/quarantined-tags annotation")
struct ImagePolicyQuarantineAnnotationTests {
    @Test("A tag quarantined by the annotation is not selected; the status lists it")
    func annotatedTagIsHeldBack() async throws {
        let objects = InMemoryObjects()
        var env = try Fixture.environment(objects: objects, registry: InMemoryRegistryClient())
        var policy = try Fixture.policy()
        policy.metadata.annotations[PolicyQuarantineAnnotation.key] = #"[{"tag":"1.1.0","reason":"rolled back","since":"2026-12-01T15:02:11Z"}]"#
        _ = try await ImagePolicyReconcilerTests().reconcile(
            tags: ["1.0.0": "sha256:a", "1.1.0": "sha256:b"], policy: policy, objects: objects, env: &env)
        let written = try #require(objects.stored(ImagePolicy.self, ImagePolicyReconcilerTests.key))
        #expect(written.status.latestRef?.tag == "1.0.0")
        #expect(written.status.quarantinedTags?.map(\.tag) == ["1.1.0"])
        #expect(written.status.quarantinedTags?.first?.reason == "rolled back")
    }

    @Test("An annotation that cannot be read stalls the policy, naming the annotation and the value")
    func invalidAnnotationStalls() async throws {
        let objects = InMemoryObjects()
        var env = try Fixture.environment(objects: objects, registry: InMemoryRegistryClient())
        var policy = try Fixture.policy()
        policy.metadata.annotations[PolicyQuarantineAnnotation.key] = "1.1.0"
        _ = try await ImagePolicyReconcilerTests().reconcile(tags: ["1.0.0": "sha256:a"], policy: policy, objects: objects, env: &env)
        let written = try #require(objects.stored(ImagePolicy.self, ImagePolicyReconcilerTests.key))
        let stalled = try #require(written.status.conditions.first { $0.type == "Stalled" })
        #expect(stalled.message.hasPrefix("metadata.annotations[ferry.dev/quarantined-tags]: invalid value \"1.1.0\": is not JSON"), "\(stalled.message)")
        #expect(stalled.reason == ReconcileReason.invalidPolicy)
        #expect(written.status.latestRef == nil)
    }
}
