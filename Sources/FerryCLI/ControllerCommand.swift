import ArgumentParser
import FerryCluster
import FerryServer
import Prometheus
import FerryCore
import FerryKubernetes
import FerryReconciler
import Foundation
import Logging
import ServiceLifecycle

/// `ferry controller`: the Kubernetes controller for the Flux image APIs.
struct ControllerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "controller",
        abstract: "Run the Kubernetes controller for ImageRepository, ImagePolicy and ImageUpdateAutomation objects.",
        discussion: """
            Does in a cluster what Flux's image-reflector-controller and image-automation-controller do: \
            watches the image.toolkit.fluxcd.io objects, scans registries, selects the latest tag of every \
            ImagePolicy, rewrites $imagepolicy markers in the GitRepository of every ImageUpdateAutomation \
            and pushes, writing status subresources, Events and finalizers as Flux does. Tags are kept in \
            the SQLite file --state (on a volume, so a restart does not scan everything again).

            Alerts, Providers (notification.toolkit.fluxcd.io/v1beta3) and Receivers (v1) are read from \
            the cluster and watched: the reconcilers' events go to the Providers of the matching Alerts, \
            and each Receiver is served at its status.webhookPath (/hook/<digest>) on the HTTP server.

            With --leader-elect only the replica holding the Lease ferry-controller-leader-election (in \
            $RUNTIME_NAMESPACE, else the context's namespace) reconciles; with --watch-label-selector the \
            controller reconciles only the image objects with those labels and its Lease name gets the \
            first 8 hex digits of the selector's SHA-256, so every shard elects its own leader. SIGTERM \
            stops reconciling (work in progress is abandoned cleanly), releases the Lease and exits 0.

            The cluster comes from --kubeconfig, else $KUBECONFIG, else the pod's service account, else \
            ~/.kube/config; --context picks a context. Exit status 3 when the configuration cannot be \
            used, the API server cannot be reached or does not serve the CRDs (run `ferry install`), or \
            the Lease is lost.

            Examples:
              ferry controller --kubeconfig ~/.kube/config --context kind-flux
              ferry controller --leader-elect --state /data/ferry.sqlite --concurrent 8
              ferry controller --leader-elect --watch-label-selector sharding.fluxcd.io/shard=shard1
            """
    )

    @Option(help: ArgumentHelp("The kubeconfig file to use.", valueName: "file"))
    var kubeconfig: String?

    @Option(help: ArgumentHelp("The kubeconfig context to use instead of current-context.", valueName: "context"))
    var context: String?

    @Option(
        name: .customLong("watch-label-selector"),
        help: ArgumentHelp("Only reconcile image objects with these labels (sharding), e.g. sharding.fluxcd.io/shard=shard1.", valueName: "selector"))
    var watchLabelSelector: String?

    @Flag(
        name: [.customLong("leader-elect"), .customLong("enable-leader-election")],
        help: "Reconcile only while holding the leader-election Lease (for several replicas).")
    var leaderElect = false

    @Flag(inversion: .prefixedNo, help: "Watch every namespace (the default), or only $RUNTIME_NAMESPACE.")
    var watchAllNamespaces = true

    @Option(help: ArgumentHelp("How many objects of each kind to reconcile at once.", valueName: "n"))
    var concurrent = 4

    @Option(
        name: [.customLong("state"), .customLong("storage-path")],
        help: ArgumentHelp("The SQLite file keeping scanned tags (a directory gets ferry.sqlite); in memory when not given.", valueName: "file"))
    var state: String?

    @Option(name: .customLong("git-cache"), help: ArgumentHelp("Keep Git clones in this directory between runs.", valueName: "dir"))
    var gitCache: String?

    @Flag(help: "Refuse references to objects in other namespaces (Flux's --no-cross-namespace-refs).")
    var noCrossNamespaceRefs = false

    @Option(help: ArgumentHelp("The address of /metrics, for the HTTP server.", valueName: "addr"))
    var metricsAddr = ":8080"

    @Option(help: ArgumentHelp("The address of /healthz and /readyz, for the HTTP server.", valueName: "addr"))
    var healthAddr = ":9440"

    @Option(help: ArgumentHelp("The log level: trace, debug, info, error.", valueName: "level"))
    var logLevel = "info"

    func validate() throws {
        if concurrent < 1 { throw ValidationError("--concurrent: \(concurrent) is not a positive number of reconciles") }
        if let selector = watchLabelSelector, selector.isEmpty || (selector.contains(" ") && !selector.contains("in (")) {
            throw ValidationError("--watch-label-selector: \"\(selector)\" is not a label selector (key=value[,key2=value2])")
        }
        if Logger.Level(rawValue: logLevel) == nil {
            throw ValidationError("--log-level: \"\(logLevel)\" is not one of trace, debug, info, notice, warning, error, critical")
        }
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        var logger = Logger(label: "ferry.controller", factory: { StreamLogHandler.standardError(label: $0) })
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        var configuration: ClusterRuntime.Configuration
        let metricsAddress: ListenAddress
        let healthAddress: ListenAddress
        do {
            metricsAddress = try ListenAddress(parsing: metricsAddr)
            healthAddress = try ListenAddress(parsing: healthAddr)
        } catch {
            throw CommandFailure(.invalidInput, "--metrics-addr/--health-addr: \(error.description)")
        }
        let metrics = PrometheusReconcileMetrics(registry: PrometheusCollectorRegistry())
        do {
            let connection = try ClusterConnection.resolve(kubeconfig: kubeconfig, context: context, environment: environment)
            configuration = makeConfiguration(connection, environment: environment)
            configuration.metrics = metrics
        } catch let error as KubeConfigError {
            throw CommandFailure(.failure, error.description)
        }
        logger.info(
            "starting the controller",
            metadata: [
                "kube.server": "\(configuration.connection.server)", "kube.origin": "\(configuration.connection.origin)",
                "lease.name": "\(configuration.leaderElection.map { "\($0.namespace)/\($0.leaseName)" } ?? "none")",
            ])
        do {
            try await ClusterRuntime.run(configuration, logger: logger, extraServices: { controller in
                httpServices(controller, metrics: metrics, addresses: [metricsAddress, healthAddress], logger: logger)
            })
        } catch let error as ClusterRuntimeError {
            throw CommandFailure(.failure, error.description)
        } catch let error as LeaderElectionLost {
            throw CommandFailure(.failure, error.description)
        } catch let error as KubeAPIError {
            throw CommandFailure(.failure, error.description)
        } catch let error as KubeClientError {
            throw CommandFailure(.failure, error.description)
        }
    }

    /// The controller settings from the flags.
    func makeConfiguration(_ connection: ClusterConnection, environment: [String: String]) -> ClusterRuntime.Configuration {
        let runtimeNamespace = environment["RUNTIME_NAMESPACE"].flatMap { $0.isEmpty ? nil : $0 } ?? connection.namespace
        var configuration = ClusterRuntime.Configuration(connection: connection)
        configuration.watchNamespace = watchAllNamespaces ? nil : runtimeNamespace
        configuration.watchLabelSelector = watchLabelSelector
        configuration.concurrent = concurrent
        configuration.statePath = state.map { path in
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            return exists && isDirectory.boolValue ? path + "/ferry.sqlite" : path
        }
        configuration.gitCacheDirectory = gitCache
        configuration.noCrossNamespaceRefs = noCrossNamespaceRefs
        if leaderElect { configuration.electLeader(inNamespace: runtimeNamespace) }
        return configuration
    }

    /// The services run beside the controller: the HTTP server on `--metrics-addr` and on
    /// `--health-addr` (the ports the Deployment of `ferry install` probes and scrapes); each
    /// serves every path, as one server does in standalone mode.
    func httpServices(_ controller: PipelineController, metrics: PrometheusReconcileMetrics, addresses: [ListenAddress], logger: Logger) -> [any Service] {
        var seen: Set<ListenAddress> = []
        return addresses.filter { seen.insert($0).inserted }.map { address in
            FerryHTTPServer(configuration: HTTPServerConfiguration(address: address), control: controller, metrics: metrics, logger: logger)
        }
    }
}
