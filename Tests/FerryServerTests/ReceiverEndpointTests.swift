import FerryCore
import FerryServer
import Hummingbird
import HummingbirdTesting
import InMemoryLogging
import Logging
import Testing

@Suite("Receiver endpoints: lookup, readiness, limits")
struct ReceiverEndpointTests {
    let receiver = testReceiver("generic-receiver", type: "generic")

    @Test("an unknown path is 404 and nothing is reconciled")
    func unknownPath() async throws {
        let endpoint = testEndpoint(receiver, token: "token")
        let control = FakePipelineControl(endpoints: [endpoint])
        let wrong = WebhookVerification.webhookPath(token: "other", name: "generic-receiver", namespace: "flux-system")
        try await testApplication(control: control).test(.router) { client async throws in
            #expect(try await client.execute(uri: wrong, method: .post).status == .notFound)
            #expect(try await client.execute(uri: "/hook/", method: .post).status == .notFound)
            #expect(try await client.execute(uri: endpoint.path + "/more", method: .post).status == .notFound)
            // Flux compares the whole request target, so a query string is another path.
            #expect(try await client.execute(uri: endpoint.path + "?x=1", method: .post).status == .notFound)
        }
        #expect(await control.requests.isEmpty)
    }

    @Test("a Receiver without a token has no path: 404")
    func emptyPathNeverMatches() async throws {
        let endpoint = ReceiverEndpoint(receiver: receiver, path: "", token: nil)
        try await testApplication(control: FakePipelineControl(endpoints: [endpoint])).test(.router) { client async throws in
            #expect(try await client.execute(uri: "/hook/", method: .post).status == .notFound)
        }
    }

    @Test("any method is served, as Flux's mux serves it")
    func anyMethod() async throws {
        let endpoint = testEndpoint(receiver, token: "token")
        let control = FakePipelineControl(endpoints: [endpoint])
        try await testApplication(control: control).test(.router) { client async throws in
            for method in [HTTPRequest.Method.get, .put, .post] {
                #expect(try await client.execute(uri: endpoint.path, method: method).status == .ok)
            }
        }
        #expect(await control.requests.count == 3)
    }

    @Test("a suspended Receiver is 503")
    func suspended() async throws {
        let endpoint = testEndpoint(testReceiver("generic-receiver", type: "generic", suspend: true), token: "token")
        let control = FakePipelineControl(endpoints: [endpoint])
        let logs = InMemoryLogHandler()
        try await testApplication(control: control, logs: logs).test(.router) { client async throws in
            #expect(try await client.execute(uri: endpoint.path, method: .post).status == .serviceUnavailable)
        }
        #expect(await control.requests.isEmpty)
        #expect(logs.entries.contains { "\($0.message)" == "unable to process request: receiver is suspended" })
    }

    @Test("a Receiver whose token is missing is not ready: 503")
    func missingToken() async throws {
        let endpoint = testEndpoint(receiver, token: nil, pathToken: "old-token")
        let control = FakePipelineControl(endpoints: [endpoint])
        try await testApplication(control: control).test(.router) { client async throws in
            #expect(try await client.execute(uri: endpoint.path, method: .post).status == .serviceUnavailable)
        }
        #expect(await control.requests.isEmpty)
    }

    @Test("a body over 3 MiB is 413; exactly 3 MiB is accepted")
    func bodyLimit() async throws {
        let endpoint = testEndpoint(receiver, token: "token")
        let control = FakePipelineControl(endpoints: [endpoint])
        let limit = 3 * 1024 * 1024
        try await testApplication(control: control).test(.router) { client async throws in
            let over = ByteBuffer(repeating: UInt8(ascii: "a"), count: limit + 1)
            #expect(try await client.execute(uri: endpoint.path, method: .post, body: over).status == .contentTooLarge)
            let exact = ByteBuffer(repeating: UInt8(ascii: "a"), count: limit)
            #expect(try await client.execute(uri: endpoint.path, method: .post, body: exact).status == .ok)
        }
        #expect(await control.requests.count == 1)
    }

    @Test("the body limit is checked before the signature")
    func limitBeforeSignature() async throws {
        let endpoint = testEndpoint(testReceiver("hmac", type: "generic-hmac"), token: "token")
        let control = FakePipelineControl(endpoints: [endpoint])
        try await testApplication(control: control, configure: { $0.maxBodySize = 16 }).test(.router) { client async throws in
            let body = ByteBuffer(string: String(repeating: "x", count: 17))
            let fields = try headers([("X-Signature", "sha256=" + hmacHex(.sha256, key: "token", Array(repeating: UInt8(ascii: "x"), count: 17)))])
            #expect(try await client.execute(uri: endpoint.path, method: .post, headers: fields, body: body).status == .contentTooLarge)
        }
    }

    @Test("a failed reconcile request is 500")
    func reconcileFails() async throws {
        let endpoint = testEndpoint(receiver, token: "token")
        let control = FakePipelineControl(endpoints: [endpoint])
        await control.set(failReconcile: true)
        let logs = InMemoryLogHandler()
        try await testApplication(control: control, logs: logs).test(.router) { client async throws in
            #expect(try await client.execute(uri: endpoint.path, method: .post).status == .internalServerError)
        }
        let entry = try #require(logs.entries.first { "\($0.message)" == "unable to request reconciliation" })
        #expect(entry.metadata["error"] == "ImagePolicy 'flux-system/*' needs matchLabels")
    }

    @Test("a request that outlasts the request timeout is 503")
    func timeout() async throws {
        let endpoint = testEndpoint(receiver, token: "token")
        let control = FakePipelineControl(endpoints: [endpoint])
        await control.set(hangReconcile: true)
        try await testApplication(control: control, configure: { $0.requestTimeout = .milliseconds(50) }).test(.router) { client async throws in
            #expect(try await client.execute(uri: endpoint.path, method: .post).status == .serviceUnavailable)
        }
        #expect(await control.requests.isEmpty)
    }

    @Test("the first Receiver with the path answers; the others are not asked")
    func twoReceivers() async throws {
        let other = testReceiver("other", type: "generic", namespace: "apps")
        let control = FakePipelineControl(endpoints: [testEndpoint(other, token: "b"), testEndpoint(receiver, token: "a")])
        try await testApplication(control: control).test(.router) { client async throws in
            let path = WebhookVerification.webhookPath(token: "a", name: "generic-receiver", namespace: "flux-system")
            #expect(try await client.execute(uri: path, method: .post).status == .ok)
        }
        #expect(await control.requests.map(\.namespace) == ["flux-system"])
    }
}
