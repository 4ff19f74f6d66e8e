/// A status condition in the kstatus convention Flux follows (C-05): `Ready`, and the
/// negative-polarity `Reconciling` and `Stalled`, present only while True.
public struct Condition: Sendable, Hashable, Codable {
    /// `type`: `Ready`, `Reconciling` or `Stalled`.
    public var type: String
    /// `status`: `True`, `False` or `Unknown`.
    public var status: Status
    /// `observedGeneration`: the generation the condition was set for.
    public var observedGeneration: Int64?
    /// `lastTransitionTime`: when `status` last changed (whole seconds, as the API keeps it).
    public var lastTransitionTime: Timestamp
    /// `reason`: a CamelCase word such as `Succeeded`.
    public var reason: String
    /// `message`: a sentence for humans.
    public var message: String

    /// The value of a condition.
    public enum Status: String, Sendable, Hashable, Codable {
        case `true` = "True"
        case `false` = "False"
        case unknown = "Unknown"
    }

    /// Creates a condition.
    public init(type: String, status: Status, reason: String, message: String, lastTransitionTime: Timestamp, observedGeneration: Int64? = nil) {
        self.type = type
        self.status = status
        self.reason = reason
        self.message = message
        self.lastTransitionTime = Timestamp(secondsSinceEpoch: lastTransitionTime.secondsSinceEpoch)
        self.observedGeneration = observedGeneration
    }

    /// `Ready`.
    public static let ready = "Ready"
    /// `Reconciling`.
    public static let reconciling = "Reconciling"
    /// `Stalled`.
    public static let stalled = "Stalled"
}

extension [Condition] {
    /// The condition of `type`, if present.
    public func condition(_ type: String) -> Condition? {
        first { $0.type == type }
    }

    /// Sets the condition of `type`, keeping `lastTransitionTime` when the status is unchanged
    /// (as `apimeta.SetStatusCondition` does).
    public mutating func set(_ condition: Condition) {
        if let index = firstIndex(where: { $0.type == condition.type }) {
            var updated = condition
            if self[index].status == condition.status { updated.lastTransitionTime = self[index].lastTransitionTime }
            self[index] = updated
        } else {
            append(condition)
        }
    }

    /// Removes the condition of `type`.
    public mutating func remove(_ type: String) {
        removeAll { $0.type == type }
    }

    /// Whether `Ready` is True.
    public var isReady: Bool { condition(Condition.ready)?.status == .true }
}
