import FerryCore
import FerryServer
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Status page and health")
struct StatusPageTests {
    static let objects = [
        ObjectSnapshot(
            id: ObjectID(kind: "ImagePolicy", namespace: "apps", name: "podinfo"), ready: .true, reason: "Succeeded",
            message: "Latest image tag for ghcr.io/stefanprodan/podinfo resolved to 6.5.4", suspended: false,
            latestImage: "ghcr.io/stefanprodan/podinfo:6.5.4@sha256:0123abcd"),
        ObjectSnapshot(
            id: ObjectID(kind: "ImageRepository", namespace: "apps", name: "<script>alert(1)</script>"), ready: .false, reason: "ReconciliationFailed",
            message: #"GET "https://x/v2/" answered 401 & <b>"denied"</b> 'here'"#, suspended: true,
            lastScan: Timestamp(secondsSinceEpoch: 1_796_113_000)),
        ObjectSnapshot(
            id: ObjectID(kind: "ImageUpdateAutomation", namespace: "flux-system", name: "fleet"), ready: .unknown, reason: "Progressing",
            message: "reconciliation in progress", suspended: false,
            lastPush: (commit: "0123456789abcdef0123456789abcdef01234567", time: Timestamp(secondsSinceEpoch: 1_796_113_103))),
    ]

    @Test("the page lists every object, escapes every value, and loads nothing")
    func page() async throws {
        let control = FakePipelineControl(objects: Self.objects)
        let (html, headers) = try await testApplication(control: control).test(.router) { client async throws in
            let response = try await client.execute(uri: "/", method: .get)
            #expect(response.status == .ok)
            return (String(buffer: response.body), response.headers)
        }
        #expect(headers[.contentType] == "text/html; charset=utf-8")
        #expect(headers[.contentSecurityPolicy]?.hasPrefix("default-src 'none'") == true)
        #expect(headers[.xContentTypeOptions] == "nosniff")
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("<b>"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("GET &quot;https://x/v2/&quot; answered 401 &amp; &lt;b&gt;&quot;denied&quot;&lt;/b&gt; &#39;here&#39;"))
        #expect(!html.contains("src=") && !html.contains("<link") && !html.contains("@import"))
        #expect(html.contains("<td>ImagePolicy</td><td>apps</td><td>podinfo</td><td><span class=\"True\">True</span></td><td>Succeeded</td>"))
        #expect(html.contains("<code>6.5.4</code><br><span class=\"dim\">ghcr.io/stefanprodan/podinfo:6.5.4@sha256:0123abcd</span>"))
        #expect(html.contains("<span class=\"False\">False</span> <span class=\"dim\">(suspended)</span>"))
        #expect(html.contains("<td>2026-12-01T08:16:40Z</td>"))
        #expect(html.contains("<code>0123456789ab</code> 2026-12-01T08:18:23Z"))
        #expect(html.contains("3 objects: 1 ready, 1 not ready, 1 unknown."))
    }

    @Test("an empty pipeline says so")
    func empty() async throws {
        let html = try await testApplication(control: FakePipelineControl(ready: false)).test(.router) { client async throws in
            String(buffer: try await client.execute(uri: "/", method: .get).body)
        }
        #expect(html.contains("Pipeline not loaded yet. 0 objects: 0 ready, 0 not ready, 0 unknown."))
        #expect(html.contains("No objects."))
    }

    @Test("/api/status is the same data as JSON")
    func json() async throws {
        let text = try await testApplication(control: FakePipelineControl(objects: Self.objects)).test(.router) { client async throws in
            let response = try await client.execute(uri: "/api/status", method: .get)
            #expect(response.headers[.contentType] == "application/json")
            return String(buffer: response.body)
        }
        let value = try TemplateJSON.decode(text)
        guard case .map(let root) = value, case .slice(let list)? = root[.string("objects")] else {
            Issue.record("not the expected shape: \(text)")
            return
        }
        #expect(root[.string("ready")] == .bool(true))
        #expect(list.elements.count == 3)
        #expect(text.contains(#"{"kind":"ImagePolicy","namespace":"apps","name":"podinfo","ready":"True","reason":"Succeeded","#))
        #expect(text.contains(#""latestImage":"ghcr.io/stefanprodan/podinfo:6.5.4@sha256:0123abcd","latestTag":"6.5.4","lastScan":null,"lastPush":null}"#))
        #expect(text.contains(#""name":"\u003cscript\u003ealert(1)\u003c/script\u003e""#))
        #expect(text.contains(#""suspended":true,"latestImage":null,"latestTag":null,"lastScan":"2026-12-01T08:16:40Z","lastPush":null"#))
        #expect(text.contains(#""lastPush":{"commit":"0123456789abcdef0123456789abcdef01234567","time":"2026-12-01T08:18:23Z"}"#))
    }

    @Test("/healthz answers ok; /readyz follows the pipeline's readiness")
    func readiness() async throws {
        let control = FakePipelineControl(ready: false)
        try await testApplication(control: control).test(.router) { client async throws in
            let health = try await client.execute(uri: "/healthz", method: .get)
            #expect(health.status == .ok)
            #expect(String(buffer: health.body) == "ok")
            let verbose = try await client.execute(uri: "/healthz?verbose", method: .get)
            #expect(String(buffer: verbose.body) == "[+]ping ok\nhealthz check passed\n")

            let notReady = try await client.execute(uri: "/readyz", method: .get)
            #expect(notReady.status == .internalServerError)
            #expect(String(buffer: notReady.body) == "[+]ping ok\n[-]pipeline failed: reason withheld\nhealthz check failed\n")

            await control.set(ready: true)
            let ready = try await client.execute(uri: "/readyz", method: .get)
            #expect(ready.status == .ok)
            #expect(String(buffer: ready.body) == "ok")
            #expect(String(buffer: try await client.execute(uri: "/readyz?verbose=1", method: .get).body) == "[+]ping ok\n[+]pipeline ok\nhealthz check passed\n")
        }
    }

    @Test("an unknown path outside /hook/ is 404")
    func notFound() async throws {
        try await testApplication(control: FakePipelineControl()).test(.router) { client async throws in
            #expect(try await client.execute(uri: "/nope", method: .get).status == .notFound)
        }
    }

    @Test("another method on a page is 405 with Allow: GET", arguments: ["/", "/api/status", "/healthz", "/readyz", "/metrics"])
    func wrongMethod(path: String) async throws {
        let control = FakePipelineControl()
        try await testApplication(control: control).test(.router) { client async throws in
            for method in [HTTPRequest.Method.post, .put, .delete, .head] {
                let response = try await client.execute(uri: path, method: method)
                #expect(response.status == .methodNotAllowed, "\(method) \(path)")
                #expect(response.headers[.allow] == "GET")
            }
            #expect(try await client.execute(uri: path, method: .get).status != .methodNotAllowed)
        }
        #expect(await control.requests.isEmpty)
    }
}
