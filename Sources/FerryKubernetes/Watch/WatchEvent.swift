/// One event of a watch stream.
public enum WatchEvent<Object: Decodable & Sendable>: Sendable {
    /// `ADDED`.
    case added(Object)
    /// `MODIFIED`.
    case modified(Object)
    /// `DELETED`: the last state, with the deletion's resourceVersion.
    case deleted(Object)
    /// `BOOKMARK`: nothing changed that this watch can see up to `resourceVersion`;
    /// `initialEventsEnd` marks the end of the initial events of a watch-list
    /// (`k8s.io/initial-events-end`).
    case bookmark(resourceVersion: String, initialEventsEnd: Bool)
    /// `ERROR`: the server ended the watch with a Status, e.g. 410 Expired for a too-old resourceVersion.
    case error(KubeStatus)
}

/// The parts of a watch line every event type has.
struct WatchEnvelopeHeader: Decodable {
    struct MinimalObject: Decodable {
        struct Metadata: Decodable {
            var resourceVersion: String?
            var annotations: [String: String]?
        }

        var metadata: Metadata?
    }

    var type: String
    var object: MinimalObject?
}

/// A watch line with its object decoded as `Object`.
struct WatchEnvelope<Object: Decodable>: Decodable {
    var type: String
    var object: Object
}
