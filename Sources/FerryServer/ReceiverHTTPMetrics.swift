import Prometheus

/// The metrics notification-controller's receiver server records through slok/go-http-metrics with
/// the prefix `gotk_receiver`, with the same names, help texts, labels and buckets:
///
/// - `gotk_receiver_http_request_duration_seconds{code,handler,method,service}`, Prometheus' default
///   buckets (5 ms to 10 s);
/// - `gotk_receiver_http_response_size_bytes{code,handler,method,service}`, buckets 100 B to 1 GB;
/// - `gotk_receiver_http_requests_inflight{handler,service}`.
///
/// `handler` is `/hook/` for every receiver, as NC reports it unless `--export-http-path-metrics` is
/// set (the paths are not exported: they are the receivers' secrets); `service` is empty.
struct ReceiverHTTPMetrics: Sendable {
    let registry: PrometheusCollectorRegistry

    /// The handler label.
    static let handler = "/hook/"
    /// Prometheus' `DefBuckets`.
    static let durationBuckets: [Double] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]
    /// `prometheus.ExponentialBuckets(100, 10, 8)`.
    static let sizeBuckets: [Double] = [100, 1000, 10000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000]

    static var duration: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "gotk_receiver", subsystem: "http", metricName: "request_duration", unitName: "seconds",
            helpText: "The latency of the HTTP requests.")
    }
    static var size: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "gotk_receiver", subsystem: "http", metricName: "response_size", unitName: "bytes",
            helpText: "The size of the HTTP responses.")
    }
    static var inflight: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "gotk_receiver", subsystem: "http", metricName: "requests", unitName: "inflight",
            helpText: "The number of inflight requests being handled at the same time.")
    }

    /// The in-flight gauge, for one request's start and end.
    var inflightGauge: Gauge {
        registry.makeGauge(descriptor: Self.inflight, labels: [("handler", Self.handler), ("service", "")])
    }

    /// Records one answered request.
    func record(method: String, status: Int, duration: Duration, responseBytes: Int) {
        let labels = [("code", String(status)), ("handler", Self.handler), ("method", method), ("service", "")]
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        registry.makeValueHistogram(descriptor: Self.duration, labels: labels, buckets: Self.durationBuckets).record(seconds)
        registry.makeValueHistogram(descriptor: Self.size, labels: labels, buckets: Self.sizeBuckets).record(Double(responseBytes))
    }
}
