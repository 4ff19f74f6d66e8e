/// A Flux `Receiver` (`notification.toolkit.fluxcd.io/v1`, spec N-30): a webhook that triggers reconciliations.
/// Ferry creates, reads and validates Receivers; serving their webhooks is the HTTP server's work.
public struct Receiver: Sendable, Hashable, Codable {
    /// The API version this type implements.
    public static let apiVersion = "notification.toolkit.fluxcd.io/v1"
    /// The kind.
    public static let kind = "Receiver"
    /// The types the CRD accepts.
    public static let types = [
        "generic", "generic-hmac", "generic-oidc", "github", "gitlab", "bitbucket", "harbor", "dockerhub", "quay", "gcr", "nexus", "acr",
        "cdevents",
    ]

    /// `apiVersion` as written.
    public var apiVersion: String
    /// `kind` as written.
    public var kind: String
    /// `metadata`.
    public var metadata: ObjectMetadata
    /// `spec`.
    public var spec: ReceiverSpec

    /// Creates a Receiver.
    public init(metadata: ObjectMetadata, spec: ReceiverSpec) {
        apiVersion = Receiver.apiVersion
        kind = Receiver.kind
        self.metadata = metadata
        self.spec = spec
    }

    /// `Receiver/namespace/name`, for messages.
    public var objectName: String { "Receiver/\(metadata.qualifiedName)" }

    /// Checks the spec against the CRD's rules.
    /// - Throws: ``NotificationValidationError`` naming the first bad field and its value.
    public func validate() throws(NotificationValidationError) {
        func fail(_ field: String, _ value: String, _ reason: String) -> NotificationValidationError {
            NotificationValidationError(object: objectName, field: field, value: value, reason: reason)
        }
        if !Receiver.types.contains(spec.type) {
            throw fail("spec.type", spec.type, "must be one of " + Receiver.types.joined(separator: ", "))
        }
        if spec.type == "generic-oidc" {
            if spec.secretRef != nil { throw fail("spec.secretRef", spec.secretRef?.name ?? "", "is not allowed for type generic-oidc") }
        } else if (spec.secretRef?.name ?? "").isEmpty {
            throw fail("spec.secretRef.name", "", "a Secret with a token is required for type \(spec.type)")
        }
        if !spec.events.isEmpty, !["github", "gitlab", "bitbucket", "cdevents"].contains(spec.type) {
            throw fail("spec.events", spec.events.joined(separator: ","), "event filters are supported only for github, gitlab, bitbucket and cdevents")
        }
        if let interval = spec.interval, FluxDuration(parsing: interval) == nil {
            throw fail("spec.interval", interval, "must be a duration such as 10m")
        }
        for (index, resource) in spec.resources.enumerated() {
            if resource.kind.isEmpty { throw fail("spec.resources[\(index)].kind", "", "a kind is required") }
            if resource.name.isEmpty { throw fail("spec.resources[\(index)].name", "", "a name is required") }
            if resource.name == "*", resource.matchLabels == nil {
                throw fail("spec.resources[\(index)].matchLabels", "", "name '*' needs matchLabels")
            }
        }
    }

    /// `status.webhookPath` (N-31): `/hook/` + hex SHA-256 of token, name and namespace.
    public func webhookPath(token: String) -> String {
        "/hook/" + ByteEncoding.hex(SHA256.hash((token + metadata.name + metadata.namespace).utf8))
    }
}

/// The `spec` of a ``Receiver``.
public struct ReceiverSpec: Sendable, Hashable, Codable {
    /// `type`.
    public var type: String
    /// `interval` (default 10m); `nil` when not written.
    public var interval: String?
    /// `events`: event-type filter.
    public var events: [String]
    /// `resources`: the objects to reconcile.
    public var resources: [EventSourceReference]
    /// `resourceFilter`: a CEL expression.
    public var resourceFilter: String?
    /// `secretRef`: the Secret holding `token`.
    public var secretRef: NamedReference?
    /// `suspend`.
    public var suspend: Bool

    /// Creates a spec.
    public init(
        type: String, interval: String? = nil, events: [String] = [], resources: [EventSourceReference], resourceFilter: String? = nil,
        secretRef: NamedReference?, suspend: Bool = false
    ) {
        self.type = type
        self.interval = interval
        self.events = events
        self.resources = resources
        self.resourceFilter = resourceFilter
        self.secretRef = secretRef
        self.suspend = suspend
    }

    private enum CodingKeys: String, CodingKey { case type, interval, events, resources, resourceFilter, secretRef, suspend }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        type = try container.decode(String.self, forKey: .type)
        interval = try container.decodeIfPresent(String.self, forKey: .interval)
        events = try container.decodeIfPresent([String].self, forKey: .events) ?? []
        resources = try container.decodeIfPresent([EventSourceReference].self, forKey: .resources) ?? []
        resourceFilter = try container.decodeIfPresent(String.self, forKey: .resourceFilter)
        secretRef = try container.decodeIfPresent(NamedReference.self, forKey: .secretRef)
        suspend = try container.decodeIfPresent(Bool.self, forKey: .suspend) ?? false
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(type, forKey: .type)
        try container.encodeIfPresent(interval, forKey: .interval)
        if !events.isEmpty { try container.encode(events, forKey: .events) }
        try container.encode(resources, forKey: .resources)
        try container.encodeIfPresent(resourceFilter, forKey: .resourceFilter)
        try container.encodeIfPresent(secretRef, forKey: .secretRef)
        if suspend { try container.encode(suspend, forKey: .suspend) }
    }
}
