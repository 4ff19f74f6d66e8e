import FerryCore
import FerryManifests
import FerryStandalone
import FerryStore
import FerryTesting
import Foundation
import Testing

@Suite struct FolderObjectSourceTests {
    @Test func readsMultiDocumentFilesInNestedFoldersWithDefaults() async throws {
        let fixture = try Fixture()
        defer { fixture.cleanUp() }
        try fixture.write("apps/podinfo.yaml", Manifests.repository("podinfo") + "\n---\n" + Manifests.policy("podinfo"))
        try fixture.write(
            "infra/deep/automation.yml",
            """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: podinfo
            ---
            apiVersion: source.toolkit.fluxcd.io/v1
            kind: GitRepository
            metadata:
              name: flux-system
            spec:
              url: https://example.com/repo.git
              interval: 1m
            ---
            apiVersion: image.toolkit.fluxcd.io/v1
            kind: ImageUpdateAutomation
            metadata:
              name: flux-system
              namespace: apps
            spec:
              interval: 30m
              sourceRef:
                name: flux-system
              git:
                commit:
                  author:
                    email: bot@example.com
            """)
        try fixture.write("kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [apps]\n")
        try fixture.write("notes.txt", "apiVersion: image.toolkit.fluxcd.io/v1\nkind: ImagePolicy\n")
        let source = fixture.source(store: try fixture.store())

        let repositories = try await source.list(ImageRepository.self, namespace: nil, selector: nil)
        #expect(repositories.map(\.metadata.name) == ["podinfo"])
        let repository = try #require(repositories.first)
        #expect(repository.metadata.namespace == "flux-system")
        #expect(repository.metadata.generation == 1)
        #expect(repository.spec.provider == "generic")
        #expect(repository.spec.exclusionList == ExclusionList.defaultPatterns)

        let policy = try #require(try await source.get(ImagePolicy.self, ObjectKey(namespace: "flux-system", name: "podinfo")))
        #expect(policy.spec.digestReflectionPolicy == .never)
        #expect(policy.spec.policy.alphabetical?.order == "asc")

        let automations = try await source.list(ImageUpdateAutomation.self, namespace: "apps", selector: nil)
        let automation = try #require(automations.first)
        #expect(automation.spec.sourceRef.kind == "GitRepository")
        #expect(automation.spec.update?.strategy == "Setters")
        #expect(try await source.list(ImageUpdateAutomation.self, namespace: "flux-system", selector: nil).isEmpty)

        let git = try #require(try await source.get(GitRepository.self, ObjectKey(namespace: "flux-system", name: "flux-system")))
        #expect(git.spec.effectiveTimeout == .seconds(60))
        #expect(try await source.errors().isEmpty)
        let location = try #require(try await source.location(of: ObjectID(kind: "ImagePolicy", namespace: "flux-system", name: "podinfo")))
        #expect(location.file == fixture.manifests + "/apps/podinfo.yaml")
        #expect(location.line == 10)
    }

    @Test func anInvalidObjectIsReportedWithFileLineObjectFieldAndValueWhileTheOthersWork() async throws {
        let fixture = try Fixture()
        defer { fixture.cleanUp() }
        try fixture.write("good.yaml", Manifests.repository("podinfo"))
        try fixture.write("bad.yaml", Manifests.policy("good") + "\n---\n" + Manifests.policy("sideways", order: "sideways"))
        try fixture.write("z/broken.yaml", "apiVersion: image.toolkit.fluxcd.io/v1\nkind: ImageRepository\nmetadata: [\n")
        try fixture.write(
            "z/versions.yaml",
            """
            apiVersion: image.toolkit.fluxcd.io/v1alpha1
            kind: ImageRepository
            metadata:
              name: old
            spec:
              image: x
            ---
            apiVersion: image.toolkit.fluxcd.io/v1
            kind: ImageRepository
            metadata:
              namespace: apps
            spec:
              image: nameless
            """)
        let source = fixture.source(store: try fixture.store())

        #expect(try await source.list(ImageRepository.self, namespace: nil, selector: nil).map(\.metadata.name) == ["podinfo"])
        #expect(try await source.list(ImagePolicy.self, namespace: nil, selector: nil).map(\.metadata.name) == ["good"])
        let errors = try await source.errors()
        let byFile = Dictionary(grouping: errors, by: \.file)
        let order = try #require(byFile[fixture.manifests + "/bad.yaml"]?.first)
        #expect(order.line == 21)
        #expect(order.object == "ImagePolicy/flux-system/sideways")
        #expect(order.field == "spec.policy.alphabetical.order")
        #expect(order.value == "sideways")
        #expect(order.description.hasPrefix(fixture.manifests + "/bad.yaml:21: ImagePolicy/flux-system/sideways: spec.policy.alphabetical.order \"sideways\": "))
        let broken = try #require(byFile[fixture.manifests + "/z/broken.yaml"]?.first)
        #expect(broken.line != nil)
        #expect(broken.reason.contains("invalid YAML"))
        let versions = byFile[fixture.manifests + "/z/versions.yaml"] ?? []
        #expect(versions.map(\.field) == ["apiVersion", "metadata.name"])
        #expect(versions.first?.value == "image.toolkit.fluxcd.io/v1alpha1")
        #expect(versions.first?.line == 1)
        #expect(errors.count == 4)
    }

    @Test func anObjectDefinedTwiceKeepsItsFirstDefinition() async throws {
        let fixture = try Fixture()
        defer { fixture.cleanUp() }
        try fixture.write("a.yaml", Manifests.repository("podinfo", image: "ghcr.io/a/first"))
        try fixture.write("b.yaml", Manifests.repository("podinfo", image: "ghcr.io/b/second"))
        let source = fixture.source(store: try fixture.store())
        #expect(try await source.list(ImageRepository.self, namespace: nil, selector: nil).map(\.spec.image) == ["ghcr.io/a/first"])
        let error = try #require(try await source.errors().first)
        #expect(error.file == fixture.manifests + "/b.yaml")
        #expect(error.reason.contains("defined again"))
    }

    @Test func theWatchedFolderDeliversAddedModifiedAndDeletedObjects() async throws {
        let fixture = try Fixture()
        defer { fixture.cleanUp() }
        try fixture.write("one.yaml", Manifests.policy("one"))
        let source = fixture.source(store: try fixture.store())
        var events = Events(source.changes(of: ImagePolicy.self))
        #expect(try await events.initial().map(\.summary) == ["added one", "synced"])

        try fixture.write("sub/two.yaml", Manifests.policy("two"))
        try await source.rescan()
        #expect(try await events.next()?.summary == "added two")

        try fixture.write("one.yaml", Manifests.policy("one", order: "desc"))
        try await source.rescan()
        let modified = try #require(try await events.next())
        #expect(modified.summary == "modified one")
        #expect(modified.object?.spec.policy.alphabetical?.order == "desc")
        #expect(modified.object?.metadata.generation == 2)

        try fixture.remove("sub/two.yaml")
        try await source.rescan()
        #expect(try await events.next()?.summary == "deleted two")

        // A change that breaks the object keeps its last good version; fixing it delivers the fix.
        try fixture.write("one.yaml", Manifests.policy("one", order: "sideways"))
        try await source.rescan()
        #expect(try await source.get(ImagePolicy.self, ObjectKey(namespace: "flux-system", name: "one"))?.spec.policy.alphabetical?.order == "desc")
        #expect(try await source.errors().count == 1)
        try fixture.write("one.yaml", Manifests.policy("one", order: "asc"))
        try await source.rescan()
        #expect(try await events.next()?.object?.spec.policy.alphabetical?.order == "asc")
        #expect(try await source.errors().isEmpty)
    }

    @Test func pollingPicksUpAChangeWithoutBeingAsked() async throws {
        let fixture = try Fixture()
        defer { fixture.cleanUp() }
        try fixture.write("one.yaml", Manifests.repository("one"))
        let source = fixture.source(store: try fixture.store(), poll: .milliseconds(20))
        var events = Events(source.changes(of: ImageRepository.self))
        #expect(try await events.initial().map(\.summary) == ["added one", "synced"])
        try fixture.write("two.yaml", Manifests.repository("two"))
        #expect(try await events.next()?.summary == "added two")
    }

    @Test func scansOfAnUnchangedFolderDeliverNothingAndTheNextChangeIsSeen() async throws {
        let fixture = try Fixture()
        defer { fixture.cleanUp() }
        try fixture.write("one.yaml", Manifests.policy("one"))
        try fixture.write("two.yaml", Manifests.policy("two"))
        let store = try fixture.store()
        let source = fixture.source(store: store)
        var events = Events(source.changes(of: ImagePolicy.self))
        #expect(try await events.initial().map(\.summary) == ["added one", "added two", "synced"])
        for _ in 0..<5 { try await source.rescan() }
        // The same bytes written again (a new modification time): read, digested, found equal.
        try fixture.write("one.yaml", Manifests.policy("one"))
        try await source.rescan()
        // An override alone (no file changed) is still seen.
        try await store.setSuspend(true, for: ObjectID(kind: "ImagePolicy", namespace: "flux-system", name: "two"), at: Timestamp(secondsSinceEpoch: 1))
        try await source.rescan()
        let suspended = try #require(try await events.next())
        #expect(suspended.summary == "modified two", "the first event after the unchanged scans is the override")
        #expect(suspended.object?.spec.suspend == true)
        try fixture.write("one.yaml", Manifests.policy("one", order: "desc"))
        try await source.rescan()
        #expect(try await events.next()?.summary == "modified one")
    }

    /// A scan that finds the files unchanged and only overrides changed re-derives just the objects whose override
    /// changed. Seeded random steps (reconcile requests, suspend and resume, files rewritten with the same or other
    /// bytes); after each, the source's objects equal those of a new source reading everything afresh, and the
    /// events name exactly the objects that changed. (Events are buffered before `rescan()` returns, so an expected one
    /// is read at once; the time limit only ends a run in which one never comes.)
    @Test(.timeLimit(.minutes(10)), arguments: [1, 2, 3])
    func overrideOnlyScansMatchAFullScan(seed: UInt64) async throws {
        let fixture = try Fixture()
        defer { fixture.cleanUp() }
        let names = (0..<6).map { "p\($0)" }
        for name in names { try fixture.write("\(name).yaml", Manifests.policy(name)) }
        let store = try fixture.store()
        let source = fixture.source(store: store)
        var events = Events(source.changes(of: ImagePolicy.self))
        #expect(try await events.initial().count == names.count + 1)
        var random = SplitMix64(seed: seed)
        var orders = Dictionary(uniqueKeysWithValues: names.map { ($0, "asc") })
        var clock: Int64 = 1
        var step = 0
        for _ in 0..<40 {
            // Each step changes at most one object, so `expected` is the whole list of events it delivers.
            step += 1
            clock += 1
            let name = names[Int(random.next() % UInt64(names.count))]
            let id = ObjectID(kind: "ImagePolicy", namespace: "flux-system", name: name)
            var expected: Set<String> = []
            switch random.next() % 4 {
            case 0:
                try await store.requestReconcile(id, value: "request-\(step)", at: Timestamp(secondsSinceEpoch: clock))
                expected = [name]
            case 1:
                let before = try #require(try await source.get(ImagePolicy.self, ObjectKey(namespace: "flux-system", name: name)))
                let wanted = random.next() % 2 == 0
                try await store.setSuspend(wanted, for: id, at: Timestamp(secondsSinceEpoch: clock))
                if (before.spec.suspend ?? false) != wanted { expected = [name] }
            case 2:
                let order = random.next() % 2 == 0 ? "asc" : "desc"
                try fixture.write("\(name).yaml", Manifests.policy(name, order: order))
                if orders[name] != order { expected = [name] }
                orders[name] = order
            default:
                // The same bytes again: a new modification time, nothing to deliver.
                try fixture.write("\(name).yaml", Manifests.policy(name, order: orders[name] ?? "asc"))
            }
            try await source.rescan()
            let incremental = try await source.list(ImagePolicy.self, namespace: nil, selector: nil)
            let full = try await fixture.source(store: store).list(ImagePolicy.self, namespace: nil, selector: nil)
            try #require(incremental == full, "seed \(seed) step \(step): the override-only scan differs from a full one")
            if !expected.isEmpty {
                let event = try #require(try await events.next())
                #expect(event.summary == "modified \(name)", "seed \(seed) step \(step)")
            }
            if step % 10 == 0 {
                // Nothing else is pending: one more reconcile request is the very next event.
                try await store.requestReconcile(id, value: "marker-\(step)", at: Timestamp(secondsSinceEpoch: clock))
                try await source.rescan()
                let marker = try #require(try await events.next())
                #expect(marker.summary == "modified \(name)", "seed \(seed) step \(step)")
                #expect(marker.object?.metadata.annotations["reconcile.fluxcd.io/requestedAt"] == "marker-\(step)")
            }
        }
    }

    @Test func overridesInTheStateFileAreLaidOverTheFilesWhichStayUntouched() async throws {
        let fixture = try Fixture()
        defer { fixture.cleanUp() }
        try fixture.write("podinfo.yaml", Manifests.repository("podinfo"))
        let before = try fixture.contents("podinfo.yaml")
        let store = try fixture.store()
        let source = fixture.source(store: store)
        var events = Events(source.changes(of: ImageRepository.self))
        _ = try await events.initial()
        let id = ObjectID(kind: "ImageRepository", namespace: "flux-system", name: "podinfo")

        try await store.setSuspend(true, for: id, at: Timestamp(secondsSinceEpoch: 1))
        try await source.rescan()
        let suspended = try #require(try await events.next()?.object)
        #expect(suspended.spec.suspend == true)
        #expect(suspended.metadata.generation == 2)

        try await store.requestReconcile(id, value: "2026-12-01T10:00:00.123456789Z", at: Timestamp(secondsSinceEpoch: 2))
        try await source.rescan()
        let requested = try #require(try await events.next()?.object)
        #expect(requested.metadata.reconcileRequestedAt == "2026-12-01T10:00:00.123456789Z")
        #expect(requested.metadata.generation == 2)

        // Another source over the same state file (a restarted `ferry run`) sees the same.
        let again = try #require(try await fixture.source(store: try fixture.store()).get(ImageRepository.self, ObjectKey(namespace: id.namespace, name: id.name)))
        #expect(again.spec.suspend == true)
        #expect(again.metadata.generation == 2)
        #expect(try fixture.contents("podinfo.yaml") == before)

        // Editing the file's own `suspend` wins over the override from then on.
        try fixture.write("podinfo.yaml", Manifests.repository("podinfo", extra: "  suspend: true\n  timeout: 30s"))
        try await source.rescan()
        let edited = try #require(try await events.next()?.object)
        #expect(edited.spec.suspend == true)
        #expect(edited.metadata.reconcileRequestedAt == "2026-12-01T10:00:00.123456789Z")
        #expect(try await store.overrides(ofKind: "ImageRepository").first?.suspend == nil)
        try fixture.write("podinfo.yaml", Manifests.repository("podinfo", extra: "  timeout: 30s"))
        try await source.rescan()
        #expect(try await events.next()?.object?.spec.suspend == nil)
    }

    @Test func statusIsWrittenToTheStateFileAndDeliveredAsAModification() async throws {
        let fixture = try Fixture()
        defer { fixture.cleanUp() }
        try fixture.write("podinfo.yaml", Manifests.repository("podinfo"))
        let source = fixture.source(store: try fixture.store())
        var events = Events(source.changes(of: ImageRepository.self))
        let initial = try await events.initial()
        var repository = try #require(initial.first?.object)
        let previous = repository.status
        repository.status.observedGeneration = 1
        repository.status.lastScanResult = ImageRepository.ScanResult(revision: "abc", tagCount: 3, scanTime: "2026-12-01T10:00:00Z", latestTags: nil)
        let written = try await source.writeStatus(repository, previous: previous)
        #expect(written.status.lastScanResult?.tagCount == 3)
        #expect(try await events.next()?.object?.status.lastScanResult?.tagCount == 3)

        let restarted = fixture.source(store: try fixture.store())
        let read = try #require(try await restarted.get(ImageRepository.self, ObjectKey(namespace: "flux-system", name: "podinfo")))
        #expect(read.status.lastScanResult?.revision == "abc")
        #expect(read.status.observedGeneration == 1)

        await #expect(throws: FolderSourceError.self) {
            var missing = repository
            missing.metadata.name = "gone"
            _ = try await source.writeStatus(missing, previous: previous)
        }
    }

    @Test func secretsComeFromTheSecretsFolderAndAreReadAgainEachTime() async throws {
        let fixture = try Fixture()
        defer { fixture.cleanUp() }
        try fixture.write("podinfo.yaml", Manifests.repository("podinfo"))
        try fixture.write(
            "leak.yaml", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: in-manifests\nstringData:\n  token: x\n# toolkit.fluxcd.io\n")
        let secret = { (token: String) in
            """
            apiVersion: v1
            kind: Secret
            metadata:
              name: regcred
            type: kubernetes.io/dockerconfigjson
            data:
              username: \(Base64.encode(Array("bot".utf8)))
            stringData:
              token: \(token)
            """
        }
        try fixture.write("nested/regcred.yaml", secret("first"), in: fixture.secrets)
        let source = fixture.source(store: try fixture.store())
        let read = try #require(try await source.secret(ObjectKey(namespace: "flux-system", name: "regcred")))
        #expect(try read.values()["username"] == Array("bot".utf8))
        #expect(try read.values()["token"] == Array("first".utf8))
        #expect(read.type == "kubernetes.io/dockerconfigjson")
        #expect(try await source.secret(ObjectKey(namespace: "flux-system", name: "in-manifests")) == nil)
        #expect(try await source.secret(ObjectKey(namespace: "flux-system", name: "missing")) == nil)

        try fixture.write("nested/regcred.yaml", secret("rotated!"), in: fixture.secrets)
        #expect(try await source.secret(ObjectKey(namespace: "flux-system", name: "regcred"))?.values()["token"] == Array("rotated!".utf8))

        try fixture.write("bad.yaml", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: bad\ndata:\n  token: '%%%'\n", in: fixture.secrets)
        #expect(try await source.secret(ObjectKey(namespace: "flux-system", name: "bad")) == nil)
        let error = try #require(try await source.errors().first)
        #expect(error.field == "data.token")
        #expect(error.value == nil)
        #expect(!error.description.contains("%%%"))

        let without = fixture.source(store: try fixture.store(), secrets: false)
        #expect(try await without.secret(ObjectKey(namespace: "flux-system", name: "regcred")) == nil)
    }

    @Test func aMissingManifestsFolderIsAnErrorNamingIt() async throws {
        let fixture = try Fixture()
        defer { fixture.cleanUp() }
        let source = FolderObjectSource(configuration: .init(manifests: fixture.root + "/nowhere"), store: try fixture.store())
        await #expect {
            _ = try await source.list(ImagePolicy.self, namespace: nil, selector: nil)
        } throws: { error in
            (error as? FolderSourceError)?.description.contains(fixture.root + "/nowhere") == true
        }
    }
}
