/// A status condition in the shape Flux writes (kstatus / `metav1.Condition`):
/// `type`, `status`, `observedGeneration`, `lastTransitionTime`, `reason`, `message`.
public struct Condition: Sendable, Hashable, Codable {
    /// `type`: `Ready`, `Reconciling`, `Stalled`, …
    public var type: String
    /// `status`: `True`, `False` or `Unknown`.
    public var status: ConditionStatus
    /// `observedGeneration`: the `metadata.generation` the condition was set for.
    public var observedGeneration: Int64?
    /// `lastTransitionTime`: when `status` last changed (whole seconds).
    public var lastTransitionTime: APITime
    /// `reason`: a CamelCase word such as `Succeeded` or `ReadOperationFailed`.
    public var reason: String
    /// `message`: a human-readable sentence.
    public var message: String

    /// Creates a condition.
    public init(
        type: String, status: ConditionStatus, reason: String, message: String, observedGeneration: Int64? = nil,
        lastTransitionTime: APITime
    ) {
        self.type = type
        self.status = status
        self.reason = reason
        self.message = message
        self.observedGeneration = observedGeneration
        self.lastTransitionTime = lastTransitionTime.truncatedToSeconds
    }

    private enum CodingKeys: String, CodingKey { case type, status, observedGeneration, lastTransitionTime, reason, message }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        type = try container.decode(String.self, forKey: .type)
        status = try container.decode(ConditionStatus.self, forKey: .status)
        observedGeneration = try container.decodeIfPresent(Int64.self, forKey: .observedGeneration)
        lastTransitionTime = try container.decode(APITime.self, forKey: .lastTransitionTime)
        reason = try container.decodeIfPresent(String.self, forKey: .reason) ?? ""
        message = try container.decodeIfPresent(String.self, forKey: .message) ?? ""
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(type, forKey: .type)
        try container.encode(status, forKey: .status)
        try container.encodeIfPresent(observedGeneration, forKey: .observedGeneration)
        try container.encode(lastTransitionTime, forKey: .lastTransitionTime)
        try container.encode(reason, forKey: .reason)
        try container.encode(message, forKey: .message)
    }
}

/// `status` of a condition.
public enum ConditionStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// `True`.
    case `true` = "True"
    /// `False`.
    case `false` = "False"
    /// `Unknown`.
    case unknown = "Unknown"
}

extension Array where Element == Condition {
    /// The condition of a type, if present.
    public subscript(type type: String) -> Condition? {
        first { $0.type == type }
    }

    /// Sets a condition as apimachinery's `meta.SetStatusCondition` does: a new type is
    /// appended; an existing one takes the new reason, message and observed generation, and
    /// keeps its `lastTransitionTime` unless its status changes.
    public mutating func set(_ condition: Condition) {
        guard let index = firstIndex(where: { $0.type == condition.type }) else {
            append(condition)
            return
        }
        var updated = condition
        if self[index].status == condition.status { updated.lastTransitionTime = self[index].lastTransitionTime }
        self[index] = updated
    }

    /// Removes the condition of a type; returns whether one was present.
    @discardableResult
    public mutating func remove(type: String) -> Bool {
        let before = count
        removeAll { $0.type == type }
        return count != before
    }
}
