import ArgumentParser
import FerryCore
import FerryKubernetes
import Foundation

/// `--kubeconfig` and `--context`: the flux CLI's flags (CLI-01) that point `get`, `reconcile`,
/// `suspend` and `resume` at a cluster instead of standalone mode's folder and state file.
struct ClusterFlags: ParsableArguments {
    @Option(help: ArgumentHelp("Talk to the cluster of this kubeconfig file (as flux does) instead of --manifests/--state.", valueName: "file"))
    var kubeconfig: String?

    @Option(help: ArgumentHelp("The kubeconfig context to use (implies the cluster).", valueName: "context"))
    var context: String?

    @Option(
        name: .customLong("request-timeout"),
        help: ArgumentHelp("How long one API request may take, connecting included (Go duration, default 30s).", valueName: "duration"))
    var requestTimeout: String?

    /// Creates the flags, unset.
    init() {}

    /// The cluster to talk to, or nil for standalone mode: the cluster when `--kubeconfig` or
    /// `--context` is given, or `$KUBECONFIG` is set and neither `--manifests` nor `--state` is.
    ///
    /// - Throws: ``CommandFailure`` (invalid input) when cluster and standalone flags are mixed,
    ///   or the kubeconfig cannot be used.
    func images(standalone: StandaloneOptions, environment: [String: String]) throws(CommandFailure) -> ClusterImages? {
        guard let connection = try connection(standalone: standalone, environment: environment) else { return nil }
        var timeout = Duration.seconds(30)
        if let requestTimeout {
            let parsed: GoDuration
            do {
                parsed = try GoDuration(parsing: requestTimeout)
            } catch {
                throw CommandFailure(.invalidInput, "--request-timeout: \(error.description)")
            }
            guard parsed.nanoseconds > 0 else { throw CommandFailure(.invalidInput, "--request-timeout: \"\(requestTimeout)\" is not a positive duration") }
            timeout = parsed.duration
        }
        return try ClusterImages(connection: connection, requestTimeout: timeout)
    }

    /// The connection of ``images(standalone:environment:)``.
    func connection(standalone: StandaloneOptions, environment: [String: String]) throws(CommandFailure) -> ClusterConnection? {
        let explicit = kubeconfig != nil || context != nil
        if explicit && standalone.isGiven {
            throw CommandFailure(.invalidInput, "--kubeconfig/--context and --manifests/--state cannot be used together: choose the cluster or the state file")
        }
        guard explicit || (!(environment["KUBECONFIG"] ?? "").isEmpty && !standalone.isGiven) else { return nil }
        do {
            return try ClusterConnection.resolve(kubeconfig: kubeconfig, context: context, environment: environment)
        } catch let error as KubeConfigError {
            throw CommandFailure(.invalidInput, error.description)
        } catch {
            throw CommandFailure(.invalidInput, "the kubeconfig cannot be used: \(error)")
        }
    }
}

/// The image objects of a cluster, for the command line: reads, the merge patches `flux
/// reconcile`, `suspend` and `resume` send, and waiting for the controller's status.
struct ClusterImages {
    let client: KubeClient

    /// The API server's address, for messages.
    var server: String { client.connection.server }

    /// A client for `connection` that retries once, each request within `requestTimeout`
    /// (connecting to a server that refuses connections is retried until then).
    init(connection: ClusterConnection, requestTimeout: Duration) throws(CommandFailure) {
        do {
            var client = try KubeClient(connection: connection, retry: RetryPolicy(maxRetries: 1, initialBackoff: .milliseconds(200)))
            client.requestTimeout = requestTimeout
            self.client = client
        } catch {
            throw CommandFailure(.invalidInput, "the kubeconfig's TLS material cannot be used: \(error)")
        }
    }

    /// The objects of a kind in `namespace` (every namespace when nil), with the label selector
    /// sent to the API server.
    func list<Object: APIObject>(_ type: Object.Type, namespace: String?, labelSelector: String?) async throws(CommandFailure) -> [Object] {
        do {
            return try await client.listAll(type, Object.resource, namespace: namespace, options: ListOptions(labelSelector: labelSelector)).items
        } catch {
            throw Self.failure(error)
        }
    }

    /// One object, or nil when it does not exist.
    func find<Object: APIObject>(_ type: Object.Type, namespace: String, name: String) async throws(CommandFailure) -> Object? {
        do {
            return try await client.get(type, Object.resource, name: name, namespace: namespace)
        } catch let error as KubeAPIError where error.isNotFound && !error.isResourceNotServed {
            return nil
        } catch {
            throw Self.failure(error)
        }
    }

    /// One object, or the failure naming it and its namespace.
    func object<Object: APIObject>(_ type: Object.Type, _ kind: ImageKind, namespace: String, name: String) async throws(CommandFailure) -> Object {
        guard let object = try await find(type, namespace: namespace, name: name) else {
            throw CommandFailure(.invalidInput, "\(kind.kind) '\(namespace)/\(name)' not found in the cluster at \(client.connection.server)")
        }
        return object
    }

    /// The objects named, or with `all` every object of the kind in the namespace.
    func objects<Object: APIObject>(_ type: Object.Type, _ kind: ImageKind, namespace: String, names: [String], all: Bool)
        async throws(CommandFailure) -> [Object]
    {
        if all { return try await list(type, namespace: namespace, labelSelector: nil) }
        guard !names.isEmpty else { throw CommandFailure(.invalidInput, "please specify a name") }
        var objects: [Object] = []
        for name in names { objects.append(try await object(type, kind, namespace: namespace, name: name)) }
        return objects
    }

    /// Sets `reconcile.fluxcd.io/requestedAt` by merge patch, as `flux reconcile` does.
    func requestReconcile<Object: APIObject>(_ type: Object.Type, namespace: String, name: String, value: String) async throws(CommandFailure) {
        try await patching(type, namespace: namespace, name: name) {
            try await client.requestReconcile(Object.resource, name: name, namespace: namespace, value: value, fieldManager: "ferry")
        }
    }

    /// Sets `spec.suspend` by merge patch, as `flux suspend` and `flux resume` do.
    func setSuspend<Object: APIObject>(_ type: Object.Type, namespace: String, name: String, _ suspend: Bool) async throws(CommandFailure) {
        try await patching(type, namespace: namespace, name: name) {
            try await client.setSuspend(Object.resource, name: name, namespace: namespace, suspend, fieldManager: "ferry")
        }
    }

    /// Sets or removes (`nil`) annotations of the object by merge patch (field manager `ferry`).
    func setAnnotations<Object: APIObject>(_ type: Object.Type, namespace: String, name: String, _ annotations: [(String, String?)])
        async throws(CommandFailure)
    {
        try await patching(type, namespace: namespace, name: name) {
            try await client.setAnnotations(Object.resource, name: name, namespace: namespace, annotations, fieldManager: "ferry")
        }
    }

    private func patching<Object: APIObject>(_ type: Object.Type, namespace: String, name: String, _ body: () async throws -> Void)
        async throws(CommandFailure)
    {
        do {
            try await body()
        } catch let error as KubeAPIError where error.isNotFound && !error.isResourceNotServed {
            throw CommandFailure(.invalidInput, "\(Object.resource.kind) '\(namespace)/\(name)' not found in the cluster at \(server)")
        } catch {
            throw Self.failure(error)
        }
    }

    /// Polls the object until its status satisfies `done`, or `timeout` passes.
    func waitForStatus<Object: APIObject>(
        _ type: Object.Type, namespace: String, name: String, timeout: GoDuration, done: (Object) -> Bool
    ) async throws(CommandFailure) -> Object.Status {
        let deadline = ContinuousClock.now + timeout.duration
        while true {
            if let object = try await find(type, namespace: namespace, name: name), done(object) { return object.status }
            if ContinuousClock.now >= deadline {
                throw CommandFailure(
                    .failure, "timed out waiting for \(Object.resource.kind) '\(namespace)/\(name)' to be reconciled; is `ferry controller` running?")
            }
            do {
                try await Task.sleep(for: .milliseconds(200))
            } catch {
                throw CommandFailure(.failure, "cancelled while waiting for \(Object.resource.kind) reconciliation")
            }
        }
    }

    /// A request's failure as the command line reports it: exit status 3, the server, the
    /// operation and the server's message (a 403 names the missing permission).
    static func failure(_ error: any Error) -> CommandFailure {
        switch error {
        case let error as KubeAPIError where error.code == 403:
            CommandFailure(.failure, "The Kubernetes API at \(error.server) forbids \(error.operation) (403 Forbidden): \(error.message)")
        case let error as KubeAPIError:
            CommandFailure(.failure, error.description)
        case let error as KubeClientError:
            CommandFailure(.failure, error.description)
        default:
            CommandFailure(.failure, "\(error)")
        }
    }
}
