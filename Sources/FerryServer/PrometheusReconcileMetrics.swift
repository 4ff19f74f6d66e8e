public import FerryCore
public import Prometheus

/// The ``FerryCore/ReconcileMetrics`` port over a Prometheus registry, with the names Flux's image
/// controllers expose (RT-08):
///
/// - `gotk_reconcile_duration_seconds{kind,name,namespace}`, a histogram with fluxcd/pkg's buckets
///   (`prometheus.ExponentialBucketsRange(10e-3, 1800, 10)`, see ``reconcileDurationBuckets``);
/// - controller-runtime's `controller_runtime_reconcile_total{controller,result}` and
///   `controller_runtime_reconcile_errors_total{controller}`, where the controller is the kind in
///   lower case (`imagerepository`, `imagepolicy`, `imageupdateautomation`), each controller's
///   counters starting at zero as controller-runtime starts them.
///
/// The registry is passed in (no global `MetricsSystem.bootstrap`), so each test has its own. The HTTP
/// server adds the receiver metrics to the same registry and serves it at `/metrics`.
public struct PrometheusReconcileMetrics: ReconcileMetrics {
    /// The registry the metrics live in.
    public let registry: PrometheusCollectorRegistry

    /// The buckets (in seconds) of `gotk_reconcile_duration_seconds`: the values Go's
    /// `prometheus.ExponentialBucketsRange(10e-3, 1800, 10)` computes (fluxcd/pkg `runtime/metrics`),
    /// bit for bit, as printed by Go 1.19 `strconv.FormatFloat(b, 'g', -1, 64)`; the last is Go's
    /// rounding of 1800.
    public static let reconcileDurationBuckets: [Double] = [
        0.01, 0.038363583488692544, 0.1471764538093883, 0.5646216173286169, 2.166090855590701, 8.309900738254731,
        31.879757075478317, 122.30217221643493, 469.19495946736544, 1799.9999999999986,
    ]

    /// The controllers whose counters start at zero: Flux's image controllers.
    public static let imageControllers = ["imagerepository", "imagepolicy", "imageupdateautomation"]

    static var duration: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "gotk", metricName: "reconcile_duration", unitName: "seconds",
            helpText: "The duration in seconds of a GitOps Toolkit resource reconciliation.")
    }
    static var total: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "controller_runtime", metricName: "reconcile", unitName: "total", helpText: "Total number of reconciliations per controller")
    }
    static var errors: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "controller_runtime", subsystem: "reconcile", metricName: "errors", unitName: "total",
            helpText: "Total number of reconciliation errors per controller")
    }

    /// Creates the metrics in `registry`.
    /// - Parameters:
    ///   - registry: Where the metrics are kept and read from.
    ///   - controllers: The controllers whose counters are created at zero now (controller-runtime does
    ///     this when a controller starts); others appear with their first reconcile.
    public init(registry: PrometheusCollectorRegistry, controllers: [String] = PrometheusReconcileMetrics.imageControllers) {
        self.registry = registry
        for controller in controllers {
            for result in [ReconcileMetricResult.error, .requeue, .requeueAfter, .success] {
                _ = registry.makeCounter(descriptor: Self.total, labels: [("controller", controller), ("result", result.rawValue)])
            }
            _ = registry.makeCounter(descriptor: Self.errors, labels: [("controller", controller)])
        }
    }

    /// Records one reconcile of `id` that took `duration` and ended with `result`.
    public func recordReconcile(_ id: ObjectID, duration: Duration, result: ReconcileMetricResult) {
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        registry.makeValueHistogram(
            descriptor: Self.duration, labels: [("kind", id.kind), ("name", id.name), ("namespace", id.namespace)],
            buckets: Self.reconcileDurationBuckets
        ).record(seconds)
        let controller = id.kind.lowercased()
        registry.makeCounter(descriptor: Self.total, labels: [("controller", controller), ("result", result.rawValue)]).increment()
        if result == .error {
            registry.makeCounter(descriptor: Self.errors, labels: [("controller", controller)]).increment()
        }
    }
}
