public import FerryCore
public import FerryKubernetes
public import FerryNotify
import Foundation
public import Logging
import Synchronization

/// Controller mode's notifications, as Flux's notification-controller has them: the Alerts and
/// Providers (`notification.toolkit.fluxcd.io/v1beta3`) and Receivers (`v1`) of the watched
/// namespaces, read from the API with the Secrets they reference (provider addresses and tokens,
/// receiver tokens; read directly, never cached, RT-06).
///
/// ``refresh()`` reads them all, hands the Alerts and Providers to the ``NotificationDispatcher``
/// the reconcilers record their events to, keeps the Receivers' endpoints for the HTTP server
/// (`/hook/<digest>`, N-31) and writes each Receiver's `status.webhookPath` and Ready condition
/// as Flux does. ``watch()`` refreshes whenever one of the three kinds changes (a watch per
/// kind, relisting after 410 Gone or a broken stream) and every ``resyncInterval``, which also
/// picks up changed Secrets and object labels.
public final class ClusterNotifications: Sendable {
    /// `alerts.notification.toolkit.fluxcd.io/v1beta3`.
    public static let alertResource = APIResourceKind(group: "notification.toolkit.fluxcd.io", version: "v1beta3", kind: "Alert", plural: "alerts")
    /// `providers.notification.toolkit.fluxcd.io/v1beta3`.
    public static let providerResource = APIResourceKind(
        group: "notification.toolkit.fluxcd.io", version: "v1beta3", kind: "Provider", plural: "providers")
    /// `receivers.notification.toolkit.fluxcd.io/v1` (status subresource).
    public static let receiverResource = APIResourceKind(group: "notification.toolkit.fluxcd.io", version: "v1", kind: "Receiver", plural: "receivers")
    static let secretResource = APIResourceKind(group: "", version: "v1", kind: "Secret", plural: "secrets")

    /// The dispatcher the reconcilers' events go to.
    public let dispatcher: NotificationDispatcher<ContinuousClock>
    /// How often everything is read again without a change being seen.
    public let resyncInterval: Duration
    let client: KubeClient
    let namespace: String?
    let fieldManager: String
    let now: @Sendable () -> Timestamp
    let writesStatus: @Sendable () async -> Bool
    let logger: Logger
    private let endpoints = Mutex<[ReceiverEndpoint]>([])
    private let refreshes = Mutex<Int>(0)

    /// Creates the notifications of controller mode.
    ///
    /// - Parameters:
    ///   - writesStatus: whether this replica writes Receiver status now (the leader does).
    init(
        client: KubeClient, namespace: String?, fieldManager: String, dispatcher: NotificationDispatcher<ContinuousClock>, resyncInterval: Duration,
        now: @escaping @Sendable () -> Timestamp, writesStatus: @escaping @Sendable () async -> Bool, logger: Logger
    ) {
        self.client = client
        self.namespace = namespace
        self.fieldManager = fieldManager
        self.dispatcher = dispatcher
        self.resyncInterval = resyncInterval
        self.now = now
        self.writesStatus = writesStatus
        self.logger = logger
    }

    /// The Receivers as the HTTP server serves them, from the last ``refresh()``.
    public var receiverEndpoints: [ReceiverEndpoint] { endpoints.withLock { $0 } }

    /// How many times ``refresh()`` has completed (tests wait on it).
    public var refreshCount: Int { refreshes.withLock { $0 } }

    /// Reads the Alerts, Providers, Receivers and their Secrets, and applies them.
    ///
    /// - Throws: ``KubeAPIError`` or ``KubeClientError`` when a list fails (a 403 names the
    ///   missing permission); one object that does not decode is logged and left out.
    public func refresh() async throws {
        let alerts = try await objects(Alert.self, Self.alertResource).filter { alert in
            do throws(NotificationValidationError) {
                try alert.validate()
                return true
            } catch {
                logger.warning("invalid Alert left out", metadata: ["notification.error": "\(error)"])
                return false
            }
        }
        let providers = try await objects(Provider.self, Self.providerResource)
        let receivers = try await objects(Receiver.self, Self.receiverResource)
        var secrets: [String: SecretData?] = [:]
        func secret(_ namespace: String, _ name: String) async -> SecretData? {
            let key = namespace + "/" + name
            if let known = secrets[key] { return known }
            let found = await readSecret(namespace: namespace, name: name)
            secrets[key] = found
            return found
        }
        for provider in providers {
            for name in [provider.spec.secretRef?.name, provider.spec.certSecretRef?.name, provider.spec.proxySecretRef?.name].compactMap({ $0 }) {
                _ = await secret(provider.metadata.namespace, name)
            }
        }
        var served: [ReceiverEndpoint] = []
        var withSecret: Set<String> = []
        for receiver in receivers {
            var found: SecretData?
            if let name = receiver.spec.secretRef?.name { found = await secret(receiver.metadata.namespace, name) }
            if found != nil { withSecret.insert(receiver.metadata.namespace + "/" + receiver.metadata.name) }
            served.append(Self.endpoint(receiver, secret: found))
        }
        let labels = try await objectLabels(alerts)
        dispatcher.update(
            NotificationConfiguration(alerts: alerts, providers: providers, secrets: secrets.values.compactMap { $0 }, objectLabels: labels))
        endpoints.withLock { $0 = served }
        if await writesStatus() {
            for endpoint in served where !endpoint.receiver.spec.suspend {
                let metadata = endpoint.receiver.metadata
                await writeStatus(endpoint, secretFound: withSecret.contains(metadata.namespace + "/" + metadata.name))
            }
        }
        refreshes.withLock { $0 += 1 }
    }

    /// Refreshes now, then on every change of an Alert, Provider or Receiver and every
    /// ``resyncInterval``, until the task is cancelled (returns normally then). Failures are
    /// logged and retried with backoff; they never stop the controller.
    public func watch() async {
        let (signals, signal) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        await withDiscardingTaskGroup { group in
            for resource in [Self.alertResource, Self.providerResource, Self.receiverResource] {
                group.addTask { await self.watch(resource, signal: signal) }
            }
            group.addTask { [resyncInterval] in
                while !Task.isCancelled {
                    signal.yield()
                    try? await Task.sleep(for: resyncInterval)
                }
            }
            group.addTask {
                var failures = 0
                for await _ in signals {
                    do {
                        try await self.refresh()
                        failures = 0
                    } catch is CancellationError {
                        return
                    } catch {
                        failures += 1
                        self.logger.error("could not read the notification objects", metadata: ["kube.error": "\(error)"])
                        try? await Task.sleep(for: .milliseconds(min(30_000, 500 << min(failures, 6))))
                        signal.yield()
                    }
                }
            }
            while !Task.isCancelled { try? await Task.sleep(for: .seconds(3600)) }
            signal.finish()
            group.cancelAll()
        }
    }

    /// One kind's watch: list for a resourceVersion, ask for a refresh, watch from there; any
    /// change asks for a refresh; 410 or a broken stream starts again.
    private func watch(_ resource: APIResourceKind, signal: AsyncStream<Void>.Continuation) async {
        var failures = 0
        while !Task.isCancelled {
            do {
                let start = try await client.list(JSONValue.self, resource, namespace: namespace, options: ListOptions(limit: 1))
                var version = start.metadata.resourceVersion
                signal.yield()
                watching: while !Task.isCancelled {
                    for try await event in client.watch(JSONValue.self, resource, namespace: namespace, options: WatchOptions(resourceVersion: version)) {
                        failures = 0
                        switch event {
                        case .added(let object), .modified(let object), .deleted(let object):
                            version = object[path: ["metadata", "resourceVersion"]]?.stringValue ?? version
                            signal.yield()
                        case .bookmark(let resourceVersion, _):
                            version = resourceVersion
                        case .error:
                            break watching
                        }
                    }
                }
            } catch is CancellationError {
                return
            } catch {
                failures += 1
                logger.info("watch of \(resource.plural) ended", metadata: ["kube.error": "\(error)"])
                try? await Task.sleep(for: .milliseconds(min(30_000, 250 << min(failures, 7))))
            }
        }
    }

    // MARK: Reading

    private func objects<Object: Decodable & Sendable>(_ type: Object.Type, _ resource: APIResourceKind) async throws -> [Object] {
        let items = try await client.listAll(JSONValue.self, resource, namespace: namespace).items
        let decoder = JSONDecoder()
        return items.compactMap { item in
            do {
                return try decoder.decode(type, from: Data(item.jsonBytes))
            } catch {
                let name = (item[path: ["metadata", "namespace"]]?.stringValue ?? "") + "/" + (item[path: ["metadata", "name"]]?.stringValue ?? "")
                logger.warning("\(resource.kind) \(name) left out: it does not decode", metadata: ["kube.error": "\(error)"])
                return nil
            }
        }
    }

    private func readSecret(namespace: String, name: String) async -> SecretData? {
        do {
            return try await client.get(SecretData.self, Self.secretResource, name: name, namespace: namespace)
        } catch {
            logger.info("could not read a Secret", metadata: ["secret": "\(namespace)/\(name)", "kube.error": "\(error)"])
            return nil
        }
    }

    /// The labels of the image objects named by `eventSources[].matchLabels`, keyed
    /// `Kind/namespace/name`; nothing is read when no Alert uses matchLabels.
    private func objectLabels(_ alerts: [Alert]) async throws -> [String: [String: String]] {
        let kinds = Set(alerts.flatMap(\.spec.eventSources).filter { $0.matchLabels != nil }.map(\.kind))
        var labels: [String: [String: String]] = [:]
        for resource in [ImageRepository.resource, ImagePolicy.resource, ImageUpdateAutomation.resource] where kinds.contains(resource.kind) {
            for item in try await client.listAll(JSONValue.self, resource, namespace: namespace).items {
                let metadata = item["metadata"]
                var values: [String: String] = [:]
                for (key, value) in metadata?["labels"]?.objectMembers ?? [] { values[key] = value.stringValue ?? "" }
                guard !values.isEmpty else { continue }
                labels["\(resource.kind)/\(metadata?["namespace"]?.stringValue ?? "")/\(metadata?["name"]?.stringValue ?? "")"] = values
            }
        }
        return labels
    }

    // MARK: Receivers

    /// A Receiver's endpoint: the path its Secret's `token` gives (N-31); `generic-oidc` has no
    /// Secret and the token `""`.
    static func endpoint(_ receiver: Receiver, secret: SecretData?) -> ReceiverEndpoint {
        let token = receiver.spec.type == "generic-oidc" ? "" : secret?.rawText("token")
        let path = token.map { receiver.webhookPath(token: $0) } ?? ""
        return ReceiverEndpoint(receiver: receiver, path: path, token: token, email: secret?.rawText("email"), audience: secret?.rawText("audience"))
    }

    /// Writes `status.webhookPath`, `observedGeneration` and the Ready condition as Flux's
    /// Receiver reconciler does, when they differ from what is stored.
    private func writeStatus(_ endpoint: ReceiverEndpoint, secretFound: Bool) async {
        let receiver = endpoint.receiver
        let id = "\(receiver.metadata.namespace)/\(receiver.metadata.name)"
        do {
            let stored = try await client.get(JSONValue.self, Self.receiverResource, name: receiver.metadata.name, namespace: receiver.metadata.namespace)
            let generation = stored[path: ["metadata", "generation"]]?.integerValue ?? 1
            let ready: (status: String, reason: String, message: String)
            if endpoint.token != nil {
                ready = ("True", "Succeeded", "Receiver initialized for path: \(endpoint.path)")
            } else if let name = receiver.spec.secretRef?.name {
                let missingSecret = "unable to read token from secret '\(receiver.metadata.namespace)/\(name)' error: secrets \"\(name)\" not found"
                let missingKey = "invalid '\(receiver.metadata.namespace)/\(name)' secret data: required field 'token'"
                ready = ("False", "TokenNotFound", secretFound ? missingKey : missingSecret)
            } else {
                ready = ("False", "TokenNotFound", "no secretRef")
            }
            let conditions = stored[path: ["status", "conditions"]]?.arrayElements ?? []
            let current = conditions.first { $0["type"] == "Ready" }
            let unchanged = current?["status"]?.stringValue == ready.status && current?["reason"]?.stringValue == ready.reason
                && current?["message"]?.stringValue == ready.message && current?["observedGeneration"]?.integerValue == generation
                && stored[path: ["status", "observedGeneration"]]?.integerValue == generation
                && (stored[path: ["status", "webhookPath"]]?.stringValue ?? "") == endpoint.path
            guard !unchanged else { return }
            let transition = current?["status"]?.stringValue == ready.status ? current?["lastTransitionTime"] ?? .string(now().rfc3339) : .string(now().rfc3339)
            let condition: JSONValue = [
                "type": "Ready", "status": .string(ready.status), "observedGeneration": .integer(generation), "lastTransitionTime": transition,
                "reason": .string(ready.reason), "message": .string(ready.message),
            ]
            let others = conditions.filter { $0["type"] != "Ready" && $0["type"] != "Reconciling" }
            let status: JSONValue = [
                "conditions": .array([condition] + others), "observedGeneration": .integer(generation),
                "webhookPath": endpoint.path.isEmpty ? .null : .string(endpoint.path),
            ]
            _ = try await client.patch(
                JSONValue.self, Self.receiverResource, name: receiver.metadata.name, namespace: receiver.metadata.namespace, patch: ["status": status],
                patchType: .merge, subresource: "status", fieldManager: fieldManager)
        } catch {
            logger.warning("could not write the status of a Receiver", metadata: ["receiver": "\(id)", "kube.error": "\(error)"])
        }
    }
}
