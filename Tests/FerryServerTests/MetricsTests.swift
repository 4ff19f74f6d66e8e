import FerryCore
import FerryServer
import Hummingbird
import HummingbirdTesting
import Prometheus
import Testing

/// The exposition text split into families: from each `# HELP` line to the next.
func families(_ text: String) -> [String: [String]] {
    var result: [String: [String]] = [:]
    var current: String?
    for line in text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init) {
        if line.hasPrefix("# HELP ") {
            let name = String(line.dropFirst("# HELP ".count).prefix { $0 != " " })
            current = name
        }
        guard let current else { continue }
        result[current, default: []].append(line)
    }
    return result
}

@Suite("Metrics")
struct MetricsTests {
    /// The `le` labels of fluxcd/pkg's buckets as Go prints them.
    static let fluxBucketLabels = [
        "0.01", "0.038363583488692544", "0.1471764538093883", "0.5646216173286169", "2.166090855590701", "8.309900738254731",
        "31.879757075478317", "122.30217221643493", "469.19495946736544", "1799.9999999999986",
    ]

    @Test("gotk_reconcile_duration_seconds: Flux's name, help, labels and the 10 buckets from 10ms to 1800s")
    func reconcileDuration() async throws {
        let registry = PrometheusCollectorRegistry()
        let metrics = PrometheusReconcileMetrics(registry: registry)
        let id = ObjectID(kind: "ImageRepository", namespace: "flux-system", name: "podinfo")
        metrics.recordReconcile(id, duration: .milliseconds(500), result: .success)
        metrics.recordReconcile(id, duration: .seconds(2), result: .error)
        metrics.recordReconcile(id, duration: .seconds(4000), result: .requeueAfter)

        let text = try await testApplication(control: FakePipelineControl(), registry: registry).test(.router) { client async throws in
            let response = try await client.execute(uri: "/metrics", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/plain; version=0.0.4; charset=utf-8")
            return String(buffer: response.body)
        }
        let labels = #"kind="ImageRepository",name="podinfo",namespace="flux-system""#
        let counts = [0, 0, 0, 1, 2, 2, 2, 2, 2, 2]
        var expected = [
            "# HELP gotk_reconcile_duration_seconds The duration in seconds of a GitOps Toolkit resource reconciliation.",
            "# TYPE gotk_reconcile_duration_seconds histogram",
        ]
        for (le, count) in zip(Self.fluxBucketLabels, counts) {
            expected.append("gotk_reconcile_duration_seconds_bucket{\(labels),le=\"\(le)\"} \(count)")
        }
        expected += [
            "gotk_reconcile_duration_seconds_bucket{\(labels),le=\"+Inf\"} 3",
            "gotk_reconcile_duration_seconds_sum{\(labels)} 4002.5",
            "gotk_reconcile_duration_seconds_count{\(labels)} 3",
        ]
        #expect(families(text)["gotk_reconcile_duration_seconds"] == expected)
    }

    @Test("controller_runtime_reconcile_total: every image controller's results start at zero; kinds in lower case")
    func reconcileTotal() async throws {
        let registry = PrometheusCollectorRegistry()
        let metrics = PrometheusReconcileMetrics(registry: registry)
        metrics.recordReconcile(ObjectID(kind: "ImagePolicy", namespace: "apps", name: "a"), duration: .seconds(1), result: .success)
        metrics.recordReconcile(ObjectID(kind: "ImagePolicy", namespace: "apps", name: "b"), duration: .seconds(1), result: .success)
        metrics.recordReconcile(ObjectID(kind: "ImageUpdateAutomation", namespace: "apps", name: "c"), duration: .seconds(1), result: .error)
        metrics.recordReconcile(ObjectID(kind: "ImageRepository", namespace: "apps", name: "d"), duration: .seconds(1), result: .requeue)

        let text = registry.emitToString()
        let total = try #require(families(text)["controller_runtime_reconcile_total"])
        #expect(Array(total.prefix(2)) == ["# HELP controller_runtime_reconcile_total Total number of reconciliations per controller",
            "# TYPE controller_runtime_reconcile_total counter"])
        var samples: [String] = []
        for controller in ["imagepolicy", "imagerepository", "imageupdateautomation"] {
            for result in ["error", "requeue", "requeue_after", "success"] {
                let value = switch (controller, result) {
                case ("imagepolicy", "success"): 2
                case ("imageupdateautomation", "error"), ("imagerepository", "requeue"): 1
                default: 0
                }
                samples.append("controller_runtime_reconcile_total{controller=\"\(controller)\",result=\"\(result)\"} \(value)")
            }
        }
        #expect(total.dropFirst(2).sorted() == samples)

        let errors = try #require(families(text)["controller_runtime_reconcile_errors_total"])
        #expect(errors.dropFirst(2).sorted() == [
            #"controller_runtime_reconcile_errors_total{controller="imagepolicy"} 0"#,
            #"controller_runtime_reconcile_errors_total{controller="imagerepository"} 0"#,
            #"controller_runtime_reconcile_errors_total{controller="imageupdateautomation"} 1"#,
        ])
    }

    @Test("label values are escaped as the text format requires")
    func escapedLabels() {
        let registry = PrometheusCollectorRegistry()
        PrometheusReconcileMetrics(registry: registry, controllers: []).recordReconcile(
            ObjectID(kind: "ImagePolicy", namespace: "ns", name: "a\"b\\c"), duration: .zero, result: .success)
        let lines = families(registry.emitToString())["gotk_reconcile_duration_seconds"] ?? []
        #expect(lines.contains(#"gotk_reconcile_duration_seconds_count{kind="ImagePolicy",name="a\"b\\c",namespace="ns"} 1"#))
    }

    @Test("two registries do not share metrics (no global bootstrap)")
    func separateRegistries() {
        let first = PrometheusCollectorRegistry()
        let second = PrometheusCollectorRegistry()
        PrometheusReconcileMetrics(registry: first).recordReconcile(
            ObjectID(kind: "ImagePolicy", namespace: "ns", name: "a"), duration: .seconds(1), result: .success)
        _ = PrometheusReconcileMetrics(registry: second)
        #expect(families(first.emitToString())["gotk_reconcile_duration_seconds"] != nil)
        #expect(families(second.emitToString())["gotk_reconcile_duration_seconds"] == nil)
    }

    @Test("receiver requests: notification-controller's gotk_receiver_http_* families")
    func receiverRequests() async throws {
        let registry = PrometheusCollectorRegistry()
        let endpoint = testEndpoint(testReceiver("generic", type: "generic"), token: "token")
        try await testApplication(control: FakePipelineControl(endpoints: [endpoint]), registry: registry).test(.router) { client async throws in
            #expect(try await client.execute(uri: endpoint.path, method: .post).status == .ok)
            #expect(try await client.execute(uri: "/hook/unknown", method: .post).status == .notFound)
            #expect(try await client.execute(uri: "/healthz", method: .get).status == .ok)
        }
        let all = families(registry.emitToString())
        let duration = try #require(all["gotk_receiver_http_request_duration_seconds"])
        #expect(Array(duration.prefix(2)) == ["# HELP gotk_receiver_http_request_duration_seconds The latency of the HTTP requests.",
            "# TYPE gotk_receiver_http_request_duration_seconds histogram"])
        let ok = #"code="200",handler="/hook/",method="POST",service="""#
        let notFound = #"code="404",handler="/hook/",method="POST",service="""#
        let les = ["0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1.0", "2.5", "5.0", "10.0", "+Inf"]
        for labels in [ok, notFound] {
            let buckets = duration.filter { $0.hasPrefix("gotk_receiver_http_request_duration_seconds_bucket{\(labels),") }
            #expect(buckets.map { $0.split(separator: "\"").dropLast().last.map(String.init) ?? "" } == les)
            #expect(duration.contains("gotk_receiver_http_request_duration_seconds_count{\(labels)} 1"))
        }
        let size = try #require(all["gotk_receiver_http_response_size_bytes"])
        #expect(size.first == "# HELP gotk_receiver_http_response_size_bytes The size of the HTTP responses.")
        #expect(size.contains("gotk_receiver_http_response_size_bytes_bucket{\(ok),le=\"100.0\"} 1"))
        #expect(size.contains("gotk_receiver_http_response_size_bytes_bucket{\(ok),le=\"1000000000.0\"} 1"))
        #expect(size.contains("gotk_receiver_http_response_size_bytes_sum{\(ok)} 0.0"))
        let inflight = try #require(all["gotk_receiver_http_requests_inflight"])
        #expect(inflight == [
            "# HELP gotk_receiver_http_requests_inflight The number of inflight requests being handled at the same time.",
            "# TYPE gotk_receiver_http_requests_inflight gauge",
            #"gotk_receiver_http_requests_inflight{handler="/hook/",service=""} 0.0"#,
        ])
        #expect(!registry.emitToString().contains(endpoint.path))
    }
}
