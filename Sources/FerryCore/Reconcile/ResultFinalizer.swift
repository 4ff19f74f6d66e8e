/// What a reconcile asks of the work queue (controller-runtime's `ctrl.Result`).
public struct ReconcileResult: Sendable, Hashable {
    /// Run again after this long.
    public var requeueAfter: GoDuration?
    /// Run again at once.
    public var requeue: Bool

    /// A result.
    public init(requeueAfter: GoDuration? = nil, requeue: Bool = false) {
        self.requeueAfter = requeueAfter
        self.requeue = requeue
    }

    /// No requeue: the zero result.
    public static let none = ReconcileResult()

    /// Whether nothing is asked for.
    public var isZero: Bool { requeueAfter == nil && !requeue }
}

/// An event a reconcile emits (C-07): `Normal` and `Warning` also go to notifications as
/// `info` and `error`; `Trace` is only logged.
public struct ReconcileEvent: Sendable, Hashable {
    /// The event type.
    public enum EventType: String, Sendable, Hashable {
        case normal = "Normal"
        case warning = "Warning"
        case trace = "Trace"
    }

    /// `Normal`, `Warning` or `Trace`.
    public var type: EventType
    /// The reason, e.g. `Succeeded`.
    public var reason: String
    /// The message.
    public var message: String

    /// Creates an event.
    public init(_ type: EventType, reason: String, message: String) {
        self.type = type
        self.reason = reason
        self.message = message
    }
}

/// Flux's `reconcile.ResultFinalizer` (fluxcd/pkg `runtime/reconcile`): turns a reconcile's
/// result and error into kstatus-compliant conditions and the error the work queue sees.
public struct ResultFinalizer: Sendable {
    /// What success means for the reconciler: given the result and the error (nil when none).
    public let isSuccess: @Sendable (ReconcileResult, String?) -> Bool
    /// The Ready message set when the reconcile succeeded and left Ready unset.
    public let readySuccessMessage: String

    /// A finalizer.
    public init(readySuccessMessage: String, isSuccess: @escaping @Sendable (ReconcileResult, String?) -> Bool) {
        self.readySuccessMessage = readySuccessMessage
        self.isSuccess = isSuccess
    }

    /// Finalizes `conditions` for a reconcile that returned `result` and `error`, and returns
    /// the error to report (which may be the Ready failure message when the reconcile itself
    /// returned none).
    public func finalize(_ conditions: inout ConditionSet, result: ReconcileResult, error: String?) -> String? {
        var error = error
        let successNoRequeue = isSuccess(.none, nil)
        let success = isSuccess(result, error)
        if error != nil { conditions.delete(Condition.stalled) }
        if !success || successNoRequeue {
            if !result.isZero && !isSuccess(result, nil) { conditions.delete(Condition.stalled) }
            let overwriteReady = conditions.isUnknown(Condition.ready) || conditions.isTrue(Condition.ready)
            if conditions.isStalled, overwriteReady, let stalled = conditions.get(Condition.stalled) {
                conditions.markFalse(Condition.ready, reason: stalled.reason, message: stalled.message)
            }
        }
        if success || conditions.isStalled { conditions.delete(Condition.reconciling) }
        if let message = error, conditions.isUnknown(Condition.ready) || conditions.isTrue(Condition.ready) {
            conditions.markFalse(Condition.ready, reason: ReconcileReason.failed, message: message)
        }
        if success && !successNoRequeue && !conditions.isUnknown(Condition.ready) && conditions.isFalse(Condition.ready) && !conditions.isStalled {
            error = conditions.get(Condition.ready)?.message
        }
        if conditions.isUnknown(Condition.ready) && isSuccess(result, error) && !conditions.isReconciling && !conditions.isStalled {
            conditions.markTrue(Condition.ready, reason: ReconcileReason.succeeded, message: readySuccessMessage)
        }
        // A Reconciling condition left over means the reconcile did not succeed: it will retry.
        if conditions.isReconciling, let reconciling = conditions.get(Condition.reconciling) {
            conditions.markTrue(Condition.reconciling, reason: ReconcileReason.progressingWithRetry, message: reconciling.message)
        }
        return error
    }

    /// The event Flux's image reflector emits after a reconcile (`notify`), from the
    /// conditions before and after: a changed Ready message or a recovery is `Normal`, a
    /// failure `Warning`, anything else a `Trace` with `traceMessage`.
    public static func event(before: ConditionSet, after: ConditionSet, traceMessage: String) -> ReconcileEvent {
        let ready = after.get(Condition.ready)
        let reason = ready?.reason ?? ""
        let message = ready?.message ?? ""
        if before.isReady && after.isReady && before.get(Condition.ready)?.message != message {
            return ReconcileEvent(.normal, reason: reason, message: message)
        }
        if !before.isReady && after.isReady { return ReconcileEvent(.normal, reason: reason, message: message) }
        if !after.isReady { return ReconcileEvent(.warning, reason: reason, message: message) }
        return ReconcileEvent(.trace, reason: ReconcileReason.succeeded, message: traceMessage)
    }
}
