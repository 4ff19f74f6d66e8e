/// The identity of an event for rate limiting (notification-controller `internal/notifier/eventkey.go`): the
/// SHA-256, in hex, of `event/name=…/namespace=…/kind=…/message=…` followed by `originRevision=…`, `revision=…`
/// and `token=…` for whichever of the `<group>/originRevision`, `<group>/revision` and `<group>/token` metadata keys
/// the event carries.
public enum EventKey {
    /// The key of `event`.
    public static func of(_ event: FluxEvent) -> String {
        var components = [
            "event", "name=" + event.involvedObject.name, "namespace=" + event.involvedObject.namespace,
            "kind=" + event.involvedObject.kind, "message=" + event.message,
        ]
        let group = event.involvedObject.group
        if let value = event.metadata[group + "/" + EventMetadataKey.originRevision] { components.append("originRevision=" + value) }
        if let value = event.metadata[group + "/" + EventMetadataKey.revision] { components.append("revision=" + value) }
        if let value = event.metadata[group + "/" + EventMetadataKey.token] { components.append("token=" + value) }
        return ByteEncoding.hex(SHA256.hash(components.joined(separator: "/").utf8))
    }
}
