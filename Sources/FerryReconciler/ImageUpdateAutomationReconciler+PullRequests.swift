import FerryCore

/// The pull-request condition and its reasons. The condition is a Ferry extension in the automation's ordinary
/// `status.conditions`, so the object stays valid against Flux's CRD: `True` with the pull requests' numbers and
/// addresses once published, `False` with the forge's answer when a publication failed (the next run rebuilds the
/// branch and publishes again).
public enum PullRequestStatus {
    /// The condition type.
    public static let condition = "ferry.dev/PullRequest"
    /// Every pull request of the last push is open and up to date.
    public static let publishedReason = "Published"
    /// The forge refused or could not be reached (also the Ready reason).
    public static let failedReason = "PullRequestFailed"
    /// A `ferry.dev/…` annotation is invalid (the Stalled reason).
    public static let invalidReason = "InvalidFerryAnnotation"
    /// The last run closed the pull request: its branch had nothing left to propose.
    public static let closedReason = "Closed"
    /// The promotion source could not be read or disagrees with itself.
    public static let promotionFailedReason = "PromotionFailed"

    /// The condition's message: `#12 https://…/pull/12 (ferry/app → main)`, one per pull request, separated by `; `.
    static func message(_ published: [PublishedPullRequest]) -> String {
        published.map {
            let text = "#\($0.result.number) \($0.result.webURL) (\($0.spec.sourceBranch) → \($0.spec.targetBranch))"
            return $0.result.action == .closed ? "closed " + text + ": nothing left to propose" : text
        }.joined(separator: "; ")
    }
}

/// One pull request that was published in a run.
struct PublishedPullRequest: Sendable {
    var spec: ChangeRequestSpec
    var result: ChangeRequestResult
    /// Why, for the event (a closed pull request's reason).
    var note: String?

    var eventReason: String {
        switch result.action {
        case .created: "PullRequestCreated"
        case .closed: "PullRequestClosed"
        case .updated, .unchanged: "PullRequestUpdated"
        }
    }

    /// `created pull request #3 https://… (ferry/app → main)`.
    var eventMessage: String {
        var text = "\(result.action.rawValue) \(spec.forge.requestNoun) #\(result.number) \(result.webURL) (\(spec.sourceBranch) → \(spec.targetBranch))"
        if case .refused(let reason) = result.autoMerge { text += "; auto-merge not enabled: \(reason)" }
        if let note { text += ": " + note }
        return text
    }
}

/// Why a publication failed: the Ready reason and message.
struct PublishFailure: Error, Sendable {
    var reason: String
    var message: String
}

extension ImageUpdateAutomationReconciler {
    /// One Git pass: the job (with its push branch) and the policies it applies; `targetBranch` is set when the pass's
    /// push gets a pull request.
    struct Pass: Sendable {
        var job: GitAutomationJob
        var policies: [PolicyLatestRef]
        var targetBranch: String?
    }

    /// The automation's Ferry annotations, read and checked.
    struct Extensions: Sendable {
        var settings: PullRequestSettings?
        var promotePath: String?
        var publisher: (any ChangeRequestPublisher)?

        /// Reads the annotations of `automation`.
        ///
        /// - Throws: ``SpecError`` naming the annotation.
        init(_ automation: ImageUpdateAutomation, publisher: (any ChangeRequestPublisher)?) throws(SpecError) {
            let annotations = automation.metadata.annotations
            settings = try PullRequestSettings.parse(annotations: annotations)
            promotePath = try PromotionAnnotations.promotionPath(annotations)
            _ = try PromotionAnnotations.batchWindow(annotations)
            self.publisher = settings == nil ? nil : publisher
            if let promotePath {
                guard settings != nil else {
                    throw SpecError(
                        field: PullRequestAnnotations.field(PromotionAnnotations.promoteFrom), value: promotePath,
                        problem: "needs \(PullRequestAnnotations.enabled): \"true\": a promotion always goes through a pull request")
                }
                guard publisher != nil else {
                    throw SpecError(
                        field: PullRequestAnnotations.field(PromotionAnnotations.promoteFrom), value: promotePath,
                        problem: "cannot be honoured: this Ferry has no forge client to open the promotion's pull request")
                }
            }
        }

        /// The passes of a run: Flux's single pass without pull requests; one per branch group with them
        /// (``PullRequestBranches/group(policies:template:pushBranch:targetBranch:automationNamespace:automationName:values:limits:)``).
        ///
        /// - Parameter pending: Whether the last publication failed: the branches are then rebuilt from the checkout, so
        ///   the change (and its pull request) is made again.
        func passes(
            job: GitAutomationJob, git: ImageUpdateAutomation.GitSpec, policies: [PolicyLatestRef], automation: ImageUpdateAutomation, pending: Bool
        ) throws -> [Pass] {
            guard let settings, publisher != nil else { return [Pass(job: job, policies: policies, targetBranch: nil)] }
            let target = job.source.reference?.branch ?? ""
            guard !target.isEmpty else {
                throw SpecError(
                    field: "spec.git.checkout.ref.branch", value: "",
                    problem: "must name a branch when \(PullRequestAnnotations.enabled) is \"true\": it is the pull request's target")
            }
            let groups = try PullRequestBranches.group(
                policies: policies, template: settings.branchTemplate, pushBranch: git.push?.branch ?? "", targetBranch: target,
                automationNamespace: automation.metadata.namespace, automationName: automation.metadata.name, values: git.commit.messageTemplateValues)
            guard !groups.isEmpty else { return [Pass(job: job, policies: policies, targetBranch: nil)] }
            return try groups.map { group in
                var passJob = job
                if group.branch != job.push.branch {
                    passJob.push = try GitPushPlan(
                        push: GitPushSpec(branch: group.branch, options: git.push?.options ?? [:]), checkout: job.source.reference)
                }
                // A promotion reads the source files of the checkout, never of an older push branch.
                passJob.rebuildPushBranch = pending || promotePath != nil
                passJob.lastObservedRevision = nil
                return Pass(job: passJob, policies: group.policies, targetBranch: target)
            }
        }

        /// Opens or updates the pull request of `source` → `target`, with the forge credentials of the
        /// `ferry.dev/pull-request-secret-ref` Secret (in the automation's namespace), else of the GitRepository's `secretRef`.
        func publish(
            automation: ImageUpdateAutomation, source: String, target: String, message: String, data: CommitTemplateData, _ env: ReconcilerEnvironment
        ) async -> Result<PublishedPullRequest, PublishFailure> {
            guard let settings, let publisher else { preconditionFailure("invariant: a pass with a target branch has pull-request settings") }
            let kept = " (the branch '\(source)' is pushed; Ferry publishes again on the next run)"
            let access: ForgeAccess
            switch await forgeAccess(automation: automation, settings: settings, env, verb: "open", kept: kept) {
            case .success(let found): access = found
            case .failure(let failure): return .failure(failure)
            }
            do {
                let plan = try PullRequestPlanner.plan(
                    settings: settings, endpoint: access.endpoint, sourceBranch: source, targetBranch: target, commitMessage: message, data: data,
                    credentials: access.credentials, certificateAuthority: access.certificateAuthority, timeout: access.timeout)
                do {
                    let result = try await publisher.publish(plan.spec)
                    return .success(PublishedPullRequest(spec: plan.spec, result: result))
                } catch {
                    return .failure(PublishFailure(reason: PullRequestStatus.failedReason, message: error.description + kept))
                }
            } catch {
                return .failure(PublishFailure(reason: PullRequestStatus.failedReason, message: "cannot open the pull request: \(error.description)" + kept))
            }
        }

        /// Closes the open pull request of `source` → `target`, if there is one, because the branch has nothing left to
        /// propose: the change set rebuilt from the checkout is empty (a rollback took the change back).
        ///
        /// - Returns: The closed pull request, or `nil` when none was open.
        func withdraw(
            automation: ImageUpdateAutomation, source: String, target: String, _ env: ReconcilerEnvironment
        ) async -> Result<PublishedPullRequest?, PublishFailure> {
            guard let settings, let publisher else { preconditionFailure("invariant: a pass with a target branch has pull-request settings") }
            let kept = " (the branch '\(source)' is kept; Ferry tries again on the next run)"
            let access: ForgeAccess
            switch await forgeAccess(automation: automation, settings: settings, env, verb: "close", kept: kept) {
            case .success(let found): access = found
            case .failure(let failure): return .failure(failure)
            }
            let spec = ChangeRequestSpec(
                forge: access.endpoint.kind, apiBaseURL: access.endpoint.apiBaseURL, repository: access.endpoint.repository, sourceBranch: source,
                targetBranch: target, title: "", credentials: access.credentials, certificateAuthority: access.certificateAuthority,
                timeout: access.timeout)
            do {
                return .success(try await publisher.close(spec).map { PublishedPullRequest(spec: spec, result: $0) })
            } catch {
                return .failure(PublishFailure(reason: PullRequestStatus.failedReason, message: error.description + kept))
            }
        }

        /// Where the forge is and the credentials to use there.
        struct ForgeAccess: Sendable {
            var endpoint: ForgeEndpoint
            var credentials: ForgeCredentials
            var certificateAuthority: [UInt8]?
            var timeout: Duration
        }

        /// The forge endpoint and credentials of the automation's GitRepository and pull-request settings.
        private func forgeAccess(
            automation: ImageUpdateAutomation, settings: PullRequestSettings, _ env: ReconcilerEnvironment, verb: String, kept: String
        ) async -> Result<ForgeAccess, PublishFailure> {
            let invalid = { (text: String) in PublishFailure(reason: PullRequestStatus.failedReason, message: text + kept) }
            let key = automation.sourceKey
            do {
                guard let repository = try await env.objects.get(GitRepository.self, ObjectKey(namespace: key.namespace, name: key.name)) else {
                    return .failure(invalid("cannot \(verb) the pull request: GitRepository '\(key.namespace)/\(key.name)' not found"))
                }
                let endpoint = try PullRequestPlanner.endpoint(for: repository, settings: settings)
                let secretKey: ObjectKey
                if let reference = settings.secretRef {
                    secretKey = ObjectKey(namespace: automation.metadata.namespace, name: reference.name)
                } else if let name = repository.spec.secretRef?.name {
                    secretKey = ObjectKey(namespace: repository.metadata.namespace, name: name)
                } else {
                    return .failure(invalid(
                        "cannot \(verb) the pull request: no forge credentials (set \(PullRequestAnnotations.secretRef) to a Secret with a token, "
                            + "or give GitRepository '\(key.namespace)/\(key.name)' a secretRef with bearerToken or username and password)"))
                }
                guard let secret = try await env.objects.secret(secretKey) else {
                    return .failure(invalid("cannot \(verb) the pull request: Secret '\(secretKey.namespace)/\(secretKey.name)' not found"))
                }
                let values = try secret.values()
                guard let credentials = ForgeCredentials.fromSecret(values) else {
                    return .failure(invalid(
                        "cannot \(verb) the pull request: Secret '\(secretKey.namespace)/\(secretKey.name)' has no token, bearerToken or password"))
                }
                return .success(ForgeAccess(
                    endpoint: endpoint, credentials: credentials, certificateAuthority: values["ca.crt"], timeout: repository.spec.effectiveTimeout.duration))
            } catch let specError as SpecError {
                return .failure(invalid("cannot \(verb) the pull request: \(specError.description)"))
            } catch {
                return .failure(invalid("cannot \(verb) the pull request: \(error)"))
            }
        }
    }
}
