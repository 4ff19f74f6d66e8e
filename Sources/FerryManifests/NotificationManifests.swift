public import FerryCore

/// The notification objects found in a set of manifests, decoded and validated: Alerts and Providers
/// (`notification.toolkit.fluxcd.io/v1beta3`), Receivers (`…/v1`) and Secrets (`v1`).
public struct NotificationManifests: Sendable {
    /// The Alerts.
    public var alerts: [Alert] = []
    /// The Providers.
    public var providers: [Provider] = []
    /// The Receivers.
    public var receivers: [Receiver] = []
    /// The Secrets.
    public var secrets: [SecretData] = []

    /// The namespace given to objects whose manifest has none (Flux's CLI default).
    public static let defaultNamespace = "flux-system"

    /// Creates an empty set.
    public init() {}

    /// Decodes and validates the notification objects among `documents`; other kinds are ignored.
    /// - Parameters:
    ///   - documents: Parsed manifests.
    ///   - defaultNamespace: The namespace for objects without one.
    /// - Throws: ``ManifestError`` for the first object that does not decode or validate.
    public init(documents: [ManifestDocument], defaultNamespace: String = NotificationManifests.defaultNamespace) throws(ManifestError) {
        for document in documents {
            switch (document.group, document.kind) {
            case ("notification.toolkit.fluxcd.io", "Alert"):
                var alert = try ManifestReader.decode(Alert.self, from: document)
                if alert.metadata.namespace.isEmpty { alert.metadata.namespace = defaultNamespace }
                try Self.check(document) { () throws(NotificationValidationError) in try alert.validate() }
                alerts.append(alert)
            case ("notification.toolkit.fluxcd.io", "Provider"):
                var provider = try ManifestReader.decode(Provider.self, from: document)
                if provider.metadata.namespace.isEmpty { provider.metadata.namespace = defaultNamespace }
                try Self.check(document) { () throws(NotificationValidationError) in try provider.validate() }
                providers.append(provider)
            case ("notification.toolkit.fluxcd.io", "Receiver"):
                var receiver = try ManifestReader.decode(Receiver.self, from: document)
                if receiver.metadata.namespace.isEmpty { receiver.metadata.namespace = defaultNamespace }
                try Self.check(document) { () throws(NotificationValidationError) in try receiver.validate() }
                receivers.append(receiver)
            case ("", "Secret"):
                var secret = try ManifestReader.decode(SecretData.self, from: document)
                if secret.metadata.namespace.isEmpty { secret.metadata.namespace = defaultNamespace }
                secrets.append(secret)
            default:
                continue
            }
        }
    }

    private static func check(_ document: ManifestDocument, _ validate: () throws(NotificationValidationError) -> Void) throws(ManifestError) {
        do {
            try validate()
        } catch {
            throw ManifestError(file: document.file, line: document.line, object: document.objectName, field: error.field, value: error.value,
                                reason: error.reason)
        }
    }
}

/// The `--export` form of notification objects, as `flux create alert-provider|alert|receiver --export` prints them.
public enum NotificationExport {
    /// `metadata` with name, namespace and labels (annotations when present).
    static func metadata(_ metadata: ObjectMetadata) -> ManifestYAML {
        var members: [String: ManifestYAML] = ["name": .string(metadata.name)]
        if !metadata.namespace.isEmpty { members["namespace"] = .string(metadata.namespace) }
        if !metadata.labels.isEmpty { members["labels"] = .map(metadata.labels.mapValues(ManifestYAML.string)) }
        if !metadata.annotations.isEmpty { members["annotations"] = .map(metadata.annotations.mapValues(ManifestYAML.string)) }
        return .map(members)
    }

    static func reference(_ reference: EventSourceReference) -> ManifestYAML {
        var members: [String: ManifestYAML] = ["kind": .string(reference.kind), "name": .string(reference.name)]
        if !reference.apiVersion.isEmpty { members["apiVersion"] = .string(reference.apiVersion) }
        if !reference.namespace.isEmpty { members["namespace"] = .string(reference.namespace) }
        if let labels = reference.matchLabels { members["matchLabels"] = .map(labels.mapValues(ManifestYAML.string)) }
        return .map(members)
    }

    /// A Provider.
    public static func yaml(_ provider: Provider) -> ManifestYAML {
        var spec: [String: ManifestYAML] = ["type": .string(provider.spec.type.rawValue)]
        let optional: [(String, String?)] = [
            ("channel", provider.spec.channel), ("username", provider.spec.username), ("address", provider.spec.address),
            ("timeout", provider.spec.timeout), ("proxy", provider.spec.proxy), ("interval", provider.spec.interval),
            ("serviceAccountName", provider.spec.serviceAccountName), ("commitStatusExpr", provider.spec.commitStatusExpr),
        ]
        for (key, value) in optional { if let value, !value.isEmpty { spec[key] = .string(value) } }
        for (key, value) in [("secretRef", provider.spec.secretRef), ("certSecretRef", provider.spec.certSecretRef),
                             ("proxySecretRef", provider.spec.proxySecretRef)] {
            if let value { spec[key] = .map(["name": .string(value.name)]) }
        }
        if provider.spec.suspend { spec["suspend"] = .bool(true) }
        return .map(["apiVersion": .string(Provider.apiVersion), "kind": .string(Provider.kind), "metadata": metadata(provider.metadata),
                     "spec": .map(spec)])
    }

    /// An Alert.
    public static func yaml(_ alert: Alert) -> ManifestYAML {
        var spec: [String: ManifestYAML] = [
            "providerRef": .map(["name": .string(alert.spec.providerRef.name)]), "eventSources": .list(alert.spec.eventSources.map(reference)),
        ]
        if let severity = alert.spec.eventSeverity, !severity.isEmpty { spec["eventSeverity"] = .string(severity) }
        if !alert.spec.inclusionList.isEmpty { spec["inclusionList"] = .list(alert.spec.inclusionList.map(ManifestYAML.string)) }
        if !alert.spec.exclusionList.isEmpty { spec["exclusionList"] = .list(alert.spec.exclusionList.map(ManifestYAML.string)) }
        if !alert.spec.eventMetadata.isEmpty { spec["eventMetadata"] = .map(alert.spec.eventMetadata.mapValues(ManifestYAML.string)) }
        if !alert.spec.summary.isEmpty { spec["summary"] = .string(alert.spec.summary) }
        if alert.spec.suspend { spec["suspend"] = .bool(true) }
        return .map(["apiVersion": .string(Alert.apiVersion), "kind": .string(Alert.kind), "metadata": metadata(alert.metadata), "spec": .map(spec)])
    }

    /// A Receiver.
    public static func yaml(_ receiver: Receiver) -> ManifestYAML {
        var spec: [String: ManifestYAML] = [
            "type": .string(receiver.spec.type), "resources": .list(receiver.spec.resources.map(reference)),
            "secretRef": .map(["name": .string(receiver.spec.secretRef?.name ?? "")]),
        ]
        if let interval = receiver.spec.interval { spec["interval"] = .string(interval) }
        if !receiver.spec.events.isEmpty { spec["events"] = .list(receiver.spec.events.map(ManifestYAML.string)) }
        if let filter = receiver.spec.resourceFilter, !filter.isEmpty { spec["resourceFilter"] = .string(filter) }
        if receiver.spec.suspend { spec["suspend"] = .bool(true) }
        return .map(["apiVersion": .string(Receiver.apiVersion), "kind": .string(Receiver.kind), "metadata": metadata(receiver.metadata),
                     "spec": .map(spec)])
    }
}
