public import FerryCore

/// Reconciles an ImagePolicy as Flux's image-reflector-controller does (flux-spec §2.3–2.5):
/// resolve the repository, apply the policy to its stored tags, reflect the digest, and set
/// `latestRef`, `observedPreviousRef` and the conditions. Ferry adds one rule: with the spec
/// unchanged, a selection that would move back to an older tag keeps the current one.
public enum ImagePolicyReconciler {
    /// Runs one reconcile of `policy`.
    ///
    /// - Parameter namespaceLabels: The labels of a namespace, for `accessFrom` across
    ///   namespaces (empty when unknown).
    public static func reconcile(
        _ policy: ImagePolicy, _ env: ReconcilerEnvironment, namespaceLabels: @Sendable (String) async -> [String: String] = { _ in [:] }
    ) async -> ReconcileReport<ImagePolicy> {
        let start = ContinuousClock.now
        let report = await run(policy, env, namespaceLabels)
        env.metrics.recordReconcile(policy.id, duration: ContinuousClock.now - start, result: report.error != nil ? .error : .success)
        return report
    }

    private static func run(
        _ policy: ImagePolicy, _ env: ReconcilerEnvironment, _ namespaceLabels: @Sendable (String) async -> [String: String]
    ) async -> ReconcileReport<ImagePolicy> {
        if policy.metadata.isBeingDeleted {
            try? await env.store.deleteObject(policy.id)
            let remaining = try? await env.status.removeFinalizer(Finalizers.flux, from: policy)
            return ReconcileReport(object: remaining ?? nil, outcome: .succeeded(requeueAfter: nil))
        }
        var object = policy
        if env.options.finalizers && !object.metadata.finalizers.contains(Finalizers.flux) {
            do {
                object = try await env.status.addFinalizer(Finalizers.flux, to: object)
            } catch {
                return ReconcileReport(object: policy, outcome: .failed, error: "failed to add finalizer: \(error)")
            }
        }
        if object.spec.suspend == true { return ReconcileReport(object: object, outcome: .stalled) }

        let now = env.now()
        let old = object
        let generation = object.generation
        var conditions = ConditionSet(object.status.conditions, generation: generation, now: now)
        let reflection = object.spec.digestReflectionPolicy ?? .never
        // Flux's GetInterval: only `Always` requeues, after `interval` (10m when it is zero).
        let nextReconcile: GoDuration? = reflection == .always ? (object.spec.interval.map { $0 == .zero ? .minutes(10) : $0 }) : nil
        var readyMessage = ""
        var result = ReconcileResult.none
        var error: String?
        var extraEvents: [ReconcileEvent] = []
        var gateRequeue: GoDuration?

        func finish() async -> ReconcileReport<ImagePolicy> {
            let finalizer = ResultFinalizer(readySuccessMessage: readyMessage) { result, error in
                error == nil && result.requeueAfter == nextReconcile
            }
            error = finalizer.finalize(&conditions, result: result, error: error)
            object.status.conditions = conditions.conditions
            if let requested = object.metadata.reconcileRequestedAt { object.status.lastHandledReconcileAt = requested }
            if conditions.isReady || conditions.isStalled { object.status.observedGeneration = generation }
            let event = ResultFinalizer.event(before: ConditionSet(old.status.conditions, generation: generation, now: now), after: conditions, traceMessage: readyMessage)
            var written = object
            do {
                written = try await env.write(object, previous: policy.status)
            } catch let writeError {
                error = error ?? "failed to write status: \(writeError)"
            }
            for extra in extraEvents { await env.emit(extra, about: written, controller: env.options.reflectorController) }
            await env.emit(event, about: written, controller: env.options.reflectorController)
            let outcome: WorkSchedule.Outcome
            if error != nil {
                outcome = .failed
            } else if conditions.isStalled {
                outcome = .stalled
            } else if conditions.get(Condition.ready)?.reason == ReconcileReason.dependencyNotReady {
                outcome = .succeeded(requeueAfter: env.options.requeueDependency)
            } else {
                outcome = .succeeded(requeueAfter: [result.requeueAfter, gateRequeue].compactMap { $0 }.min())
            }
            return ReconcileReport(object: written, outcome: outcome, events: extraEvents + [event], error: error)
        }

        if reflection == .always && object.spec.interval == nil {
            conditions.markStalled(
                reason: ReconcileReason.intervalNotConfigured, message: "spec.interval must be set when spec.digestReflectionPolicy is set to 'Always'")
            return await finish()
        }
        conditions.progressive(message: "reconciliation in progress")
        if generation != object.status.observedGeneration {
            conditions.progressive(message: "processing object: new generation \(object.status.observedGeneration ?? -1) -> \(generation)")
        }

        // The repository (IP-20).
        let repositoryKey = object.repositoryKey
        let repository: ImageRepository
        do {
            repository = try await resolveRepository(object, key: repositoryKey, env, namespaceLabels)
        } catch let failure as RepositoryAccessError {
            let message = "failed to get the referred ImageRepository: \(failure.message)"
            conditions.markFalse(Condition.ready, reason: failure.reason, message: message)
            error = message
            return await finish()
        } catch let other {
            let message = "failed to get the referred ImageRepository: \(other)"
            conditions.markFalse(Condition.ready, reason: ReconcileReason.failure, message: message)
            error = message
            return await finish()
        }
        let name: ImageRepositoryName
        do {
            name = try ImageRepositoryName(parsing: repository.spec.image, insecure: repository.spec.insecure ?? false)
        } catch let parseError {
            conditions.markStalled(reason: ReconcileReason.imageURLInvalid, message: parseError.description)
            return await finish()
        }
        if repository.spec.effectiveProvider != "generic", let account = repository.spec.serviceAccountName, !account.isEmpty {
            conditions.markStalled(
                reason: ReconcileReason.featureGateDisabled,
                message: "to use spec.serviceAccountName in the ImageRepository for provider authentication please enable the ObjectLevelWorkloadIdentity feature gate in the controller")
            return await finish()
        }

        // The tags and the policy (IP-22 to IP-25).
        let tags: TagList?
        do {
            tags = try await env.store.tags(for: ObjectID(kind: ImageRepository.kind, namespace: repositoryKey.namespace, name: repositoryKey.name))?.tags
        } catch let storeError {
            let message = "failed to read tags from database: \(storeError)"
            conditions.markFalse(Condition.ready, reason: ReconcileReason.failure, message: message)
            error = message
            return await finish()
        }
        // Ferry's gates: the quarantine and `ferry.dev/minimum-age`.
        let gate: TagGate
        do {
            let stored = try await env.store.quarantinedTags(for: object.id)
            guard case .success(let quarantined) = object.quarantine(stored: stored) else {
                if case .failure(let invalid) = object.annotatedQuarantine {
                    conditions.markStalled(reason: ReconcileReason.invalidPolicy, message: invalid.description)
                }
                return await finish()
            }
            let needsAges = (try? object.minimumAge.get()) != nil
            let firstSeen = needsAges ? try await env.store.tagsFirstSeen(for: repositoryKey) : [:]
            gate = ImagePolicyDecisions.gate(object, quarantined: quarantined, firstSeen: firstSeen, now: now)
            object.status.quarantinedTags = quarantined.isEmpty ? nil : quarantined
        } catch let storeError {
            let message = "failed to read the quarantine from the database: \(storeError)"
            conditions.markFalse(Condition.ready, reason: ReconcileReason.failure, message: message)
            error = message
            return await finish()
        }
        if case .failure(let invalid) = object.minimumAge {
            conditions.markStalled(reason: ReconcileReason.invalidPolicy, message: invalid.description)
            return await finish()
        }
        gateRequeue = ImagePolicyDecisions.nextMaturity(tags, gate: gate)
        var tag: String
        switch ImagePolicyDecisions.select(object, tags: tags, gate: gate) {
        case .stalled(let reason, let message):
            conditions.markStalled(reason: reason, message: message)
            return await finish()
        case .noTags:
            conditions.markFalse(Condition.ready, reason: ReconcileReason.dependencyNotReady, message: ImagePolicyDecisions.noTagsMessage)
            return await finish()
        case .failed(let message):
            conditions.markFalse(Condition.ready, reason: ReconcileReason.failure, message: message)
            error = message
            return await finish()
        case .tag(let selected, _):
            tag = selected
        }
        if !env.options.allowDowngrades, object.status.latestRef?.name == repository.spec.image,
            gate.quarantined[object.status.latestRef?.tag ?? ""] == nil,
            let kept = ImagePolicyDecisions.downgradeGuard(object, selected: tag, specUnchanged: generation == object.status.observedGeneration)
        {
            extraEvents.append(
                ReconcileEvent(
                    .normal, reason: "DowngradeRefused",
                    message: "kept \(repository.spec.image):\(kept) instead of moving back to \(tag); the spec did not change (change the spec, or run with --allow-downgrades, to go back)"))
            tag = kept
        }

        // The digest (IP-26, IP-40 to IP-43).
        var newRef = ImagePolicy.ImageRef(name: repository.spec.image, tag: tag)
        switch ImagePolicyDecisions.digestPlan(object, image: repository.spec.image, tag: tag) {
        case .keep(let digest):
            newRef.digest = digest
        case .fetch:
            do {
                let objects = env.objects
                let namespace = repository.metadata.namespace
                let access = try await env.registryAccess.access(for: repository) { secretName in
                    try await objects.secret(ObjectKey(namespace: namespace, name: secretName))
                }
                newRef.digest = try await env.registry.digest(of: tag, in: name, access: access)
            } catch let digestError {
                error = "failed fetching digest of \(newRef): \(digestError)"
                return await finish()
            }
        }
        ImagePolicyDecisions.update(&object.status, to: newRef)
        readyMessage = ImagePolicyDecisions.readyMessage(object.status) + ImagePolicyDecisions.heldNote(ImagePolicyDecisions.heldWinner(object, tags: tags, gate: gate))
        conditions.delete(Condition.ready)
        result = ReconcileResult(requeueAfter: nextReconcile)
        return await finish()
    }

    private struct RepositoryAccessError: Error {
        var reason: String
        var message: String
    }

    private static func resolveRepository(
        _ policy: ImagePolicy, key: ObjectID, _ env: ReconcilerEnvironment, _ namespaceLabels: @Sendable (String) async -> [String: String]
    ) async throws -> ImageRepository {
        let crossNamespace = key.namespace != policy.metadata.namespace
        if env.options.noCrossNamespaceRefs && crossNamespace {
            throw RepositoryAccessError(
                reason: ReconcileReason.accessDenied,
                message: "cannot access 'ImageRepository/\(key.namespace)/\(key.name)', cross-namespace references have been blocked")
        }
        guard let repository = try await env.objects.get(ImageRepository.self, ObjectKey(namespace: key.namespace, name: key.name)) else {
            throw RepositoryAccessError(
                reason: ReconcileReason.dependencyNotReady,
                message: "referenced ImageRepository does not exist: imagerepositories.image.toolkit.fluxcd.io \"\(key.name)\" not found")
        }
        if crossNamespace {
            guard let selectors = repository.spec.accessFrom?.namespaceSelectors, !selectors.isEmpty else {
                throw RepositoryAccessError(
                    reason: ReconcileReason.accessDenied,
                    message: "access denied: '\(key.namespace)/\(key.name)' can't be accessed due to missing ACL labels on 'accessFrom'")
            }
            let labels = await namespaceLabels(policy.metadata.namespace)
            let allowed = selectors.contains { selector in (selector.matchLabels ?? [:]).allSatisfy { labels[$0.key] == $0.value } }
            if !allowed {
                throw RepositoryAccessError(
                    reason: ReconcileReason.accessDenied,
                    message: "access denied: '\(key.namespace)/\(key.name)' can't be accessed due to ACL labels mismatch on namespace '\(policy.metadata.namespace)'")
            }
        }
        return repository
    }
}
