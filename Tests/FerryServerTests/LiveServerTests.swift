import FerryCore
import FerryServer
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Live server")
struct LiveServerTests {
    @Test("over a real socket: a signed GitHub push, the status page, readiness and metrics")
    func live() async throws {
        let receiver = testReceiver("github-receiver", type: "github", events: ["push"])
        let endpoint = testEndpoint(receiver, token: "live-token")
        let control = FakePipelineControl(endpoints: [endpoint], objects: StatusPageTests.objects)
        let body = Array(#"{"ref":"refs/heads/main"}"#.utf8)
        let fields = try headers([
            ("X-Hub-Signature-256", "sha256=" + hmacHex(.sha256, key: "live-token", body)), ("X-GitHub-Event", "push"), ("Content-Type", "application/json"),
        ])
        try await testApplication(control: control).test(.live) { client async throws in
            #expect(client.port != nil)
            let hook = try await client.execute(uri: endpoint.path, method: .post, headers: fields, body: ByteBuffer(bytes: body))
            #expect(hook.status == .ok)
            #expect(hook.headers[.server] == "ferry")
            let unsigned = try await client.execute(uri: endpoint.path, method: .post, headers: try headers([("X-GitHub-Event", "push")]), body: ByteBuffer(bytes: body))
            #expect(unsigned.status == .badRequest)
            #expect(try await client.execute(uri: "/readyz", method: .get).status == .ok)
            let page = try await client.execute(uri: "/", method: .get)
            #expect(String(buffer: page.body).contains("&lt;script&gt;"))
            let metrics = String(buffer: try await client.execute(uri: "/metrics", method: .get).body)
            #expect(metrics.contains(#"gotk_receiver_http_request_duration_seconds_count{code="200",handler="/hook/",method="POST",service=""} 1"#))
            #expect(metrics.contains(#"gotk_receiver_http_request_duration_seconds_count{code="400",handler="/hook/",method="POST",service=""} 1"#))
        }
        #expect(await control.requests == [.init(resources: testResources, namespace: "flux-system", requestedAt: testNow)])
    }

    @Test("onListening reports the port the system picked")
    func onListening() async throws {
        let ports = PortBox()
        let app = testApplication(control: FakePipelineControl()) { $0.onListening = { port in await ports.set(port) } }
        try await app.test(.live) { client async throws in
            #expect(await ports.port == client.port)
        }
    }
}

/// The port a server reported through `onListening`.
actor PortBox {
    var port: Int?
    private let bound = Latch()

    func set(_ port: Int) async {
        self.port = port
        await bound.open()
    }

    /// The port, once the server listens.
    func wait() async -> Int {
        await bound.wait()
        guard let port else { preconditionFailure("invariant: the latch opens after the port is set") }
        return port
    }
}
