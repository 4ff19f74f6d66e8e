import Foundation
import Testing

/// Registry faults through `ferry run --once`, on the real registry behind the fault proxy
/// (`scripts/services/registry/registry-proxy.py`): 429 storms with `Retry-After`, 5xx, cut bodies, a token
/// server that is down. Transient faults are ridden out and the commit lands once; lasting ones fail the scan
/// with a message naming the registry and the status, commit nothing, and the next run recovers.
@Suite("Reliability: registry faults through ferry run")
struct ReliabilityRegistryFaultTests {
    /// The image of `app` behind the fault proxy with `spec` (a fresh nonce, so the fault counters are this test's),
    /// and the registry repository the proxy forwards to (`upstream/app`).
    static func proxied(_ spec: String, upstream: String, _ app: String) throws -> String {
        let proxy = try E2EWorld.variable("FERRY_TEST_REGISTRY_PROXY")
        return "\(proxy)/x/\(spec).n\(UUID().uuidString.prefix(8).lowercased())/\(upstream)/\(app)"
    }

    static func upstream() -> String { "rel-" + UUID().uuidString.prefix(8).lowercased() }

    func seed(_ scenario: ReliabilityScenario, _ upstream: String, _ app: String, _ tags: String) async throws {
        try await scenario.world.run("python3", [E2EWorld.seeder, "--registry", scenario.world.registry, "--repo", "\(upstream)/\(app)", "--tags", tags])
    }

    @Test("Faults at once over four ImageRepositories (429 with Retry-After, 500, a slow body): every scan rides them out, one commit lands")
    func throttleStorm() async throws {
        let apps = ["a", "b", "c", "d"]
        // Each image has its own fault counter: a and b answer their first three tag-list requests 429 with Retry-After: 1,
        // c its first two 500, d sends its body in ten pieces 200 ms apart.
        let upstream = Self.upstream()
        let specs = ["a": "r429x3.ra1", "b": "r429x3.ra1", "c": "e500x2", "d": "slow200"]
        let images = Dictionary(uniqueKeysWithValues: try apps.map { ($0, try Self.proxied(specs[$0] ?? "", upstream: upstream, $0)) })
        let scenario = try await ReliabilityScenario(name: "storm", apps: apps, imageFor: { images[$0] ?? "" })
        defer { scenario.world.remove() }
        for app in apps { try await seed(scenario, upstream, app, "1.0.0,1.4.0") }
        let run = try await scenario.once()
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("✔ ImageUpdateAutomation/flux-system/fleet: pushed commit '"), "\(run.stderr)")
        let commits = try await scenario.commits()
        #expect(commits.count == 2, "one commit for the four changes")
        try await scenario.checkInvariants(Dictionary(uniqueKeysWithValues: apps.map { ($0, ["1.4.0"]) }), "after the storm")
    }

    @Test("Registry faults that outlast the retries fail the scan, name the fault, commit nothing; the next run recovers", arguments: [
        ("e500x5", "500"), ("r503x5.ra0", "503"), ("r429x5.ra0", "429"), ("cut", "truncated"),
    ])
    func lastingFault(spec: String, expected: String) async throws {
        let proxySpec = spec
        let upstream = Self.upstream()
        let image = try Self.proxied(proxySpec, upstream: upstream, "app")
        let scenario = try await ReliabilityScenario(name: "fault-\(proxySpec)", imageFor: { _ in image })
        defer { scenario.world.remove() }
        try await seed(scenario, upstream, "app", "1.0.0,1.2.0")
        let failed = try await scenario.once()
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("✗ ImageRepository/flux-system/app (\(scenario.manifests)/objects.yaml:"), "\(failed.stderr)")
        #expect(failed.stderr.contains(expected), "the message names the fault: \(failed.stderr)")
        #expect(try await scenario.commits().count == 1)
        let status = try await scenario.status("repository", "app")
        #expect(status.contains(expected), "the stored status names the fault: \(status)")
        try await scenario.checkInvariants(["app": ["1.0.0"]], "after \(spec)")
        if proxySpec == "cut" { return }  // cut never ends: recovery is shown by the counted faults
        // Five faults are spent (the first try and four retries): the next run gets through.
        let recovered = try await scenario.once()
        #expect(recovered.status == 0, "\(recovered.stderr)")
        #expect(try await scenario.commits().count == 2)
        try await scenario.checkInvariants(["app": ["1.2.0"]], "after recovery from \(spec)")
    }

    @Test("A token server that is down: the scan fails naming the token endpoint, nothing is committed, no credential is shown")
    func tokenServerDown() async throws {
        // A registry whose Bearer challenge names a realm nothing listens on.
        let closed = try await ferryFreePort()
        let registryPort = try await ferryFreePort()
        let server = try ReliabilityProcess("python3", ["-c", """
            import http.server, sys
            class H(http.server.BaseHTTPRequestHandler):
                def do_GET(self):
                    self.send_response(401)
                    self.send_header("WWW-Authenticate", 'Bearer realm="http://127.0.0.1:\(closed)/token",service="reg",scope="repository:team/app:pull"')
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                def log_message(self, *a): pass
            http.server.ThreadingHTTPServer(("127.0.0.1", \(registryPort)), H).serve_forever()
            """], output: FileManager.default.temporaryDirectory.appendingPathComponent("token-down-\(registryPort).log").path)
        defer { server.end() }
        let password = "token-down-secret-\(UUID().uuidString.prefix(12))"
        let scenario = try await ReliabilityScenario(name: "token-down", imageHost: "127.0.0.1:\(registryPort)/team", imageSecret: "registry-auth")
        defer { scenario.world.remove() }
        let auth = Data("ferry:\(password)".utf8).base64EncodedString()
        try """
            apiVersion: v1
            kind: Secret
            metadata: {name: registry-auth, namespace: flux-system}
            type: kubernetes.io/dockerconfigjson
            stringData:
              .dockerconfigjson: '{"auths":{"127.0.0.1:\(registryPort)":{"auth":"\(auth)"}}}'

            """.write(toFile: scenario.secrets + "/registry.yaml", atomically: true, encoding: .utf8)
        try await reliabilityWaitHTTP(registryPort)
        let run = try await scenario.once()
        #expect(run.status == 1)
        #expect(run.stderr.contains("✗ ImageRepository/flux-system/app"), "\(run.stderr)")
        #expect(run.stderr.contains("127.0.0.1:\(closed)"), "the message names the token endpoint: \(run.stderr)")
        #expect(!(run.stdout + run.stderr).contains(password) && !(run.stdout + run.stderr).contains(auth), "no credential in the output")
        #expect(try await scenario.commits().count == 1)
        try await scenario.checkInvariants(["app": ["1.0.0"]], "token server down")
    }
}
