/// A Flux `Alert` (`notification.toolkit.fluxcd.io/v1beta3`, spec N-10…N-16): which events go to which Provider.
/// Decodes from the manifests users write; ``validate()`` applies the CRD's rules.
public struct Alert: Sendable, Hashable, Codable {
    /// The API version this type implements.
    public static let apiVersion = "notification.toolkit.fluxcd.io/v1beta3"
    /// The kind.
    public static let kind = "Alert"

    /// `apiVersion` as written.
    public var apiVersion: String
    /// `kind` as written.
    public var kind: String
    /// `metadata`.
    public var metadata: ObjectMetadata
    /// `spec`.
    public var spec: AlertSpec

    /// Creates an Alert.
    public init(metadata: ObjectMetadata, spec: AlertSpec) {
        apiVersion = Alert.apiVersion
        kind = Alert.kind
        self.metadata = metadata
        self.spec = spec
    }

    /// `Alert/namespace/name`, for messages.
    public var objectName: String { "Alert/\(metadata.qualifiedName)" }

    /// Checks the spec against the CRD's rules.
    /// - Throws: ``NotificationValidationError`` naming the first bad field and its value.
    public func validate() throws(NotificationValidationError) {
        func fail(_ field: String, _ value: String, _ reason: String) -> NotificationValidationError {
            NotificationValidationError(object: objectName, field: field, value: value, reason: reason)
        }
        if spec.providerRef.name.isEmpty { throw fail("spec.providerRef.name", "", "a provider name is required") }
        if let severity = spec.eventSeverity, severity != "info", severity != "error" {
            throw fail("spec.eventSeverity", severity, "must be info or error")
        }
        if spec.eventSources.isEmpty { throw fail("spec.eventSources", "[]", "at least one event source is required") }
        for (index, source) in spec.eventSources.enumerated() {
            let path = "spec.eventSources[\(index)]"
            if !EventSourceReference.alertKinds.contains(source.kind) {
                throw fail(path + ".kind", source.kind, "must be one of " + EventSourceReference.alertKinds.joined(separator: ", "))
            }
            if source.name.isEmpty || source.name.count > 253 { throw fail(path + ".name", source.name, "must be 1 to 253 characters") }
            if source.namespace.count > 63 { throw fail(path + ".namespace", source.namespace, "must be at most 63 characters") }
        }
        if spec.summary.count > 255 { throw fail("spec.summary", spec.summary, "must be at most 255 characters") }
    }
}

/// The `spec` of an ``Alert``.
public struct AlertSpec: Sendable, Hashable, Codable {
    /// `providerRef`: the Provider in the Alert's namespace.
    public var providerRef: NamedReference
    /// `eventSeverity`: `info` (every event, the default) or `error` (error events only); `nil` when not written.
    public var eventSeverity: String?
    /// `eventSources`: the objects whose events match (ORed).
    public var eventSources: [EventSourceReference]
    /// `inclusionList`: Go regexes; when not empty, a message must match one.
    public var inclusionList: [String]
    /// `exclusionList`: Go regexes; a message matching any is dropped (exclusion wins).
    public var exclusionList: [String]
    /// `eventMetadata`: added to every event's metadata.
    public var eventMetadata: [String: String]
    /// `summary` (deprecated): added as metadata key `summary`.
    public var summary: String
    /// `suspend`: a suspended Alert matches nothing.
    public var suspend: Bool

    /// The severity in effect: ``eventSeverity`` or its default `info`.
    public var effectiveSeverity: String { eventSeverity ?? "info" }

    /// Creates a spec.
    public init(
        providerRef: NamedReference, eventSeverity: String? = nil, eventSources: [EventSourceReference], inclusionList: [String] = [],
        exclusionList: [String] = [], eventMetadata: [String: String] = [:], summary: String = "", suspend: Bool = false
    ) {
        self.providerRef = providerRef
        self.eventSeverity = eventSeverity
        self.eventSources = eventSources
        self.inclusionList = inclusionList
        self.exclusionList = exclusionList
        self.eventMetadata = eventMetadata
        self.summary = summary
        self.suspend = suspend
    }

    private enum CodingKeys: String, CodingKey {
        case providerRef, eventSeverity, eventSources, inclusionList, exclusionList, eventMetadata, summary, suspend
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        providerRef = try container.decode(NamedReference.self, forKey: .providerRef)
        eventSeverity = try container.decodeIfPresent(String.self, forKey: .eventSeverity)
        eventSources = try container.decodeIfPresent([EventSourceReference].self, forKey: .eventSources) ?? []
        inclusionList = try container.decodeIfPresent([String].self, forKey: .inclusionList) ?? []
        exclusionList = try container.decodeIfPresent([String].self, forKey: .exclusionList) ?? []
        eventMetadata = try container.decodeIfPresent([String: String].self, forKey: .eventMetadata) ?? [:]
        summary = try container.decodeIfPresent(String.self, forKey: .summary) ?? ""
        suspend = try container.decodeIfPresent(Bool.self, forKey: .suspend) ?? false
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(providerRef, forKey: .providerRef)
        try container.encodeIfPresent(eventSeverity, forKey: .eventSeverity)
        try container.encode(eventSources, forKey: .eventSources)
        if !inclusionList.isEmpty { try container.encode(inclusionList, forKey: .inclusionList) }
        if !exclusionList.isEmpty { try container.encode(exclusionList, forKey: .exclusionList) }
        if !eventMetadata.isEmpty { try container.encode(eventMetadata, forKey: .eventMetadata) }
        if !summary.isEmpty { try container.encode(summary, forKey: .summary) }
        if suspend { try container.encode(suspend, forKey: .suspend) }
    }
}
