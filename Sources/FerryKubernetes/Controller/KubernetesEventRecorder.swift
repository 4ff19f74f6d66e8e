public import FerryCore
import Foundation
import Logging

/// Writes ``ObjectEvent``s as `events.k8s.io/v1` Events, in the shape Flux's recorder gives
/// them: reporting controller `image-reflector-controller` or `image-automation-controller`,
/// the event metadata as annotations, the message as `note`. A repeat of the same event
/// within six minutes updates its `series` (count, lastObservedTime) instead of creating
/// another, as client-go's events broadcaster does.
public actor KubernetesEventRecorder {
    /// The resource.
    public static let resource = APIResourceKind(group: "events.k8s.io", version: "v1", kind: "Event", plural: "events")
    /// The longest `note` events.k8s.io accepts.
    public static let noteLimit = 1024

    private let client: KubeClient
    private let reportingInstance: String
    private var series: [SeriesKey: (name: String, count: Int, lastSeen: Timestamp)] = [:]
    private var order: [SeriesKey] = []
    private let seriesWindow = Duration.seconds(360)
    private let capacity = 4096

    private struct SeriesKey: Hashable {
        var regarding: ObjectReference
        var type: String
        var reason: String
        var note: String
        var controller: String
    }

    /// Creates a recorder.
    ///
    /// - Parameter reportingInstance: the pod name (Flux uses the hostname); at most 128 characters.
    public init(client: KubeClient, reportingInstance: String) {
        self.client = client
        self.reportingInstance = String(reportingInstance.prefix(128))
    }

    /// Records an event; failures are logged, never thrown.
    public func record(_ event: ObjectEvent) async {
        let note = Self.truncate(event.message, to: Self.noteLimit)
        let regarding = event.regarding
        let key = SeriesKey(
            regarding: ObjectReference(
                kind: regarding.kind, namespace: regarding.namespace, name: regarding.name, uid: regarding.uid,
                apiVersion: regarding.apiVersion),
            type: event.type.kubernetesType, reason: event.reason, note: note, controller: event.reportingController)
        do {
            if let existing = series[key], event.time.duration(since: existing.lastSeen) < seriesWindow {
                let count = existing.count + 1
                let patch: JSONValue = ["series": ["count": .integer(Int64(count)), "lastObservedTime": .string(event.time.rfc3339Micro)]]
                do {
                    _ = try await client.patch(
                        JSONValue.self, Self.resource, name: existing.name, namespace: regarding.namespace, patch: patch, patchType: .merge)
                    series[key] = (existing.name, count, event.time)
                    return
                } catch let error as KubeAPIError where error.isNotFound {
                    series[key] = nil
                }
            }
            let name = "\(regarding.name).\(String(UInt64(max(0, event.time.nanosecondsSinceEpoch)), radix: 16))"
            let body = Self.eventBody(event, name: name, regarding: regarding, note: note, instance: reportingInstance)
            _ = try await client.create(body, Self.resource, namespace: regarding.namespace)
            remember(key, (name, 1, event.time))
        } catch {
            client.logger.info(
                "could not record an event",
                metadata: ["event.reason": "\(event.reason)", "event.object": "\(regarding.namespace)/\(regarding.name)", "kube.error": "\(error)"])
        }
    }

    private func remember(_ key: SeriesKey, _ value: (name: String, count: Int, lastSeen: Timestamp)) {
        if series[key] == nil { order.append(key) }
        series[key] = value
        while order.count > capacity { series[order.removeFirst()] = nil }
    }

    /// The Event manifest.
    static func eventBody(_ event: ObjectEvent, name: String, regarding: ObjectReference, note: String, instance: String) -> JSONValue {
        var metadata: [(String, JSONValue)] = [("name", .string(name)), ("namespace", .string(regarding.namespace))]
        if !event.annotations.isEmpty {
            metadata.append(("annotations", .object(event.annotations.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })))
        }
        var reference: [(String, JSONValue)] = [
            ("apiVersion", .string(regarding.apiVersion)), ("kind", .string(regarding.kind)), ("name", .string(regarding.name)),
            ("namespace", .string(regarding.namespace)),
        ]
        if !regarding.uid.isEmpty { reference.append(("uid", .string(regarding.uid))) }
        if !regarding.resourceVersion.isEmpty { reference.append(("resourceVersion", .string(regarding.resourceVersion))) }
        return .object([
            ("apiVersion", "events.k8s.io/v1"), ("kind", "Event"), ("metadata", .object(metadata)),
            ("eventTime", .string(event.time.rfc3339Micro)), ("reportingController", .string(event.reportingController)),
            ("reportingInstance", .string(instance)), ("action", "Reconcile"), ("reason", .string(event.reason)),
            ("type", .string(event.type.kubernetesType)), ("regarding", .object(reference)), ("note", .string(note)),
        ])
    }

    /// Cuts `text` to at most `limit` UTF-8 bytes on a character boundary.
    static func truncate(_ text: String, to limit: Int) -> String {
        guard text.utf8.count > limit else { return text }
        var result = ""
        var bytes = 0
        for character in text {
            let size = character.utf8.count
            if bytes + size > limit { break }
            result.append(character)
            bytes += size
        }
        return result
    }
}
