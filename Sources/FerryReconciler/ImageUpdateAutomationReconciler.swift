public import FerryCore
import Synchronization

/// Reconciles an ImageUpdateAutomation as Flux's image-automation-controller does (flux-spec
/// §3.3, UA-22 to UA-28 and §3.8): gather the selected policies' latest references, check the
/// repository out, rewrite the markers, commit with the rendered message and push.
public enum ImageUpdateAutomationReconciler {
    /// Flux's Ready message after a successful run.
    public static let upToDate = "repository up-to-date"

    /// Runs one reconcile of `automation`.
    public static func reconcile(_ automation: ImageUpdateAutomation, _ env: ReconcilerEnvironment) async -> ReconcileReport<ImageUpdateAutomation> {
        let start = ContinuousClock.now
        let report = await run(automation, env)
        env.metrics.recordReconcile(automation.id, duration: ContinuousClock.now - start, result: report.error != nil ? .error : .success)
        return report
    }

    /// Where a Git run stopped, so its error gets Flux's prefix.
    private enum Stage: Sendable {
        case checkout, update, push
    }

    /// An error raised inside the update closure, carried out of the Git run as it was.
    struct UpdateFailure: Error {
        var reason: String
        var message: String
        var stalled: Bool
    }

    private static func run(_ automation: ImageUpdateAutomation, _ env: ReconcilerEnvironment) async -> ReconcileReport<ImageUpdateAutomation> {
        if automation.metadata.isBeingDeleted {
            let remaining = try? await env.status.removeFinalizer(Finalizers.flux, from: automation)
            return ReconcileReport(object: remaining ?? nil, outcome: .succeeded(requeueAfter: nil))
        }
        var object = automation
        if env.options.finalizers && !object.metadata.finalizers.contains(Finalizers.flux) {
            do {
                object = try await env.status.addFinalizer(Finalizers.flux, to: object)
            } catch {
                return ReconcileReport(object: automation, outcome: .failed, error: "failed to add finalizer: \(error)")
            }
        }
        if object.spec.suspend == true { return ReconcileReport(object: object, outcome: .stalled) }

        let now = env.now()
        let old = object
        let generation = object.generation
        var conditions = ConditionSet(object.status.conditions, generation: generation, now: now)
        let interval = object.spec.interval
        var result = ReconcileResult.none
        var error: String?
        var pushSummary: String?
        var fullSyncNeeded = false
        var prEvents: [ReconcileEvent] = []
        object.status.lastAutomationRunTime = now.rfc3339

        func finish() async -> ReconcileReport<ImageUpdateAutomation> {
            let finalizer = ResultFinalizer(readySuccessMessage: upToDate) { result, error in
                error == nil && result.requeueAfter == interval && !result.requeue
            }
            error = finalizer.finalize(&conditions, result: result, error: error)
            object.status.conditions = conditions.conditions
            if let requested = object.metadata.reconcileRequestedAt { object.status.lastHandledReconcileAt = requested }
            if conditions.isReady || conditions.isStalled { object.status.observedGeneration = generation }
            let event = automationEvent(before: ConditionSet(old.status.conditions, generation: generation, now: now), after: conditions, pushSummary: pushSummary, fullSync: fullSyncNeeded)
            var written = object
            do {
                written = try await env.write(object, previous: automation.status)
            } catch let writeError {
                error = error ?? "failed to write status: \(writeError)"
            }
            await env.emit(event, about: written, controller: env.options.automationController)
            let outcome: WorkSchedule.Outcome = error != nil ? .failed : (conditions.isStalled ? .stalled : .succeeded(requeueAfter: result.requeueAfter))
            return ReconcileReport(object: written, outcome: outcome, events: prEvents + [event], error: error)
        }
        func stall(_ reason: String, _ message: String) async -> ReconcileReport<ImageUpdateAutomation> {
            conditions.markStalled(reason: reason, message: message)
            return await finish()
        }
        func fail(_ reason: String, _ message: String) async -> ReconcileReport<ImageUpdateAutomation> {
            conditions.markFalse(Condition.ready, reason: reason, message: message)
            error = message
            return await finish()
        }

        conditions.progressive(message: "reconciliation in progress")
        if generation != object.status.observedGeneration {
            conditions.progressive(message: "processing object: new generation \(object.status.observedGeneration ?? -1) -> \(generation)")
        }
        let namespace = object.metadata.namespace
        let sourceKey = object.sourceKey
        if env.options.noCrossNamespaceRefs && sourceKey.namespace != namespace {
            return await stall(
                ReconcileReason.accessDenied, "can't access 'GitRepository/\(sourceKey.namespace)/\(sourceKey.name)', cross-namespace references have been blocked")
        }
        guard let gitSpec = object.spec.git else {
            return await stall("InvalidSourceConfiguration", "source kind 'GitRepository' necessitates field .spec.git: invalid source configuration")
        }
        guard let update = object.spec.update else { return await stall("InvalidUpdateStrategy", "no update strategy") }
        guard (update.strategy ?? "Setters") == "Setters" else { return await stall("InvalidUpdateStrategy", "unsupported update strategy") }
        if let problems = object.spec.policySelector?.validationErrors(), let first = problems.first {
            return await stall("InvalidPolicySelector", "failed to parse policy selector: \(first)")
        }

        // The policies and what they select (UA-22).
        let policies: [ImagePolicy]
        do {
            policies = try await env.objects.list(ImagePolicy.self, namespace: namespace, selector: object.spec.policySelector)
        } catch let listError {
            return await fail(ReconcileReason.failed, "failed to list policies: \(listError)")
        }
        var observed: [String: ImageUpdateAutomation.ObservedPolicy] = [:]
        var latestRefs: [PolicyLatestRef] = []
        for policy in policies.sorted(by: { $0.metadata.name < $1.metadata.name }) {
            guard let latest = policy.status.latestRef else { continue }
            observed[policy.metadata.name] = ImageUpdateAutomation.ObservedPolicy(name: latest.name, tag: latest.tag, digest: latest.digest)
            latestRefs.append(PolicyLatestRef(namespace: namespace, name: policy.metadata.name, image: latest.name, tag: latest.tag, digest: latest.digest))
        }
        let syncNeeded = observed != (object.status.observedPolicies ?? [:])

        // Ferry's extensions: pull requests, promotion (annotations, off Flux's schema).
        let extensions: Extensions
        do {
            extensions = try Extensions(object, publisher: env.pullRequests)
        } catch let invalid as SpecError {
            return await stall(PullRequestStatus.invalidReason, invalid.description)
        } catch let other {
            return await stall(PullRequestStatus.invalidReason, "\(other)")
        }

        // The source (UA-23).
        let job: GitAutomationJob
        do {
            job = try await makeJob(object, gitSpec, env, forceFull: syncNeeded)
        } catch let failure as UpdateFailure {
            return failure.stalled ? await stall(failure.reason, failure.message) : await fail(failure.reason, failure.message)
        } catch let other {
            return await fail("SourceManagerFailed", "failed configuring source manager: \(other)")
        }
        fullSyncNeeded = job.push.requiresFullSync || syncNeeded || job.lastObservedRevision == nil

        // One pass per pull-request branch (one pass, Flux's, without pull requests).
        let passes: [Pass]
        let pending = conditions.isFalse(PullRequestStatus.condition)
        do {
            passes = try extensions.passes(job: job, git: gitSpec, policies: latestRefs, automation: object, pending: pending)
        } catch let invalid as SpecError {
            return await stall(PullRequestStatus.invalidReason, invalid.description)
        } catch let other {
            return await stall(PullRequestStatus.invalidReason, "\(other)")
        }

        // Check out, update, commit, push (UA-25 to UA-27).
        let manifests = env.manifests
        let values = gitSpec.commit.messageTemplateValues
        let template = gitSpec.commit.messageTemplate ?? ""
        let fields = env.options.templateFields
        let automationName = object.metadata.name
        let updatePath = update.path ?? ""
        let promotePath = extensions.promotePath
        var published: [PublishedPullRequest] = []
        var lastOutcome: GitAutomationOutcome?
        for pass in passes {
            let stage = Mutex(Stage.checkout)
            let rendered = Mutex<(String, CommitTemplateData)?>(nil)
            let passPolicies = pass.policies
            let outcome: GitAutomationOutcome
            do {
                outcome = try await env.git.run(pass.job) { tree in
                    stage.withLock { $0 = .update }
                    var policyRefs = passPolicies
                    if let promotePath {
                        let plan: PromotionPlan
                        do {
                            plan = PromotionValues.read(try await manifests.read(root: tree.path, path: promotePath)).promote(passPolicies)
                        } catch let readError {
                            throw UpdateFailure(reason: PullRequestStatus.promotionFailedReason, message: "failed to read the promotion source \(promotePath): \(readError)", stalled: false)
                        }
                        if let conflict = plan.conflicts.first {
                            throw UpdateFailure(reason: PullRequestStatus.promotionFailedReason, message: conflict.description, stalled: false)
                        }
                        policyRefs = plan.policies
                    }
                    let changes: UpdateResult
                    do {
                        changes = try await manifests.apply(policies: policyRefs, root: tree.path, updatePath: updatePath)
                    } catch let applyError {
                        throw UpdateFailure(reason: "UpdateFailed", message: "failed to apply policies: \(applyError)", stalled: false)
                    }
                    guard !changes.isEmpty else { return .unchanged }
                    let data = CommitTemplateData(
                        automationNamespace: namespace, automationName: automationName, result: changes, values: values, policies: policyRefs, fields: fields)
                    do {
                        let message = try CommitMessage.render(template: template, data: data)
                        stage.withLock { $0 = .push }
                        rendered.withLock { $0 = (message, data) }
                        return .changed(message: message)
                    } catch let templateError as CommitMessageError {
                        if case .removedField = templateError.kind {
                            throw UpdateFailure(reason: "RemovedTemplateField", message: templateError.description, stalled: true)
                        }
                        throw UpdateFailure(reason: "GitOperationFailed", message: "failed to update source: \(templateError.description)", stalled: false)
                    } catch let other {
                        throw UpdateFailure(reason: "GitOperationFailed", message: "failed to update source: \(other)", stalled: false)
                    }
                }
            } catch let failure as UpdateFailure {
                return failure.stalled ? await stall(failure.reason, failure.message) : await fail(failure.reason, failure.message)
            } catch let gitError {
                switch stage.withLock({ $0 }) {
                case .checkout: return await fail("GitOperationFailed", "failed to checkout source: \(gitError)")
                case .update, .push: return await fail("GitOperationFailed", "failed to update source: \(gitError)")
                }
            }
            lastOutcome = outcome
            if let push = outcome.push {
                object.status.lastPushCommit = push.commit.hash
                object.status.lastPushTime = Timestamp(nanosecondsSinceEpoch: push.time.seconds * 1_000_000_000 + Int64(push.time.nanoseconds)).rfc3339
                pushSummary = pushSummary.map { $0 + "\n" + push.summary } ?? push.summary
            }
            // A pass rebuilt from the checkout that changes nothing, while the push branch still holds other commits: the
            // branch's pull request proposes what is no longer wanted (a rollback took it back), so it is closed and the
            // branch deleted (only while it still points where it did).
            if let target = pass.targetBranch, pass.job.rebuildPushBranch, outcome.push == nil, rendered.withLock({ $0 }) == nil,
                let head = outcome.remotePushBranchHead, head != outcome.checkout.hash
            {
                let source = pass.job.push.branch
                switch await extensions.withdraw(automation: object, source: source, target: target, env) {
                case .success(let closed):
                    let deleted: Bool
                    do {
                        deleted = try await env.git.deleteBranch(pass.job, expectedHead: head)
                    } catch let gitError {
                        let message = "failed to delete the branch '\(source)', which has nothing left to propose: \(gitError)"
                        conditions.markFalse(PullRequestStatus.condition, reason: PullRequestStatus.failedReason, message: message)
                        return await fail("GitOperationFailed", message)
                    }
                    if var closed {
                        let reference = outcome.checkout.reference
                        let checkout = reference.hasPrefix("refs/heads/") ? String(reference.dropFirst("refs/heads/".count)) : reference
                        closed.note = "the change set rebuilt from '\(checkout)' is empty, so nothing is left to propose"
                            + (deleted ? "; the branch '\(source)' is deleted" : "")
                        published.append(closed)
                    }
                case .failure(let failure):
                    conditions.markFalse(PullRequestStatus.condition, reason: PullRequestStatus.failedReason, message: failure.message)
                    return await fail(failure.reason, failure.message)
                }
            }
            // The pull request of a pushed branch. A branch pushed in an earlier run already has its pull request, unless
            // that publication failed: then the pass rebuilt the branch from the checkout, and publishes again.
            if let target = pass.targetBranch, outcome.push != nil || pass.job.rebuildPushBranch && pending,
                let (message, data) = rendered.withLock({ $0 })
            {
                switch await extensions.publish(automation: object, source: pass.job.push.branch, target: target, message: message, data: data, env) {
                case .success(let done):
                    published.append(done)
                case .failure(let failure):
                    conditions.markFalse(PullRequestStatus.condition, reason: PullRequestStatus.failedReason, message: failure.message)
                    return await fail(failure.reason, failure.message)
                }
            }
        }
        guard let outcome = lastOutcome else { preconditionFailure("invariant: an automation run has at least one pass") }

        // Success (UA-28).
        object.status.observedPolicies = observed
        object.status.observedSourceRevision = outcome.observedSourceRevision
        if !published.isEmpty {
            let reason = published.allSatisfy { $0.result.action == .closed } ? PullRequestStatus.closedReason : PullRequestStatus.publishedReason
            conditions.markTrue(PullRequestStatus.condition, reason: reason, message: PullRequestStatus.message(published))
            for pullRequest in published where pullRequest.result.action != .unchanged {
                let event = ReconcileEvent(.normal, reason: pullRequest.eventReason, message: pullRequest.eventMessage)
                prEvents.append(event)
                await env.emit(event, about: object, controller: env.options.automationController)
            }
        } else if conditions.isFalse(PullRequestStatus.condition) {
            // The failed publication's branch had nothing left to propose (merged or reverted meanwhile).
            conditions.delete(PullRequestStatus.condition)
        }
        if outcome.unchangedSinceLastRun { fullSyncNeeded = false }
        conditions.delete(Condition.ready)
        result = ReconcileResult(requeueAfter: interval)
        return await finish()
    }

    /// The Git job for an automation: Flux's source manager (UA-23, UA-24, UA-30 to UA-33).
    static func makeJob(
        _ automation: ImageUpdateAutomation, _ git: ImageUpdateAutomation.GitSpec, _ env: ReconcilerEnvironment, forceFull: Bool
    ) async throws -> GitAutomationJob {
        let key = automation.sourceKey
        let sourceFailure = { (message: String) in UpdateFailure(reason: "SourceManagerFailed", message: "failed configuring source manager: \(message)", stalled: false) }
        guard let repository = try await env.objects.get(GitRepository.self, ObjectKey(namespace: key.namespace, name: key.name)) else {
            throw sourceFailure("referenced git repository does not exist: gitrepositories.source.toolkit.fluxcd.io \"\(key.name)\" not found")
        }
        let url: GitURL
        do {
            url = try GitURL(repository.spec.url)
        } catch {
            throw UpdateFailure(reason: "InvalidSourceConfiguration", message: error.description, stalled: true)
        }
        let secretValues = { (name: String, namespace: String) async throws -> [String: [UInt8]] in
            guard let secret = try await env.objects.secret(ObjectKey(namespace: namespace, name: name)) else {
                throw sourceFailure("failed to get secret '\(namespace)/\(name)': secrets \"\(name)\" not found")
            }
            return try secret.values()
        }
        var authentication = GitAuthentication()
        if let name = repository.spec.secretRef?.name {
            authentication = try GitAuthentication(url: url, secretData: try await secretValues(name, repository.metadata.namespace))
        }
        var proxy: GitProxy?
        if let name = repository.spec.proxySecretRef?.name {
            proxy = try GitProxy(secretName: "\(repository.metadata.namespace)/\(name)", secretData: try await secretValues(name, repository.metadata.namespace))
        }
        let reference = GitCheckoutReference.effective(automation: git.checkout.map { checkoutReference($0.ref) }, repository: repository.spec.ref.map(checkoutReference))
        let source = GitSourceSpec(url: url, reference: reference, authentication: authentication, proxy: proxy, timeout: repository.spec.effectiveTimeout.duration)
        var signing: GitSigningKey?
        if let key = git.commit.signingKey {
            signing = try GitSigningKey(type: key.type ?? "", secretName: key.secretRef.name, secretData: try await secretValues(key.secretRef.name, automation.metadata.namespace))
        }
        let commit = try GitCommitSpec(authorName: git.commit.author.name ?? "", authorEmail: git.commit.author.email, signing: signing)
        let push: GitPushPlan
        do {
            push = try GitPushPlan(
                push: git.push.map { GitPushSpec(branch: $0.branch ?? "", refspec: $0.refspec ?? "", options: $0.options ?? [:]) }, checkout: reference)
        } catch {
            throw sourceFailure(error.description)
        }
        let full = forceFull || push.requiresFullSync
        return GitAutomationJob(
            source: source, commit: commit, push: push, sparsePath: nil, lastObservedRevision: full ? nil : automation.status.observedSourceRevision,
            cacheKey: "\(automation.metadata.namespace)/\(automation.metadata.name)")
    }

    private static func checkoutReference(_ ref: GitRepository.Reference) -> GitCheckoutReference {
        GitCheckoutReference(branch: ref.branch ?? "", tag: ref.tag ?? "", semver: ref.semver ?? "", name: ref.name ?? "", commit: ref.commit ?? "")
    }

    /// The automation's event (UA-62): a push or a recovery is `Normal`, a failure `Warning`,
    /// anything else a `Trace`.
    static func automationEvent(before: ConditionSet, after: ConditionSet, pushSummary: String?, fullSync: Bool) -> ReconcileEvent {
        let ready = after.get(Condition.ready)
        if !after.isReady { return ReconcileEvent(.warning, reason: ready?.reason ?? "", message: ready?.message ?? "") }
        if let pushSummary { return ReconcileEvent(.normal, reason: ReconcileReason.succeeded, message: pushSummary) }
        if !before.isReady { return ReconcileEvent(.normal, reason: ReconcileReason.succeeded, message: upToDate) }
        return ReconcileEvent(.trace, reason: ReconcileReason.succeeded, message: fullSync ? upToDate : "no change since last reconciliation")
    }
}
