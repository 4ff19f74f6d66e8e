import Testing

@testable import FerryCore

/// Flux's kstatus rules (fluxcd/pkg `runtime/reconcile` and `runtime/conditions`), as the image
/// reflector uses them.
struct ResultFinalizerTests {
    let now = Timestamp(secondsSinceEpoch: 2_000)
    let earlier = Timestamp(secondsSinceEpoch: 1_000)
    let interval = GoDuration.minutes(5)

    /// ImageRepository's notion of success: no error, requeue after exactly the next scan time.
    var finalizer: ResultFinalizer {
        let interval = interval
        return ResultFinalizer(readySuccessMessage: "successful scan: found 3 tags with checksum 42") { result, error in
            error == nil && result.requeueAfter == interval && !result.requeue
        }
    }

    @Test func successSetsReadyAndClearsReconciling() {
        var conditions = ConditionSet([], generation: 2, now: now)
        conditions.progressive(message: "reconciliation in progress")
        #expect(conditions.get("Ready")?.status == .unknown)
        conditions.delete("Ready")
        let error = finalizer.finalize(&conditions, result: ReconcileResult(requeueAfter: interval), error: nil)
        #expect(error == nil)
        #expect(conditions.conditions.map(\.type) == ["Ready"])
        #expect(conditions.get("Ready")?.message == "successful scan: found 3 tags with checksum 42")
        #expect(conditions.get("Ready")?.observedGeneration == 2)
        #expect(conditions.isReady)
    }

    @Test func anErrorMarksReadyFalseFailedAndKeepsReconcilingWithRetry() {
        var conditions = ConditionSet([], generation: 1, now: now)
        conditions.progressive(message: "reconciliation in progress")
        let error = finalizer.finalize(&conditions, result: .none, error: "scan failed: boom")
        #expect(error == "scan failed: boom")
        #expect(conditions.get("Ready")?.status == .false)
        #expect(conditions.get("Ready")?.reason == "Failed")
        #expect(conditions.get("Reconciling")?.reason == "ProgressingWithRetry")
        #expect(!conditions.isReady)
    }

    @Test func aReadyFalseWithAReasonIsKeptOnError() {
        var conditions = ConditionSet([], generation: 1, now: now)
        conditions.progressive(message: "reconciliation in progress")
        conditions.markFalse("Ready", reason: "ReadOperationFailed", message: "scan failed: 401")
        _ = finalizer.finalize(&conditions, result: .none, error: "scan failed: 401")
        #expect(conditions.get("Ready")?.reason == "ReadOperationFailed")
    }

    @Test func stalledCopiesIntoReadyAndDropsReconciling() {
        var conditions = ConditionSet([], generation: 3, now: now)
        conditions.progressive(message: "reconciliation in progress")
        conditions.markStalled(reason: "ImageURLInvalid", message: "image 'a:b' should not include a tag; remove ':b'")
        let error = finalizer.finalize(&conditions, result: .none, error: nil)
        #expect(error == nil)
        #expect(conditions.get("Ready")?.status == .false)
        #expect(conditions.get("Ready")?.reason == "ImageURLInvalid")
        #expect(conditions.get("Reconciling") == nil)
        #expect(conditions.conditions.map(\.type) == ["Ready", "Stalled"])
    }

    @Test func transitionTimeMovesOnlyWhenTheStateChanges() {
        var conditions = ConditionSet([], generation: 1, now: earlier)
        conditions.markTrue("Ready", reason: "Succeeded", message: "a")
        var later = ConditionSet(conditions.conditions, generation: 1, now: now)
        later.markTrue("Ready", reason: "Succeeded", message: "a")
        #expect(later.get("Ready")?.lastTransitionTime == earlier)
        later.markTrue("Ready", reason: "Succeeded", message: "b")
        #expect(later.get("Ready")?.lastTransitionTime == now)
    }

    @Test func eventsFollowReadyTransitions() {
        let ready = { (message: String) -> ConditionSet in
            var set = ConditionSet([], generation: 1, now: self.now)
            set.markTrue("Ready", reason: "Succeeded", message: message)
            return set
        }
        var failed = ConditionSet([], generation: 1, now: now)
        failed.markFalse("Ready", reason: "ReadOperationFailed", message: "scan failed: x")
        let none = ConditionSet([], generation: 1, now: now)
        #expect(ResultFinalizer.event(before: ready("a"), after: ready("b"), traceMessage: "t") == ReconcileEvent(.normal, reason: "Succeeded", message: "b"))
        #expect(ResultFinalizer.event(before: none, after: ready("a"), traceMessage: "t") == ReconcileEvent(.normal, reason: "Succeeded", message: "a"))
        #expect(ResultFinalizer.event(before: ready("a"), after: failed, traceMessage: "t") == ReconcileEvent(.warning, reason: "ReadOperationFailed", message: "scan failed: x"))
        #expect(ResultFinalizer.event(before: ready("a"), after: ready("a"), traceMessage: "tags did not change, next scan in 5m0s")
            == ReconcileEvent(.trace, reason: "Succeeded", message: "tags did not change, next scan in 5m0s"))
    }
}
