public import FerryCore
import FerryGit
import FerryReconciler
import FerryRegistry
import FerryServer
import FerryStandalone
import FerryStore
import FerryWorkspace
import Foundation
import Logging
import Synchronization

/// `ferry rollback`: reverts what the latest automated commit did to one ImagePolicy's marked
/// fields, with a new commit (never a history rewrite) made with the automation's author,
/// signing key and push settings, and puts the tag it brought in into quarantine so the policy
/// keeps the earlier one.
///
/// "Automated" means authored by the automation's `spec.git.commit.author.email`; the commit
/// is the newest such commit on the push branch (under `update.path`) that changed a field
/// marked for the policy. A rollback commit carries the trailer `Ferry-Rollback: NS:NAME TAG`.
public enum PolicyRollback {
    /// The commit trailer of a rollback commit.
    public static let trailer = "Ferry-Rollback"

    /// What to roll back.
    public struct Request: Sendable {
        /// The policy and where it lives.
        public var target: PolicyCommandTarget
        /// Only say what would change: nothing is committed, pushed or quarantined.
        public var dryRun = false
        /// Only this automation's repository and push branch are searched (default: every automation that selects the policy,
        /// by name).
        public var automation: String?

        /// Creates a request.
        public init(target: PolicyCommandTarget) {
            self.target = target
        }
    }

    /// What a rollback did (or, with `dryRun`, would do).
    public struct Report: Sendable {
        /// The policy.
        public var policy: ObjectID
        /// The automation whose repository was changed.
        public var automation: ObjectID
        /// The commit reverted: its full hash.
        public var revertedCommit: String
        /// The first line of its message.
        public var revertedSubject: String
        /// What that commit wrote, and what goes back.
        public var revert: PolicyRevert
        /// The files changed (paths from the repository root) and a unified diff of them.
        public var diff: String
        /// The new commit, when one was pushed.
        public var push: GitPushResult?
        /// The tag put in quarantine.
        public var quarantined: QuarantinedTag?
        /// Whether this was a dry run.
        public var dryRun: Bool
    }

    /// Runs the rollback.
    ///
    /// - Throws: ``RollbackError`` with a full sentence (unknown policy, no automation, no
    ///   automated commit, fields changed since, Git failure).
    public static func run(_ request: Request) async throws(RollbackError) -> Report {
        do {
            return try await perform(request)
        } catch let error as RollbackError {
            throw error
        } catch {
            throw RollbackError("\(error)")
        }
    }

    private static func perform(_ request: Request) async throws -> Report {
        let context = try request.target.context(createState: true)
        let policy = try await context.policy(namespace: request.target.namespace, name: request.target.name)
        let automations = try await context.automations(selecting: policy)
            .filter { request.automation == nil || $0.metadata.name == request.automation }
        guard !automations.isEmpty else {
            if let wanted = request.automation {
                throw RollbackError(
                    "no ImageUpdateAutomation \(request.target.namespace)/\(wanted) (--automation) selects ImagePolicy \(request.target.name)", kind: .invalidInput)
            }
            throw RollbackError("no ImageUpdateAutomation in namespace \(request.target.namespace) selects ImagePolicy \(request.target.name), so no commit of it can be rolled back", kind: .invalidInput)
        }
        let env = context.environment
        var searched: [String] = []
        for automation in automations {
            var job: GitAutomationJob
            do {
                job = try await ImageUpdateAutomationReconciler.gitJob(for: automation, env)
            } catch {
                throw RollbackError("ImageUpdateAutomation \(automation.metadata.namespace)/\(automation.metadata.name): \(error)")
            }
            job.shallow = false
            job.lastObservedRevision = nil
            let found = Mutex<(GitLocalHistory.Commit, PolicyRevert, String)?>(nil)
            let pass = RollbackPass(
                namespace: request.target.namespace, name: request.target.name, updatePath: automation.spec.update?.path,
                author: automation.spec.git?.commit.author.email ?? "", dryRun: request.dryRun)
            let outcome = try await GitCommandLineWorkspace().run(job) { tree in
                guard let result = try await pass.run(in: tree.path) else { return .unchanged }
                found.withLock { $0 = (result.commit, result.revert, result.diff) }
                return request.dryRun ? .unchanged : .changed(message: result.message)
            }
            guard let (commit, revert, diff) = found.withLock({ $0 }) else {
                searched.append("\(automation.metadata.name) (branch \(job.push.branch))")
                continue
            }
            var report = Report(
                policy: policy.id, automation: automation.id, revertedCommit: commit.hash, revertedSubject: commit.subject, revert: revert, diff: diff, push: outcome.push, quarantined: nil,
                dryRun: request.dryRun)
            guard !request.dryRun else { return report }
            if let tag = revert.badTag {
                let entry = QuarantinedTag(tag: tag, reason: "rolled back by ferry rollback", since: request.target.now().rfc3339, commit: commit.hash)
                let quarantined = try await context.quarantine.add(entry, to: policy, at: request.target.now())
                report.quarantined = entry
                if context.pointsStatusBack { try await keepPreviousTag(policy, revert: revert, quarantined: quarantined, status: context.status) }
            }
            return report
        }
        throw RollbackError(
            "no automated commit changed the fields of ImagePolicy \(request.target.namespace)/\(request.target.name): searched the history of "
                + searched.joined(separator: ", ") + " for commits by the automation's author that changed its markers", kind: .nothing)
    }

    /// Points the policy's status back at the earlier tag (the quarantine already asked for a reconcile), so no
    /// automation run writes the rolled-back tag again before the policy's next reconcile.
    private static func keepPreviousTag(_ policy: ImagePolicy, revert: PolicyRevert, quarantined: [QuarantinedTag], status: any ObjectStatusSink)
        async throws
    {
        var updated = policy
        if let latest = policy.status.latestRef, let tag = revert.to.tag, latest.tag != tag {
            updated.status.observedPreviousRef = latest
            updated.status.latestRef = ImagePolicy.ImageRef(name: latest.name, tag: tag, digest: revert.to.digest)
        }
        updated.status.quarantinedTags = quarantined
        _ = try await status.writeStatus(updated, previous: policy.status)
    }
}

/// A rollback that cannot be done, as a full sentence.
public struct RollbackError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of refusal this is, for the exit status.
    public enum Kind: Sendable, Hashable {
        /// An unknown object or an impossible request (exit status 2).
        case invalidInput
        /// Nothing to do: no automated commit, already rolled back, fields changed since (exit status 1).
        case nothing
        /// Git, the state file or the files failed (exit status 3).
        case failure
    }

    /// The kind.
    public let kind: Kind
    /// The sentence.
    public let description: String

    init(_ description: String, kind: Kind = .failure) {
        self.kind = kind
        self.description = description
    }
}
