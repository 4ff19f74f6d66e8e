public import FerryCore
import Logging

/// Keeps a view of one kind in step with the API server: lists, then watches from the
/// list's resourceVersion; after a watch ends it watches again from the last version seen;
/// after a 410 (an expired version, an API server restart) it lists again and reports what
/// differs from what it had reported. What client-go's Reflector and informer do.
public struct Reflector<Object: APIObject>: Sendable {
    /// The client.
    public var client: KubeClient
    /// The namespace, or nil for every namespace.
    public var namespace: String?
    /// `labelSelector` for list and watch (sharding).
    public var labelSelector: String?
    /// Use a watch-list (`sendInitialEvents`) instead of a list to start.
    public var useWatchList: Bool
    /// The page size of lists.
    public var pageSize: Int
    /// `timeoutSeconds` of each watch; the server ends the stream after this long.
    public var watchTimeoutSeconds: Int
    /// The backoff between failed attempts (client-go: 800 ms doubling to 30 s).
    public var backoff: RetryPolicy

    /// Creates a reflector.
    public init(client: KubeClient, namespace: String? = nil, labelSelector: String? = nil, useWatchList: Bool = false) {
        self.client = client
        self.namespace = namespace
        self.labelSelector = labelSelector
        self.useWatchList = useWatchList
        self.pageSize = 500
        self.watchTimeoutSeconds = 300 + Int.random(in: 0..<300)
        self.backoff = RetryPolicy(maxRetries: .max, initialBackoff: .milliseconds(800), maxBackoff: .seconds(30), sleep: client.retry.sleep)
    }

    /// Runs until the task is cancelled, calling `deliver` with every change in order.
    ///
    /// - Throws: ``KubeAPIError`` for a 401 or 403 (the credentials or RBAC are wrong: retrying
    ///   would not help), `CancellationError` when cancelled.
    public func run(_ deliver: (ObjectChange<Object>) async -> Void) async throws {
        var known: [ObjectKey: Object] = [:]
        var failures = 0
        while true {
            try Task.checkCancellation()
            do {
                var version = try await synchronize(&known, deliver)
                failures = 0
                var relist = false
                while !relist {
                    try Task.checkCancellation()
                    do {
                        relist = try await watchOnce(from: &version, &known, deliver)
                        failures = 0
                    } catch let error as KubeClientError where error.isBrokenStream || error.isTransport {
                        client.logger.debug("watch broke off; watching again", metadata: ["kube.kind": "\(Object.resource.kind)"])
                        try await backoff.sleep(backoff.backoff(attempt: failures))
                        failures += 1
                    }
                }
            } catch let error as KubeAPIError where error.isAuthorizationFailure {
                throw error
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                client.logger.info(
                    "listing or watching failed; trying again",
                    metadata: ["kube.kind": "\(Object.resource.kind)", "kube.error": "\(error)"])
                try await backoff.sleep(backoff.backoff(attempt: failures))
                failures += 1
            }
        }
    }

    /// Lists (or watch-lists) and reports the differences from `known`, then `.synced`;
    /// returns the version to watch from.
    func synchronize(_ known: inout [ObjectKey: Object], _ deliver: (ObjectChange<Object>) async -> Void) async throws -> String {
        let (objects, version) = useWatchList ? try await watchList() : try await list()
        var fresh: [ObjectKey: Object] = [:]
        for object in objects { fresh[object.metadata.key] = object }
        for object in objects {
            if let previous = known[object.metadata.key] {
                if previous.metadata.resourceVersion != object.metadata.resourceVersion { await deliver(.modified(object)) }
            } else {
                await deliver(.added(object))
            }
        }
        for (key, object) in known.sorted(by: { $0.key < $1.key }) where fresh[key] == nil { await deliver(.deleted(object)) }
        known = fresh
        await deliver(.synced)
        return version
    }

    private func list() async throws -> ([Object], String) {
        let result = try await client.listAll(
            Object.self, Object.resource, namespace: namespace, options: ListOptions(labelSelector: labelSelector), pageSize: pageSize)
        return (result.items, result.metadata.resourceVersion ?? "")
    }

    private func watchList() async throws -> ([Object], String) {
        let options = WatchOptions(
            labelSelector: labelSelector, allowWatchBookmarks: true, sendInitialEvents: true, timeoutSeconds: watchTimeoutSeconds)
        var objects: [ObjectKey: Object] = [:]
        for try await event in client.watch(Object.self, Object.resource, namespace: namespace, options: options) {
            switch event {
            case .added(let object), .modified(let object): objects[object.metadata.key] = object
            case .deleted(let object): objects[object.metadata.key] = nil
            case .bookmark(let version, let end): if end { return (objects.values.sorted { $0.metadata.key < $1.metadata.key }, version) }
            case .error(let status): throw statusError(status, "watch-list")
            }
        }
        throw KubeClientError.brokenStream("watch-list \(Object.resource.plural)", "the stream ended before the initial-events-end bookmark")
    }

    /// Watches from `version` until the stream ends; returns true when a relist is needed (410).
    private func watchOnce(
        from version: inout String, _ known: inout [ObjectKey: Object], _ deliver: (ObjectChange<Object>) async -> Void
    )
        async throws -> Bool
    {
        let options = WatchOptions(
            resourceVersion: version, labelSelector: labelSelector, allowWatchBookmarks: true, timeoutSeconds: watchTimeoutSeconds)
        do {
            for try await event in client.watch(Object.self, Object.resource, namespace: namespace, options: options) {
                switch event {
                case .added(let object), .modified(let object):
                    let existed = known[object.metadata.key] != nil
                    known[object.metadata.key] = object
                    version = object.metadata.resourceVersion ?? version
                    await deliver(existed ? .modified(object) : .added(object))
                case .deleted(let object):
                    known[object.metadata.key] = nil
                    version = object.metadata.resourceVersion ?? version
                    await deliver(.deleted(object))
                case .bookmark(let bookmarked, _):
                    if !bookmarked.isEmpty { version = bookmarked }
                case .error(let status):
                    if status.code == 410 { return true }
                    throw statusError(status, "watch")
                }
            }
        } catch let error as KubeAPIError where error.isGone {
            return true
        }
        return false
    }

    private func statusError(_ status: KubeStatus, _ verb: String) -> KubeAPIError {
        KubeAPIError(
            code: status.code ?? 500, reason: status.reason ?? "InternalError", message: status.message ?? "", status: status,
            operation: KubeClient.describe(verb, Object.resource, name: nil, namespace: namespace), server: client.connection.server)
    }
}
