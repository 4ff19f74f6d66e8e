import FerryCLI
import FerryCore
import FerryStore
import Foundation
import Testing

/// A real temporary folder of manifests and a state file, as `ferry run` would use them.
struct StandaloneFolder {
    let root: String
    var manifests: String { root + "/manifests" }
    var state: String { root + "/ferry.db" }
    var flags: [String] { ["--manifests", manifests, "--state", state] }

    init(_ files: [String: String] = ["podinfo.yaml": StandaloneFolder.objects]) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-cli-standalone-\(UUID().uuidString)").path
        for (name, text) in files { try write(name, text) }
    }

    func write(_ name: String, _ text: String) throws {
        let path = manifests + "/" + name
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    func read(_ name: String) throws -> String { try String(contentsOfFile: manifests + "/" + name, encoding: .utf8) }

    func store() throws -> SQLiteStateStore { try SQLiteStateStore(path: state) }

    func cleanUp() { try? FileManager.default.removeItem(atPath: root) }

    /// Writes a status as `ferry run` would.
    func saveStatus(_ json: String, kind: String, name: String, namespace: String = "flux-system") async throws {
        try await store().saveStatus(Array(json.utf8), for: ObjectID(kind: kind, namespace: namespace, name: name))
    }

    static let objects = """
        apiVersion: image.toolkit.fluxcd.io/v1
        kind: ImageRepository
        metadata:
          name: podinfo
          labels:
            team: web
        spec:
          image: ghcr.io/stefanprodan/podinfo
          interval: 5m
        ---
        apiVersion: image.toolkit.fluxcd.io/v1
        kind: ImagePolicy
        metadata:
          name: podinfo
        spec:
          imageRepositoryRef:
            name: podinfo
          policy:
            semver:
              range: 6.x
        ---
        apiVersion: image.toolkit.fluxcd.io/v1
        kind: ImageUpdateAutomation
        metadata:
          name: flux-system
        spec:
          interval: 30m
          sourceRef:
            name: flux-system
          git:
            commit:
              author:
                email: bot@example.com
        ---
        apiVersion: image.toolkit.fluxcd.io/v1
        kind: ImageRepository
        metadata:
          name: other
          namespace: apps
        spec:
          image: ghcr.io/a/b
          interval: 5m
          suspend: true
        """

    static func ready(_ status: String, _ message: String, extra: String = "") -> String {
        """
        {"observedGeneration": 100, "conditions": [{"type": "Ready", "status": "\(status)", "reason": "Succeeded", "message": "\(message)", \
        "lastTransitionTime": "2026-12-01T10:00:00Z"}]\(extra)}
        """
    }
}

/// Plays `ferry run`: waits for an override to appear in the state file, then writes a status.
func answerOverride(in folder: StandaloneFolder, name: String, status: @escaping @Sendable (ObjectOverride) -> String?) -> Task<Void, any Error> {
    Task {
        let store = try folder.store()
        let deadline = ContinuousClock.now + .seconds(120)
        while ContinuousClock.now < deadline {
            if let override = try await store.overrides(ofKind: "ImageRepository").first(where: { $0.object.name == name }),
                let json = status(override)
            {
                try await store.saveStatus(Array(json.utf8), for: override.object)
                return
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }
}

@Suite struct GetImageCommandTests {
    @Test func repositoryTableBeforeAnyReconcile() async throws {
        let folder = try StandaloneFolder()
        defer { folder.cleanUp() }
        let result = await ferry(["get", "image", "repository"] + folder.flags)
        #expect(result.status == 0)
        #expect(result.stderr == "")
        let header = "NAME   \tLAST SCAN\tSUSPENDED\tREADY\tMESSAGE" + String(repeating: " ", count: 17) + " \n"
        #expect(result.stdout == header + "podinfo\t         \tFalse    \tFalse\twaiting to be reconciled\t\n")
        #expect(!FileManager.default.fileExists(atPath: folder.state))
    }

    @Test func repositoryTableWithStatusFromTheStateFile() async throws {
        let folder = try StandaloneFolder()
        defer { folder.cleanUp() }
        try await folder.saveStatus(
            StandaloneFolder.ready("True", "successful scan: found 3 tags", extra: #", "lastScanResult": {"revision": "r", "tagCount": 3, "scanTime": "2026-12-01T10:00:00Z"}"#),
            kind: "ImageRepository", name: "podinfo")
        let result = await ferry(["get", "image", "repository", "podinfo", "--no-header"] + folder.flags)
        #expect(result.status == 0)
        let cells = result.stdout.split(separator: "\t").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(cells.count == 6)
        #expect(cells.first == "podinfo")
        #expect(cells[1].hasPrefix("2026-12-01T"))
        #expect(Array(cells[2...4]) == ["False", "True", "successful scan: found 3 tags"])
    }

    @Test func policyTableAcrossNamespacesWithLatestRef() async throws {
        let folder = try StandaloneFolder()
        defer { folder.cleanUp() }
        try await folder.saveStatus(
            StandaloneFolder.ready("True", "Latest image tag for ghcr.io/stefanprodan/podinfo resolved to 6.5.0",
                                   extra: #", "latestRef": {"name": "ghcr.io/stefanprodan/podinfo", "tag": "6.5.0", "digest": "sha256:abc"}"#),
            kind: "ImagePolicy", name: "podinfo")
        let result = await ferry(["get", "image", "policy", "-A"] + folder.flags)
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        #expect(lines[0].hasPrefix("NAMESPACE  \tNAME   \tIMAGE"))
        #expect(lines[1].hasPrefix("flux-system\tpodinfo\tghcr.io/stefanprodan/podinfo\t6.5.0@sha256:abc\tTrue \tLatest image tag"))
    }

    @Test func allPrintsEachKindsTableWithKindPrefixedNames() async throws {
        let folder = try StandaloneFolder()
        defer { folder.cleanUp() }
        let result = await ferry(["get", "image", "all"] + folder.flags)
        #expect(result.status == 0)
        let tables = result.stdout.components(separatedBy: "\n\n")
        #expect(tables.count == 4)
        #expect(tables[0].contains("imagerepository/podinfo\t"))
        #expect(tables[1].contains("imagepolicy/podinfo\t"))
        #expect(tables[2].contains("imageupdateautomation/flux-system\t"))
        #expect(!result.stdout.contains("other"))
    }

    @Test func selectorsFilterTheRows() async throws {
        let folder = try StandaloneFolder()
        defer { folder.cleanUp() }
        try await folder.saveStatus(StandaloneFolder.ready("False", "auth failed"), kind: "ImageRepository", name: "other", namespace: "apps")
        try await folder.saveStatus(StandaloneFolder.ready("True", "ok"), kind: "ImageRepository", name: "podinfo")
        let failing = await ferry(["get", "image", "repository", "-A", "--status-selector", "ready=false", "--no-header"] + folder.flags)
        #expect(failing.status == 0)
        #expect(failing.stdout.hasPrefix("apps\tother\t\tTrue\tFalse\tauth failed\t"))
        #expect(failing.stdout.split(separator: "\n").count == 1)
        let labelled = await ferry(["get", "image", "repository", "-A", "-l", "team=web", "--no-header"] + folder.flags)
        #expect(labelled.stdout.split(separator: "\n").count == 1)
        #expect(labelled.stdout.contains("podinfo"))
        let none = await ferry(["get", "image", "repository", "-l", "team notin (web)"] + folder.flags)
        #expect(none.status == 0)
        #expect(none.stdout == "")
        #expect(none.stderr == "✗ no ImageRepository objects found in flux-system namespace\n")
    }

    @Test func yamlAndJSONOutputCarryTheStatus() async throws {
        let folder = try StandaloneFolder()
        defer { folder.cleanUp() }
        try await folder.saveStatus(StandaloneFolder.ready("True", "ok"), kind: "ImagePolicy", name: "podinfo")
        let yaml = await ferry(["get", "image", "policy", "-o", "yaml"] + folder.flags)
        #expect(yaml.status == 0)
        #expect(yaml.stdout.hasPrefix("---\napiVersion: image.toolkit.fluxcd.io/v1\nkind: ImagePolicy\n"))
        #expect(yaml.stdout.contains("  observedGeneration: 100\n"))
        let json = await ferry(["get", "image", "policy", "-o", "json"] + folder.flags)
        #expect(json.status == 0)
        let decoded = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let items = try #require(decoded?["items"] as? [[String: Any]])
        #expect(items.count == 1)
        #expect((items.first?["metadata"] as? [String: Any])?["name"] as? String == "podinfo")
    }

    @Test func anInvalidObjectIsAWarningAndTheOthersAreListed() async throws {
        let folder = try StandaloneFolder()
        defer { folder.cleanUp() }
        try folder.write("bad/policy.yaml", """
            apiVersion: image.toolkit.fluxcd.io/v1
            kind: ImagePolicy
            metadata:
              name: broken
            spec:
              imageRepositoryRef:
                name: podinfo
              policy:
                numerical:
                  order: upwards
            """)
        let result = await ferry(["get", "image", "policy", "--no-header"] + folder.flags)
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("podinfo\t"))
        #expect(result.stderr == "⚠️ \(folder.manifests)/bad/policy.yaml:10: ImagePolicy/flux-system/broken: spec.policy.numerical.order \"upwards\": must be one of asc, desc\n")
    }

    @Test func failures() async throws {
        let folder = try StandaloneFolder()
        defer { folder.cleanUp() }
        let unknown = await ferry(["get", "image", "repository", "nope"] + folder.flags)
        #expect(unknown.status == 1)
        #expect(unknown.stderr == "ferry: no ImageRepository objects found in flux-system namespace\n")
        let missing = await ferry(["get", "image", "update", "--manifests", folder.root + "/absent"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains(folder.root + "/absent"))
        let selector = await ferry(["get", "image", "policy", "--status-selector", "ready"] + folder.flags)
        #expect(selector.status == 2)
        #expect(selector.stderr.contains("expected status selector in type=status format, but found: ready"))
        let labels = await ferry(["get", "image", "policy", "-l", "a in (b"] + folder.flags)
        #expect(labels.status == 2)
        #expect(labels.stderr.contains("--label-selector: "))
        let output = await ferry(["get", "image", "policy", "-o", "xml"] + folder.flags)
        #expect(output.status == 2)
    }

    @Test(arguments: ["all", "repository", "policy", "update"])
    func helpHasExamples(kind: String) async {
        let result = await ferry(["get", "image", kind, "--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Examples:"))
        #expect(result.stdout.contains("--manifests"))
    }
}

@Suite struct OverrideCommandTests {
    @Test func suspendWritesTheStateFileNotTheManifests() async throws {
        let folder = try StandaloneFolder()
        defer { folder.cleanUp() }
        let before = try folder.read("podinfo.yaml")
        let result = await ferry(["suspend", "image", "repository", "podinfo"] + folder.flags)
        #expect(result.status == 0)
        #expect(result.stdout == "")
        #expect(result.stderr == "► suspending image repository podinfo in flux-system namespace\n✔ image repository suspended\n")
        #expect(try folder.read("podinfo.yaml") == before)
        let override = try #require(try await folder.store().overrides(ofKind: "ImageRepository").first)
        #expect(override.object == ObjectID(kind: "ImageRepository", namespace: "flux-system", name: "podinfo"))
        #expect(override.suspend == true)
        let table = await ferry(["get", "image", "repository", "--no-header"] + folder.flags)
        #expect(table.stdout.hasPrefix("podinfo\t\tTrue\t"))

        let resumed = await ferry(["resume", "image", "repository", "podinfo", "--no-wait"] + folder.flags)
        #expect(resumed.status == 0)
        #expect(resumed.stderr == "► resuming image repository podinfo in flux-system namespace\n✔ image repository resumed\n")
        let after = await ferry(["get", "image", "repository", "--no-header"] + folder.flags)
        #expect(after.stdout.hasPrefix("podinfo\t\tFalse\t"))
    }

    @Test func suspendAllCoversTheNamespace() async throws {
        let folder = try StandaloneFolder()
        defer { folder.cleanUp() }
        let result = await ferry(["suspend", "image", "update", "--all"] + folder.flags)
        #expect(result.status == 0)
        #expect(result.stderr.contains("► suspending image update automation flux-system in flux-system namespace\n"))
        let policies = await ferry(["suspend", "image", "policy", "--all", "-n", "apps"] + folder.flags)
        #expect(policies.status == 0)
        #expect(policies.stderr == "✗ no ImagePolicy objects found in apps namespace\n")
    }

    @Test func resumeWaitsForFerryRunToReconcile() async throws {
        let folder = try StandaloneFolder()
        defer { folder.cleanUp() }
        let run = answerOverride(in: folder, name: "other") { override in
            override.suspend == false
                ? StandaloneFolder.ready("True", "ok", extra: #", "lastScanResult": {"revision": "r", "tagCount": 7}"#) : nil
        }
        let result = await ferry(["resume", "image", "repository", "other", "-n", "apps"] + folder.flags)
        try await run.value
        #expect(result.status == 0)
        #expect(result.stderr == """
            ► resuming image repository other in apps namespace
            ✔ image repository resumed
            ◎ waiting for ImageRepository reconciliation
            ✔ ImageRepository reconciliation completed
            ✔ scan fetched 7 tags

            """)
    }

    @Test func reconcileRequestsAndReportsTheScan() async throws {
        let folder = try StandaloneFolder()
        defer { folder.cleanUp() }
        let run = answerOverride(in: folder, name: "podinfo") { override in
            override.requestedAt.map {
                StandaloneFolder.ready("True", "ok", extra: #", "lastHandledReconcileAt": "\#($0)", "lastScanResult": {"revision": "r", "tagCount": 5}"#)
            }
        }
        let result = await ferry(["reconcile", "image", "repository", "podinfo"] + folder.flags)
        try await run.value
        #expect(result.status == 0)
        #expect(result.stderr == """
            ► annotating ImageRepository podinfo in flux-system namespace
            ✔ ImageRepository annotated
            ◎ waiting for ImageRepository reconciliation
            ✔ ImageRepository reconciliation completed
            ✔ scan fetched 5 tags

            """)
        let override = try #require(try await folder.store().overrides(ofKind: "ImageRepository").first)
        #expect(Timestamp(rfc3339: override.requestedAt ?? "") != nil)
    }

    @Test func reconcileReportsAFailedReconcile() async throws {
        let folder = try StandaloneFolder()
        defer { folder.cleanUp() }
        let run = answerOverride(in: folder, name: "podinfo") { override in
            override.requestedAt.map { StandaloneFolder.ready("False", "auth failed", extra: #", "lastHandledReconcileAt": "\#($0)""#) }
        }
        let result = await ferry(["reconcile", "image", "repository", "podinfo"] + folder.flags)
        try await run.value
        #expect(result.status == 1)
        #expect(result.stderr.hasSuffix("ferry: ImageRepository reconciliation failed: 'auth failed'\n"))
    }

    @Test func reconcileWithoutWaitingAndWithoutAFerryRun() async throws {
        let folder = try StandaloneFolder()
        defer { folder.cleanUp() }
        let result = await ferry(["reconcile", "image", "update", "flux-system", "--no-wait"] + folder.flags)
        #expect(result.status == 0)
        #expect(result.stderr == "► annotating ImageUpdateAutomation flux-system in flux-system namespace\n✔ ImageUpdateAutomation annotated\n")
        let timedOut = await ferry(["reconcile", "image", "policy", "podinfo", "--timeout", "0s"] + folder.flags)
        #expect(timedOut.status == 3)
        #expect(timedOut.stderr.contains("ferry: timed out waiting for ImagePolicy 'flux-system/podinfo' to be reconciled"))
    }

    @Test func failures() async throws {
        let folder = try StandaloneFolder()
        defer { folder.cleanUp() }
        let suspended = await ferry(["reconcile", "image", "repository", "other", "-n", "apps"] + folder.flags)
        #expect(suspended.status == 1)
        #expect(suspended.stderr == "ferry: resource is suspended\n")
        for command in [["reconcile", "image", "repository", "nope"], ["suspend", "image", "policy", "nope"], ["resume", "image", "update", "nope"]] {
            let unknown = await ferry(command + folder.flags)
            #expect(unknown.status == 2)
            #expect(unknown.stderr.contains("' not found in --manifests \(folder.manifests)"))
        }
        let noName = await ferry(["suspend", "image", "repository"] + folder.flags)
        #expect(noName.status == 2)
        #expect(noName.stderr == "ferry: please specify a name\n")
        let timeout = await ferry(["reconcile", "image", "repository", "podinfo", "--timeout", "soon"] + folder.flags)
        #expect(timeout.status == 2)
        #expect(timeout.stderr.contains("--timeout: "))
        let flag = await ferry(["suspend", "image", "repository", "podinfo", "--bogus"] + folder.flags)
        #expect(flag.status == 2)
        let noManifests = await ferry(["suspend", "image", "repository", "podinfo", "--manifests", folder.root + "/absent", "--state", folder.state])
        #expect(noManifests.status == 2)
    }

    @Test(arguments: [["reconcile", "image", "repository"], ["reconcile", "image", "update"], ["suspend", "image", "policy"], ["resume", "image", "update"]])
    func helpHasExamples(command: [String]) async {
        let result = await ferry(command + ["--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Examples:"))
        #expect(result.stdout.contains("--state"))
    }
}
