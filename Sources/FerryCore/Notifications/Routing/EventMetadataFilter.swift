/// How the notification controller treats event metadata (N-03, N-04).
public enum EventMetadataFilter {
    /// The event server's clean-up on receipt: keeps only keys prefixed `event.toolkit.fluxcd.io/` or
    /// `<involved object group>/`, and drops `<group>/checksum` and `<group>/digest`.
    public static func cleaned(_ event: FluxEvent) -> FluxEvent {
        var event = event
        let groupPrefix = event.involvedObject.group + "/"
        let eventPrefix = EventMetadataKey.eventGroup + "/"
        event.metadata = event.metadata.filter { key, _ in
            if key == groupPrefix + EventMetadataKey.checksum || key == groupPrefix + EventMetadataKey.digest { return false }
            return key.hasPrefix(eventPrefix) || key.hasPrefix(groupPrefix)
        }
        return event
    }

    /// Removes internal metadata (`<group>/token`) before dispatch, as `excludeInternalMetadata` does.
    public static func withoutInternalKeys(_ event: FluxEvent) -> FluxEvent {
        var event = event
        event.metadata[event.involvedObject.group + "/" + EventMetadataKey.token] = nil
        return event
    }

    /// Whether the event marks a Git commit status update (`<group>/commit_status: update`).
    public static func isCommitStatusUpdate(_ event: FluxEvent) -> Bool {
        event.metadata[event.involvedObject.group + "/" + EventMetadataKey.commitStatus] == EventMetadataKey.commitStatusUpdate
    }

    /// Whether the event carries the commit key (`event.toolkit.fluxcd.io/commit`).
    public static func hasCommitKey(_ event: FluxEvent) -> Bool {
        !(event.metadata[EventMetadataKey.eventGroup + "/" + EventMetadataKey.commit] ?? "").isEmpty
    }

    /// The metadata sent to an Alert's provider (`combineEventMetadata`), lowest to highest precedence:
    /// the `event.toolkit.fluxcd.io/*` keys without prefix, `Alert.spec.eventMetadata`, `Alert.spec.summary` as
    /// `summary`, the `<group>/*` keys without prefix. Returns the merged map and the keys set by more than one
    /// source (sorted), with those sources in Flux's words.
    public static func combined(_ event: FluxEvent, alert: Alert) -> (metadata: [String: String], conflicts: [(key: String, sources: [String])]) {
        var metadata: [String: String] = [:]
        var sources: [String: [String]] = [:]
        let eventPrefix = EventMetadataKey.eventGroup + "/"
        for key in event.metadata.keys.sorted(by: GoJSON.byteOrder) where key.hasPrefix(eventPrefix) {
            let short = String(key.dropFirst(eventPrefix.count))
            metadata[short] = event.metadata[key]
            sources[short, default: []].append("involved object annotations")
        }
        for (key, value) in alert.spec.eventMetadata {
            metadata[key] = value
            sources[key, default: []].append("Alert object .spec.eventMetadata")
        }
        if !alert.spec.summary.isEmpty {
            metadata[EventMetadataKey.summary] = alert.spec.summary
            sources[EventMetadataKey.summary, default: []].append("Alert object .spec.summary")
        }
        let groupPrefix = event.involvedObject.group + "/"
        for key in event.metadata.keys.sorted(by: GoJSON.byteOrder) where key.hasPrefix(groupPrefix) {
            let short = String(key.dropFirst(groupPrefix.count))
            metadata[short] = event.metadata[key]
            sources[short, default: []].append("involved object controller metadata")
        }
        let conflicts = sources.filter { $0.value.count > 1 }.map { (key: $0.key, sources: $0.value) }.sorted { GoJSON.byteOrder($0.key, $1.key) }
        return (metadata, conflicts)
    }
}
