public import FerryCore

/// Reconciles an ImageRepository as Flux's image-reflector-controller does (flux-spec §1.5–1.7):
/// decide whether a scan is due, list the tags, store them without the excluded ones, and set
/// `lastScanResult`, `canonicalImageName`, `observedExclusionList` and the conditions.
public enum ImageRepositoryReconciler {
    /// The Reconciling message Flux writes while scanning an empty store, which also forces
    /// Ready to Unknown so that policies see a transition.
    static let emptyDatabaseReason = "no tags in database"

    /// Runs one reconcile of `repository`.
    public static func reconcile(_ repository: ImageRepository, _ env: ReconcilerEnvironment) async -> ReconcileReport<ImageRepository> {
        let start = ContinuousClock.now
        let report = await run(repository, env)
        let result: ReconcileMetricResult = report.error != nil ? .error : .success
        env.metrics.recordReconcile(repository.id, duration: ContinuousClock.now - start, result: result)
        return report
    }

    private static func run(_ repository: ImageRepository, _ env: ReconcilerEnvironment) async -> ReconcileReport<ImageRepository> {
        if repository.metadata.isBeingDeleted {
            try? await env.store.deleteObject(repository.id)
            let remaining = try? await env.status.removeFinalizer(Finalizers.flux, from: repository)
            return ReconcileReport(object: remaining ?? nil, outcome: .succeeded(requeueAfter: nil))
        }
        var object = repository
        if env.options.finalizers && !object.metadata.finalizers.contains(Finalizers.flux) {
            do {
                object = try await env.status.addFinalizer(Finalizers.flux, to: object)
            } catch {
                return ReconcileReport(object: repository, outcome: .failed, error: "failed to add finalizer: \(error)")
            }
        }
        if object.spec.suspend == true { return ReconcileReport(object: object, outcome: .stalled) }

        let now = env.now()
        let old = object
        let generation = object.generation
        var conditions = ConditionSet(object.status.conditions, generation: generation, now: now)
        var nextScan = object.spec.interval
        var nextScanMessage = ""
        var result = ReconcileResult.none
        var error: String?

        func finish() async -> ReconcileReport<ImageRepository> {
            let interval = nextScan
            let finalizer = ResultFinalizer(
                readySuccessMessage: "successful scan: found \(object.status.lastScanResult?.tagCount ?? 0) tags with checksum \(object.status.lastScanResult?.revision ?? "")"
            ) { result, error in error == nil && result.requeueAfter == interval && !result.requeue }
            error = finalizer.finalize(&conditions, result: result, error: error)
            object.status.conditions = conditions.conditions
            if let requested = object.metadata.reconcileRequestedAt { object.status.lastHandledReconcileAt = requested }
            if conditions.isReady || conditions.isStalled { object.status.observedGeneration = generation }
            let event = ResultFinalizer.event(
                before: ConditionSet(old.status.conditions, generation: generation, now: now), after: conditions, traceMessage: nextScanMessage)
            var written = object
            do {
                written = try await env.write(object, previous: repository.status)
            } catch let writeError {
                error = error ?? "failed to write status: \(writeError)"
            }
            await env.emit(event, about: written, controller: env.options.reflectorController)
            let outcome: WorkSchedule.Outcome = error != nil ? .failed : (conditions.isStalled ? .stalled : .succeeded(requeueAfter: result.requeueAfter))
            return ReconcileReport(object: written, outcome: outcome, events: [event], error: error)
        }

        if object.spec.effectiveProvider != "generic", let account = object.spec.serviceAccountName, !account.isEmpty {
            conditions.markStalled(
                reason: ReconcileReason.featureGateDisabled,
                message: "to use spec.serviceAccountName for provider authentication please enable the ObjectLevelWorkloadIdentity feature gate in the controller")
            return await finish()
        }
        conditions.progressive(message: "reconciliation in progress")
        if generation != object.status.observedGeneration {
            conditions.progressive(message: "processing object: new generation \(object.status.observedGeneration ?? -1) -> \(generation)")
        }

        let name: ImageRepositoryName
        do {
            name = try ImageRepositoryName(parsing: object.spec.image, insecure: object.spec.insecure ?? false)
        } catch let parseError {
            conditions.markStalled(reason: ReconcileReason.imageURLInvalid, message: parseError.description)
            return await finish()
        }
        conditions.delete(Condition.stalled)

        let access: RegistryAccess
        do {
            let namespace = object.metadata.namespace
            let objects = env.objects
            access = try await env.registryAccess.access(for: object) { secretName in
                try await objects.secret(ObjectKey(namespace: namespace, name: secretName))
            }
        } catch let accessError {
            let message = "failed to configure authentication options: \(accessError)"
            conditions.markFalse(Condition.ready, reason: ReconcileReason.authenticationFailed, message: message)
            error = message
            return await finish()
        }

        let stored: StoredTags?
        do {
            stored = try await env.store.tags(for: object.id)
        } catch let storeError {
            let message = "failed to determine if it's scan time: \(storeError)"
            conditions.markFalse(Condition.ready, reason: ReconcileReason.failure, message: message)
            error = message
            return await finish()
        }
        let decision = shouldScan(object, canonicalName: name.canonicalName, storedTagCount: stored?.tags.count ?? 0, now: now)
        if let reason = decision.reason {
            conditions.progressive(drift: reason == emptyDatabaseReason, message: "scanning: \(reason)")
            do {
                let listing = try await env.registry.listTags(in: name, access: access)
                let scan = try TagScan(listed: listing.tags, exclusionList: object.spec.effectiveExclusionList)
                let scanTime = env.now()
                try await env.store.storeTags(
                    StoredTags(canonicalImage: name.canonicalName, tags: scan.tags, revision: scan.revision, scanTime: scanTime), for: object.id)
                // Every listed tag, excluded ones too: their age gates policies, and `ferry explain` shows what the exclusion list dropped.
                try await env.store.recordTagsSeen(listing.tags, for: object.id, at: scanTime)
                object.status.lastScanResult = ImageRepository.ScanResult(
                    revision: scan.revision, tagCount: scan.tags.count, scanTime: scanTime.rfc3339, latestTags: scan.latestTags.isEmpty ? nil : scan.latestTags)
            } catch let scanError {
                let message = "scan failed: \(scanError)"
                conditions.markFalse(Condition.ready, reason: ReconcileReason.readOperationFailed, message: message)
                error = message
                return await finish()
            }
            nextScanMessage = "next scan in \(decision.when)"
            if let previous = old.status.lastScanResult, previous.revision == object.status.lastScanResult?.revision {
                nextScanMessage = "tags did not change, " + nextScanMessage
            } else {
                nextScanMessage = "successful scan, " + nextScanMessage
            }
        } else {
            nextScanMessage = "no change in repository configuration since last scan, next scan in \(decision.when)"
        }
        object.status.canonicalImageName = name.canonicalName
        object.status.observedExclusionList = object.spec.effectiveExclusionList
        conditions.delete(Condition.ready)
        nextScan = decision.when
        result = ReconcileResult(requeueAfter: decision.when)
        return await finish()
    }

    /// Flux's `shouldScan` (IR-25): the reason to scan now, or `nil` and how long until the
    /// next scan is due.
    public static func shouldScan(_ repository: ImageRepository, canonicalName: String, storedTagCount: Int, now: Timestamp) -> (reason: String?, when: GoDuration) {
        let interval = repository.spec.interval
        guard let last = repository.status.lastScanResult else { return ("first scan", interval) }
        if let requested = repository.metadata.reconcileRequestedAt, requested != repository.status.lastHandledReconcileAt {
            return ("reconcile requested", interval)
        }
        if canonicalName != repository.status.canonicalImageName { return ("new image name", interval) }
        let effective = repository.spec.effectiveExclusionList
        let observed = repository.status.observedExclusionList ?? []
        if effective.count != observed.count || !effective.allSatisfy(observed.contains) { return ("updated exclusion list", interval) }
        if storedTagCount == 0 { return (emptyDatabaseReason, interval) }
        let scanTime = last.scanTime.flatMap(Timestamp.init(rfc3339:)) ?? Timestamp(nanosecondsSinceEpoch: 0)
        let when = interval - (now - scanTime)
        if when < .seconds(1) { return ("triggered by interval", interval) }
        return (nil, when)
    }
}

/// Flux's finalizer (C-02).
public enum Finalizers {
    /// `finalizers.fluxcd.io`.
    public static let flux = "finalizers.fluxcd.io"
}

extension GoDuration {
    static func - (lhs: GoDuration, rhs: GoDuration) -> GoDuration { GoDuration(nanoseconds: lhs.nanoseconds - rhs.nanoseconds) }
}
