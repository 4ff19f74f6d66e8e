import FerryWorkspace
import Foundation
import Testing

@testable import FerryCLI

@Suite struct UpdateCommandTests {
    static let deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: apps
        spec:
          template:
            spec:
              containers:
              - name: web
                image: ghcr.io/org/web:1.0.0 # {"$imagepolicy": "flux-system:web"}
              - name: sidecar
                image: ghcr.io/org/side:1.0.0 # {"$imagepolicy": "flux-system:side:tag"}

        """
    static let policy = "flux-system:web=ghcr.io/org/web:1.1.0"

    /// A temporary directory with `deploy.yaml` in `apps/`.
    final class Tree {
        let url = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("ferry-update-\(UUID().uuidString)")
        var path: String { url.path }

        init(_ files: [String: String] = ["apps/deploy.yaml": UpdateCommandTests.deployment]) throws {
            for (name, text) in files {
                let file = url.appendingPathComponent(name)
                try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: file)
            }
        }

        deinit { try? FileManager.default.removeItem(at: url) }

        func read(_ name: String) throws -> String { try String(contentsOf: url.appendingPathComponent(name), encoding: .utf8) }
    }

    @Test func updatesAndPrintsFilesAndObjects() async throws {
        let tree = try Tree()
        let result = await ferry(["update", "--path", tree.path, "--policy", Self.policy])
        #expect(result.status == 0)
        #expect(
            result.stdout == """
                apps/deploy.yaml
                  apps/v1 Deployment apps/web
                    flux-system:web: ghcr.io/org/web:1.0.0 -> ghcr.io/org/web:1.1.0
                updated 1 file (1 object, 1 change)

                """)
        #expect(
            result.stderr
                == "ferry: warning: apps/deploy.yaml:13:39: no policy \"flux-system:side\" was given, "
                + "so this marker is left alone (as Flux leaves markers of policies it does not select)\n"
        )
        #expect(try tree.read("apps/deploy.yaml") == Self.deployment.replacingOccurrences(of: "web:1.0.0", with: "web:1.1.0"))
    }

    @Test func dryRunPrintsADiffAndWritesNothing() async throws {
        let tree = try Tree()
        let result = await ferry([
            "update", "--path", tree.path, "--dry-run", "--policy", Self.policy, "--policy", "flux-system:side=ghcr.io/org/side:2.0.0",
        ])
        #expect(result.status == 0)
        #expect(
            result.stdout == """
                --- a/apps/deploy.yaml
                +++ b/apps/deploy.yaml
                @@ -8,6 +8,6 @@
                     spec:
                       containers:
                       - name: web
                -        image: ghcr.io/org/web:1.0.0 # {"$imagepolicy": "flux-system:web"}
                +        image: ghcr.io/org/web:1.1.0 # {"$imagepolicy": "flux-system:web"}
                       - name: sidecar
                -        image: ghcr.io/org/side:1.0.0 # {"$imagepolicy": "flux-system:side:tag"}
                +        image: 2.0.0 # {"$imagepolicy": "flux-system:side:tag"}

                """)
        #expect(result.stderr == "ferry: dry run: would update 1 file (1 object, 2 changes); nothing was written\n")
        #expect(try tree.read("apps/deploy.yaml") == Self.deployment)
    }

    @Test func jsonOutput() async throws {
        let tree = try Tree()
        let result = await ferry([
            "update", "--path", tree.path, "-o", "json", "--policy", Self.policy, "--policy", "flux-system:side=ghcr.io/org/side:1.0.0",
        ])
        #expect(result.status == 0)
        #expect(
            result.stdout == """
                {
                  "path": "\(tree.path)",
                  "dryRun": false,
                  "written": true,
                  "filesRead": 1,
                  "filesWithMarkers": 1,
                  "markers": 2,
                  "files": [
                    {
                      "file": "apps/deploy.yaml",
                      "objects": [
                        {
                          "apiVersion": "apps/v1",
                          "kind": "Deployment",
                          "name": "web",
                          "namespace": "apps",
                          "changes": [
                            {
                              "oldValue": "ghcr.io/org/web:1.0.0",
                              "newValue": "ghcr.io/org/web:1.1.0",
                              "setter": "flux-system:web"
                            },
                            {
                              "oldValue": "ghcr.io/org/side:1.0.0",
                              "newValue": "1.0.0",
                              "setter": "flux-system:side:tag"
                            }
                          ]
                        }
                      ]
                    }
                  ],
                  "diagnostics": []
                }

                """)
        #expect(result.stderr == "")
    }

    @Test func dryRunJSONCarriesTheDiffAndDiagnostics() async throws {
        let tree = try Tree(["a.yaml": "x: old # {\"imagepolicy\": \"flux-system:web:tag\"}\n", "chart/t.yaml": "a: {{- x }} # \"$imagepolicy\"\n"])
        let result = await ferry(["update", "--path", tree.path, "--dry-run", "-o", "json", "--policy", Self.policy])
        #expect(result.status == 0)
        #expect(
            result.stdout.contains(
                #""diff": "--- a/a.yaml\n+++ b/a.yaml\n@@ -1 +1 @@\n-x: old # {\"imagepolicy\": \"flux-system:web:tag\"}\n"#
                    + #"+x: 1.1.0 # {\"imagepolicy\": \"flux-system:web:tag\"}\n""#
            ))
        #expect(result.stdout.contains(#""code": "marker-without-dollar""#))
        #expect(result.stdout.contains(#""code": "not-yaml""#))
        #expect(result.stdout.contains(#""written": false"#))
        #expect(result.stderr.contains("ferry: warning: chart/t.yaml:1:6: not valid YAML"))
        #expect(try tree.read("a.yaml") == "x: old # {\"imagepolicy\": \"flux-system:web:tag\"}\n")
    }

    @Test func nothingToUpdate() async throws {
        let tree = try Tree()
        let result = await ferry(["update", "--path", tree.path, "--policy", "flux-system:web=ghcr.io/org/web:1.0.0"])
        #expect(result.status == 0)
        #expect(result.stdout == "nothing to update: 1 marker already matches\n")
        let none = await ferry(["update", "--path", tree.path, "--policy", "other:policy=ghcr.io/org/web:1.0.0"])
        #expect(none.stdout == "nothing to update: no markers for the given policies in 1 file read\n")
    }

    @Test func aSingleFileCanBeGiven() async throws {
        let tree = try Tree()
        let result = await ferry(["update", "--path", tree.path + "/apps/deploy.yaml", "--policy", Self.policy])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("deploy.yaml\n"))
    }

    @Test(arguments: [
        (["--policy", "web=ghcr.io/org/web:1"], "ferry: --policy \"web=ghcr.io/org/web:1\": the policy name \"web\" must be NAMESPACE:NAME\n"),
        (
            ["--policy", "a:b=ghcr.io/org/web"],
            "ferry: --policy \"a:b=ghcr.io/org/web\": the result \"ghcr.io/org/web\" needs a tag: IMAGE:TAG or IMAGE:TAG@DIGEST\n"
        ),
        (
            ["--policy", "a:b=localhost:5000/web"],
            "ferry: --policy \"a:b=localhost:5000/web\": the result \"localhost:5000/web\" needs a tag: IMAGE:TAG or IMAGE:TAG@DIGEST\n"
        ),
        (
            ["--policy", "a:b=Ghcr.io/Org/web:1"],
            "ferry: --policy \"a:b=Ghcr.io/Org/web:1\": encountered invalid image ref \"Ghcr.io/Org/web:1\": "
                + "could not parse reference: Ghcr.io/Org/web:1\n"
        ),
        (["--policy", "a:b=ab:1", "--policy", "a:b=ab:2"], "ferry: --policy \"a:b=ab:2\": the policy a:b is given more than once\n"),
    ])
    func invalidPoliciesExitTwo(_ arguments: [String], _ message: String) async throws {
        let tree = try Tree()
        let result = await ferry(["update", "--path", tree.path] + arguments)
        #expect(result.status == 2)
        #expect(result.stdout == "")
        #expect(result.stderr == message)
        #expect(try tree.read("apps/deploy.yaml") == Self.deployment)
    }

    @Test func missingPathExitsTwoNamingIt() async {
        let result = await ferry(["update", "--path", "/nonexistent/ferry", "--policy", Self.policy])
        #expect(result.status == 2)
        #expect(result.stderr == "ferry: --path \"/nonexistent/ferry\": the root \"/nonexistent/ferry\" cannot be used: No such file or directory\n")
    }

    @Test func usageErrorsExitTwo() async {
        let noPolicy = await ferry(["update", "--path", "."])
        #expect(noPolicy.status == 2)
        #expect(noPolicy.stderr.hasPrefix("Error: give at least one --policy NAMESPACE:NAME=IMAGE:TAG\n"))
        let badFormat = await ferry(["update", "--path", ".", "--policy", Self.policy, "-o", "yaml"])
        #expect(badFormat.status == 2)
    }

    @Test func readAndWriteFailuresExitThree() {
        let failure = UpdateCommand.failure(for: WorkspaceError(.io, path: "a.yaml", message: "cannot read a.yaml: Permission denied"), path: ".")
        #expect(failure.status == .failure)
        #expect(failure.message == "cannot read a.yaml: Permission denied")
        #expect(UpdateCommand.failure(for: WorkspaceError(.invalidPath, path: "x", message: "m"), path: "p").status == .invalidInput)
    }

    @Test func helpHasExamples() async {
        let result = await ferry(["update", "--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Examples:\n  ferry update --path clusters/prod"))
        #expect(result.stdout.contains("{\"$imagepolicy\": \"flux-system:app:digest\"}"))
    }

    @Test func realProcessExitStatuses() throws {
        let tree = try Tree()
        let ok = try ferryProcess(["update", "--path", tree.path, "--dry-run", "--policy", Self.policy], stdin: "")
        #expect(ok.status == 0)
        #expect(ok.stdout.hasPrefix("--- a/apps/deploy.yaml\n"))
        let invalid = try ferryProcess(["update", "--path", tree.path, "--policy", "a:b=Bad:1"], stdin: "")
        #expect(invalid.status == 2)
        #expect(try tree.read("apps/deploy.yaml") == Self.deployment)
    }
}
