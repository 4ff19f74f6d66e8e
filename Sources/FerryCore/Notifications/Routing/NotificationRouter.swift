/// The notification controller's event handling as a pure function (notification-controller
/// `internal/server/event_handlers.go`): which Alerts take an event, which Providers it goes to, with what
/// metadata, and the warnings Flux would record on the way.
///
/// Call ``route(_:labels:)`` with an event after rate limiting; it returns one ``NotificationRoute`` per
/// Alert whose Provider should be called. Providers are looked up in the Alert's namespace.
public struct NotificationRouter: Sendable {
    /// One delivery to make.
    public struct Route: Sendable {
        /// The Alert that matched.
        public var alert: Alert
        /// Its Provider.
        public var provider: Provider
        /// The event with the Alert's merged metadata: what the provider receives.
        public var event: FluxEvent
        /// The commit-status id (commit-status providers only).
        public var commitStatus: String
    }

    /// What ``route(_:labels:)`` decided.
    public struct Result: Sendable {
        /// Deliveries to make.
        public var routes: [Route] = []
        /// Warnings (Flux's Warning events on the Alert).
        public var diagnostics: [NotificationDiagnostic] = []
        /// Alerts that matched but whose commit-status provider dropped the event for lack of commit metadata.
        public var droppedForCommitStatus: [String] = []
    }

    private let alerts: [CompiledAlert]
    private let providers: [String: Provider]
    /// Refuse events from other namespaces (Flux's `--no-cross-namespace-refs`).
    public let noCrossNamespaceRefs: Bool
    /// Warnings found while compiling the Alerts (invalid regexes); reported once, not per event.
    public let configurationDiagnostics: [NotificationDiagnostic]

    /// Creates a router over the given objects.
    public init(alerts: [Alert], providers: [Provider], noCrossNamespaceRefs: Bool = false) {
        self.alerts = alerts.map(CompiledAlert.init)
        var index: [String: Provider] = [:]
        for provider in providers { index[provider.metadata.namespace + "/" + provider.metadata.name] = provider }
        self.providers = index
        self.noCrossNamespaceRefs = noCrossNamespaceRefs
        configurationDiagnostics = self.alerts.flatMap(\.diagnostics)
    }

    /// Routes one event (already cleaned with ``EventMetadataFilter/cleaned(_:)`` and admitted by the rate limiter).
    /// - Parameters:
    ///   - event: The event.
    ///   - labels: Looks up the labels of an involved object, for event sources with `matchLabels`.
    public func route(_ event: FluxEvent, labels: (ObjectReference) -> [String: String]? = { _ in nil }) -> Result {
        var result = Result()
        let event = EventMetadataFilter.withoutInternalKeys(event)
        for compiled in alerts where compiled.match(event, labels: labels) == .matched {
            let alert = compiled.alert
            if noCrossNamespaceRefs, event.involvedObject.namespace != alert.metadata.namespace {
                result.diagnostics.append(NotificationDiagnostic(
                    reason: "NotificationDispatchFailed", object: alert.objectName,
                    message: "failed to dispatch notification for \(event.involvedObject.kind)/\(event.involvedObject.namespace)/"
                        + "\(event.involvedObject.name): discarding event, access denied to cross-namespace sources"))
                continue
            }
            guard let provider = providers[alert.metadata.namespace + "/" + alert.spec.providerRef.name] else {
                result.diagnostics.append(NotificationDiagnostic(
                    reason: "NotificationDispatchFailed", object: alert.objectName,
                    message: "failed to dispatch notification for \(event.involvedObject.kind)/\(event.involvedObject.namespace)/"
                        + "\(event.involvedObject.name): failed to read provider: Provider '\(alert.spec.providerRef.name)' not found"))
                continue
            }
            if provider.spec.suspend { continue }
            let type = provider.spec.type
            let commitStatusUpdate = EventMetadataFilter.isCommitStatusUpdate(event)
            if !type.isCommitStatus, commitStatusUpdate { continue }
            if type.isCommitStatus, !EventMetadataFilter.hasCommitKey(event), !commitStatusUpdate, event.severity != .error {
                result.droppedForCommitStatus.append(alert.metadata.qualifiedName)
                continue
            }
            if type.isChangeRequestComment { continue }
            var notification = event
            let (metadata, conflicts) = EventMetadataFilter.combined(event, alert: alert)
            notification.metadata = metadata
            if !conflicts.isEmpty {
                result.diagnostics.append(NotificationDiagnostic(
                    reason: "MetadataAppendFailed", object: alert.objectName,
                    message: "metadata key conflicts detected (please refer to the Alert API docs and Flux RFC 0008 for more information)"))
            }
            var commitStatus = ""
            if type.isCommitStatus {
                if let expression = provider.spec.commitStatusExpr, !expression.isEmpty {
                    result.diagnostics.append(NotificationDiagnostic(
                        reason: "NotificationDispatchFailed", object: alert.objectName,
                        message: "failed to dispatch notification: spec.commitStatusExpr (CEL) is not supported by Ferry; "
                            + "remove it to use the default commit status id"))
                    continue
                }
                let uid = provider.metadata.uid.isEmpty ? ProviderSettings.stableUID(provider) : provider.metadata.uid
                commitStatus = CommitStatus.defaultID(providerUID: uid, event: notification)
            }
            result.routes.append(Route(alert: alert, provider: provider, event: notification, commitStatus: commitStatus))
        }
        return result
    }
}
