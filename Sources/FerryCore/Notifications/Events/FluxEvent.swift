/// An event in Flux's shape (`fluxcd/pkg` `apis/event/v1beta1.Event`, spec N-01): what every reconciler emits and
/// what the `generic` provider posts. Field names are Flux's, so the type decodes from the JSON Flux sends.
public struct FluxEvent: Sendable, Hashable, Codable {
    /// The most characters a message may have (`+kubebuilder:validation:MaxLength=39000`).
    public static let maximumMessageLength = 39_000

    /// `involvedObject`: the object the event is about.
    public var involvedObject: ObjectReference
    /// `severity`.
    public var severity: EventSeverity
    /// `timestamp`: when the event was recorded (passed in; the core has no clock).
    public var timestamp: EventTimestamp
    /// `message`: at most ``maximumMessageLength`` characters.
    public var message: String
    /// `reason`, e.g. `ReconciliationSucceeded`.
    public var reason: String
    /// `metadata`: keys prefixed by the object's API group (`image.toolkit.fluxcd.io/revision`) or by
    /// `event.toolkit.fluxcd.io/` (copied object annotations).
    public var metadata: [String: String]
    /// `reportingController`, e.g. `image-reflector-controller`.
    public var reportingController: String
    /// `reportingInstance`: the host name of the reporting process.
    public var reportingInstance: String

    /// Creates an event; a message longer than ``maximumMessageLength`` characters is cut to that length.
    public init(
        involvedObject: ObjectReference, severity: EventSeverity, timestamp: EventTimestamp, message: String, reason: String,
        metadata: [String: String] = [:], reportingController: String, reportingInstance: String = ""
    ) {
        self.involvedObject = involvedObject
        self.severity = severity
        self.timestamp = timestamp
        self.message = FluxEvent.truncated(message)
        self.reason = reason
        self.metadata = metadata
        self.reportingController = reportingController
        self.reportingInstance = reportingInstance
    }

    /// `message` cut to ``maximumMessageLength`` characters (Unicode scalars, as Kubernetes counts them).
    public static func truncated(_ message: String) -> String {
        var count = 0
        for index in message.unicodeScalars.indices {
            if count == maximumMessageLength { return String(message.unicodeScalars[..<index]) }
            count += 1
        }
        return message
    }

    private enum CodingKeys: String, CodingKey {
        case involvedObject, severity, timestamp, message, reason, metadata, reportingController, reportingInstance
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        involvedObject = try container.decode(ObjectReference.self, forKey: .involvedObject)
        severity = try container.decode(EventSeverity.self, forKey: .severity)
        timestamp = try container.decode(EventTimestamp.self, forKey: .timestamp)
        message = FluxEvent.truncated(try container.decode(String.self, forKey: .message))
        reason = try container.decode(String.self, forKey: .reason)
        metadata = try container.decodeIfPresent([String: String].self, forKey: .metadata) ?? [:]
        reportingController = try container.decode(String.self, forKey: .reportingController)
        reportingInstance = try container.decodeIfPresent(String.self, forKey: .reportingInstance) ?? ""
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(involvedObject, forKey: .involvedObject)
        try container.encode(severity, forKey: .severity)
        try container.encode(timestamp, forKey: .timestamp)
        try container.encode(message, forKey: .message)
        try container.encode(reason, forKey: .reason)
        if !metadata.isEmpty { try container.encode(metadata, forKey: .metadata) }
        try container.encode(reportingController, forKey: .reportingController)
        if !reportingInstance.isEmpty { try container.encode(reportingInstance, forKey: .reportingInstance) }
    }

    /// The event as Go's `json.Marshal` writes it: fields in declaration order, `metadata` and `reportingInstance`
    /// omitted when empty, metadata keys sorted.
    public var json: GoJSON {
        var members: [GoJSON.Member] = [
            .init("involvedObject", involvedObject.json), .init("severity", .string(severity.rawValue)),
            .init("timestamp", .string(timestamp.rfc3339)), .init("message", .string(message)), .init("reason", .string(reason)),
        ]
        if !metadata.isEmpty { members.append(.init("metadata", .stringMap(metadata))) }
        members.append(.init("reportingController", .string(reportingController)))
        if !reportingInstance.isEmpty { members.append(.init("reportingInstance", .string(reportingInstance))) }
        return .object(members)
    }
}
