/// An object's conditions while a reconcile runs, with the operations of Flux's
/// `runtime/conditions` package: setting a condition stamps it with the object's generation
/// and moves `lastTransitionTime` only when its state (status, reason, message, generation)
/// changes; conditions are kept Ready first, then by type.
public struct ConditionSet: Sendable, Hashable {
    /// The conditions, in Flux's order.
    public private(set) var conditions: [Condition]
    /// The object's `metadata.generation`.
    public let generation: Int64
    /// The time transitions are stamped with.
    public let now: Timestamp

    /// The conditions of an object at `generation`, changed at `now`.
    public init(_ conditions: [Condition], generation: Int64, now: Timestamp) {
        self.conditions = conditions
        self.generation = generation
        self.now = now
    }

    /// The condition of `type`.
    public func get(_ type: String) -> Condition? { conditions.condition(type) }

    /// Whether `type` is True.
    public func isTrue(_ type: String) -> Bool { get(type)?.status == .true }
    /// Whether `type` is False.
    public func isFalse(_ type: String) -> Bool { get(type)?.status == .false }
    /// Whether `type` is Unknown or absent.
    public func isUnknown(_ type: String) -> Bool { (get(type)?.status ?? .unknown) == .unknown }
    /// Whether Stalled is True.
    public var isStalled: Bool { isTrue(Condition.stalled) }
    /// Whether Reconciling is True.
    public var isReconciling: Bool { isTrue(Condition.reconciling) }
    /// kstatus readiness: Ready is True and the object is neither stalled nor reconciling.
    public var isReady: Bool { !isStalled && !isReconciling && isTrue(Condition.ready) }

    /// Sets a condition (Flux's `conditions.Set`).
    public mutating func set(_ type: String, _ status: Condition.Status, reason: String, message: String) {
        var condition = Condition(type: type, status: status, reason: reason, message: message, lastTransitionTime: now, observedGeneration: generation)
        if let index = conditions.firstIndex(where: { $0.type == type }) {
            let existing = conditions[index]
            if existing.status == status && existing.reason == reason && existing.message == message && existing.observedGeneration == generation {
                condition.lastTransitionTime = existing.lastTransitionTime
            }
            conditions[index] = condition
        } else {
            conditions.append(condition)
        }
        conditions.sort { lhs, rhs in (lhs.type == Condition.ready || lhs.type < rhs.type) && rhs.type != Condition.ready }
    }

    /// `MarkTrue`.
    public mutating func markTrue(_ type: String, reason: String, message: String) { set(type, .true, reason: reason, message: message) }
    /// `MarkFalse`.
    public mutating func markFalse(_ type: String, reason: String, message: String) { set(type, .false, reason: reason, message: message) }
    /// `MarkUnknown`.
    public mutating func markUnknown(_ type: String, reason: String, message: String) { set(type, .unknown, reason: reason, message: message) }
    /// `MarkStalled`: Stalled=True.
    public mutating func markStalled(reason: String, message: String) { markTrue(Condition.stalled, reason: reason, message: message) }
    /// `MarkReconciling`: Reconciling=True.
    public mutating func markReconciling(reason: String, message: String) { markTrue(Condition.reconciling, reason: reason, message: message) }

    /// Removes a condition.
    public mutating func delete(_ type: String) { conditions.removeAll { $0.type == type } }

    /// Flux's `reconcile.ProgressiveStatus`: Reconciling=True, and Ready Unknown with the same
    /// reason and message when Ready is missing or Unknown, or when `drift` is set.
    public mutating func progressive(drift: Bool = false, reason: String = ReconcileReason.progressing, message: String) {
        markReconciling(reason: reason, message: message)
        if drift || get(Condition.ready) == nil || isUnknown(Condition.ready) {
            markUnknown(Condition.ready, reason: reason, message: message)
        }
    }
}

/// Reasons Flux's reconcilers write (fluxcd/pkg `apis/meta` and the image controllers' API).
public enum ReconcileReason {
    public static let succeeded = "Succeeded"
    public static let failed = "Failed"
    public static let progressing = "Progressing"
    public static let progressingWithRetry = "ProgressingWithRetry"
    public static let dependencyNotReady = "DependencyNotReady"
    public static let failure = "Failure"
    public static let accessDenied = "AccessDenied"
    public static let imageURLInvalid = "ImageURLInvalid"
    public static let authenticationFailed = "AuthenticationFailed"
    public static let readOperationFailed = "ReadOperationFailed"
    public static let invalidPolicy = "InvalidPolicy"
    public static let intervalNotConfigured = "IntervalNotConfigured"
    public static let featureGateDisabled = "FeatureGateDisabled"
}
