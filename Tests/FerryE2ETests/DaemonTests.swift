import Foundation
import Subprocess
import Testing

/// `ferry run` as a daemon: a registry webhook reaches its Receiver, the pipeline scans, selects,
/// commits and pushes at once; the folder is watched; /metrics and the status page show it; SIGTERM
/// ends it cleanly.
@Suite("ferry run as a daemon")
struct DaemonTests {
    @Test("A webhook triggers scan, selection and push; a manifest edit takes effect; SIGTERM exits 0")
    func webhookToCommit() async throws {
        let token = "hook-token-\(UUID().uuidString.prefix(8))"
        let receiver = """
            ---
            apiVersion: notification.toolkit.fluxcd.io/v1
            kind: Receiver
            metadata: {name: registry, namespace: flux-system}
            spec:
              type: generic
              secretRef: {name: webhook-token}
              resources:
                - {apiVersion: image.toolkit.fluxcd.io/v1, kind: ImageRepository, name: app}

            """
        let scenario = try await FaultTests.Scenario(name: "daemon", extraManifests: receiver)
        defer { scenario.world.remove() }
        let secrets = scenario.world.scratch + "/secrets"
        try FileManager.default.createDirectory(atPath: secrets, withIntermediateDirectories: true)
        try "apiVersion: v1\nkind: Secret\nmetadata: {name: webhook-token, namespace: flux-system}\nstringData: {token: \(token)}\n"
            .write(toFile: secrets + "/token.yaml", atomically: true, encoding: .utf8)
        try await scenario.push("1.0.0")
        let port = try await ferryFreePort()
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("ferry").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["run", "--manifests", scenario.manifests, "--secrets", secrets, "--state", scenario.state, "--listen", "127.0.0.1:\(port)", "--log-level", "warning"]
        let errors = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        let base = "http://127.0.0.1:\(port)"
        #expect(await eventually { (try? await get(base + "/readyz"))?.status == 200 }, "never ready")
        // The first pass: the policy resolves 1.0.0, nothing to push.
        #expect(await eventually { await latestTag(base) == "1.0.0" })

        // CI pushes 1.1.0 and the registry calls the webhook: the commit follows at once
        // (the ImageRepository's interval is a minute; this must not wait for it).
        try await scenario.push("1.1.0")
        let path = "/hook/" + sha256Hex(token + "registry" + "flux-system")
        let hook = try await post(base + path, body: "{}")
        #expect(hook.status == 200)
        #expect(await eventually { (try? await scenario.file()) == FaultTests.Scenario.deployment(scenario.image, "1.1.0") })
        #expect(try await scenario.commits() == 2)
        let wrong = try await post(base + "/hook/" + sha256Hex("wrong" + "registry" + "flux-system"), body: "{}")
        #expect(wrong.status == 404)

        // Editing the manifests takes effect without a restart: pin the policy to 1.0.x.
        let objects = scenario.manifests + "/objects.yaml"
        let text = try String(contentsOfFile: objects, encoding: .utf8)
        try text.replacingOccurrences(of: "range: \">=1.0.0\"", with: "range: \"~1.0.0\"").write(toFile: objects, atomically: true, encoding: .utf8)
        #expect(await eventually { (try? await scenario.file()) == FaultTests.Scenario.deployment(scenario.image, "1.0.0") },
                "a changed spec may select an older tag: that is the user's choice, not a downgrade")

        let metrics = try await get(base + "/metrics")
        #expect(metrics.body.contains("gotk_reconcile_duration_seconds_bucket{"))
        #expect(metrics.body.contains("kind=\"ImageUpdateAutomation\""))
        let page = try await get(base + "/")
        #expect(page.body.contains("ImageUpdateAutomation"))
        #expect(page.body.contains("fleet"))

        process.terminate()
        process.waitUntilExit()
        let log = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 0, "\(log)")
    }
}

/// The ImagePolicy's latest tag on the status page's JSON.
func latestTag(_ base: String) async -> String? {
    guard let reply = try? await get(base + "/api/status"),
        let status = try? JSONSerialization.jsonObject(with: Data(reply.body.utf8)) as? [String: Any],
        let objects = status["objects"] as? [[String: Any]]
    else { return nil }
    return objects.first { $0["kind"] as? String == "ImagePolicy" }?["latestTag"] as? String
}

struct HTTPReply: Sendable {
    var status: Int
    var body: String
}

func get(_ url: String) async throws -> HTTPReply { try await request(url, method: "GET", body: nil) }
func post(_ url: String, body: String) async throws -> HTTPReply { try await request(url, method: "POST", body: body) }

/// One HTTP request through curl (Foundation's URLSession is not available here without FoundationNetworking).
private func request(_ url: String, method: String, body: String?) async throws -> HTTPReply {
    var arguments = ["-s", "-m", "60", "-X", method, "-w", "\n%{http_code}"]
    if let body { arguments += ["-H", "Content-Type: application/json", "--data-binary", body] }
    let result = try await Subprocess.run(
        .name("curl"), arguments: Arguments(arguments + [url]), output: .string(limit: 1 << 22), error: .discarded)
    let text = result.standardOutput
    guard let newline = text.lastIndex(of: "\n"), let status = Int(text[text.index(after: newline)...]) else {
        throw E2EError("curl \(url): no answer")
    }
    return HTTPReply(status: status, body: String(text[..<newline]))
}

/// Polls `condition` every 100 ms until it holds or `seconds` pass (by default two minutes: a step that takes a
/// second alone can take far longer on a loaded CI machine, and a condition that holds returns at once).
func eventually(seconds: Double = 120, _ condition: () async -> Bool) async -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if await condition() { return true }
        try? await Task.sleep(for: .milliseconds(100))
    }
    return await condition()
}

func sha256Hex(_ text: String) -> String {
    let pipe = Pipe()
    let input = Pipe()
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["sha256sum"]
    process.standardInput = input
    process.standardOutput = pipe
    try? process.run()
    input.fileHandleForWriting.write(Data(text.utf8))
    try? input.fileHandleForWriting.close()
    process.waitUntilExit()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    return String(output.prefix(64))
}
