/// An ``Alert`` ready to match events (N-11…N-14): its inclusion and exclusion regexes compiled once with
/// ``GoRegexp``. An invalid regex is skipped with an `InvalidConfig` diagnostic, as Flux does.
public struct CompiledAlert: Sendable {
    /// The Alert.
    public let alert: Alert
    private let inclusion: [GoRegexp]
    private let exclusion: [GoRegexp]
    /// Warnings found while compiling (invalid regexes).
    public let diagnostics: [NotificationDiagnostic]

    /// Compiles `alert`.
    public init(_ alert: Alert) {
        self.alert = alert
        var diagnostics: [NotificationDiagnostic] = []
        func compile(_ patterns: [String], _ list: String) -> [GoRegexp] {
            patterns.compactMap { pattern in
                do {
                    return try GoRegexp(pattern)
                } catch {
                    diagnostics.append(NotificationDiagnostic(reason: "InvalidConfig", object: alert.objectName,
                                                              message: "failed to compile \(list) regex: \(pattern)"))
                    return nil
                }
            }
        }
        inclusion = compile(alert.spec.inclusionList, "inclusion")
        exclusion = compile(alert.spec.exclusionList, "exclusion")
        self.diagnostics = diagnostics
    }

    /// How a match failed, or that it succeeded.
    public enum Outcome: Sendable, Hashable {
        /// The Alert takes the event.
        case matched
        /// The Alert is suspended.
        case suspended
        /// No event source names the object (namespace, kind, name, labels) at this severity.
        case noSource
        /// The inclusion list is not empty and no pattern matched the message.
        case notIncluded
        /// An exclusion pattern matched the message.
        case excluded
    }

    /// Whether the Alert takes `event`.
    /// - Parameters:
    ///   - event: The event.
    ///   - labels: The labels of the involved object, for sources with `matchLabels`; `nil` when the object
    ///     cannot be found (the source then does not match).
    public func match(_ event: FluxEvent, labels: (ObjectReference) -> [String: String]?) -> Outcome {
        if alert.spec.suspend { return .suspended }
        guard alert.spec.eventSources.contains(where: { sourceMatches($0, event, labels) }) else { return .noSource }
        if !alert.spec.inclusionList.isEmpty, !inclusion.contains(where: { $0.matches(event.message) }) { return .notIncluded }
        if exclusion.contains(where: { $0.matches(event.message) }) { return .excluded }
        return .matched
    }

    private func sourceMatches(_ source: EventSourceReference, _ event: FluxEvent, _ labels: (ObjectReference) -> [String: String]?) -> Bool {
        let namespace = source.namespace.isEmpty ? alert.metadata.namespace : source.namespace
        guard event.involvedObject.namespace == namespace, event.involvedObject.kind == source.kind else { return false }
        let severity = alert.spec.effectiveSeverity
        guard event.severity.rawValue == severity || severity == EventSeverity.info.rawValue else { return false }
        guard source.name == "*" || source.name == event.involvedObject.name else { return false }
        guard let matchLabels = source.matchLabels else { return true }
        guard let objectLabels = labels(event.involvedObject) else { return false }
        return matchLabels.allSatisfy { objectLabels[$0.key] == $0.value }
    }
}
