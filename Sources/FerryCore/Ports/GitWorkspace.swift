/// The Git side of an ImageUpdateAutomation run: check out, let the caller change the tree,
/// commit, push. The reconciler knows only this protocol; `FerryGit` implements it with the
/// `git` command line.
///
/// ```swift
/// let outcome = try await workspace.run(job) { tree in
///     let result = try rewriteMarkers(under: tree.path + "/" + updatePath)
///     return result.isEmpty ? .unchanged : .changed(message: try render(template, result))
/// }
/// ```
public protocol GitWorkspace: Sendable {
    /// Runs one automation pass.
    ///
    /// - Parameters:
    ///   - job: What to check out, how to commit and where to push.
    ///   - update: Changes the files of the working tree and says whether it did. It may be
    ///     called more than once: when the push to the checkout branch is rejected because the
    ///     branch moved, the workspace fetches the new head, resets the tree to it and calls
    ///     `update` again (at most ``GitAutomationJob/maxPushAttempts`` times in all).
    /// - Returns: The revisions checked out and pushed.
    /// - Throws: ``GitConfigurationError`` for a spec that cannot work, the adapter's error for a
    ///   failed Git operation, or what `update` throws.
    func run(
        _ job: GitAutomationJob,
        update: @Sendable (GitWorkingTree) async throws -> GitTreeUpdate
    ) async throws -> GitAutomationOutcome

    /// Deletes the job's push branch (``GitPushPlan/branch``) on the remote, but only while it still points at
    /// `expectedHead` (a lease: a branch someone pushed to meanwhile is left alone). Ferry does it after closing a pull
    /// request that has nothing left to propose, so the stale branch does not linger.
    ///
    /// - Returns: `true` when the branch was deleted, `false` when it had moved or was already gone.
    /// - Throws: The adapter's error when the remote refused or could not be reached.
    func deleteBranch(_ job: GitAutomationJob, expectedHead: String) async throws -> Bool
}

/// Everything one automation pass needs to know about Git.
public struct GitAutomationJob: Hashable, Sendable {
    /// The repository, reference, credentials and timeout.
    public var source: GitSourceSpec
    /// Author, committer and signature.
    public var commit: GitCommitSpec
    /// Where the commit goes.
    public var push: GitPushPlan
    /// Fetch only the tip (depth 1): Flux's `GitShallowClone` gate, on by default. Commit checkouts are always full.
    public var shallow: Bool
    /// `update.path` for a sparse checkout (Flux's `GitSparseCheckout` gate, off by default); `nil` or `.` checks out everything.
    public var sparsePath: String?
    /// `status.observedSourceRevision` of the last run: when the checkout is a branch, tag or name,
    /// no full sync is required and the remote still points there, the pass stops after `ls-remote`
    /// (UA-25) and reports ``GitAutomationOutcome/unchangedSinceLastRun``.
    public var lastObservedRevision: String?
    /// How many times to try the push to the checkout branch when it is rejected because the
    /// branch moved (1 = Flux's behaviour: fail). Pushes to a separate, force-pushed branch never need it.
    /// The default, 5, lets the last of five writers racing on one branch land in the same pass: each round
    /// of pushes lands at least one of them.
    public var maxPushAttempts: Int
    /// Identifies the run in the clone cache (e.g. `namespace/name` of the automation); runs with
    /// the same key and repository reuse one clone, one at a time.
    public var cacheKey: String
    /// Whether the update starts from the checkout even when the push branch exists (Flux starts from the push branch).
    /// The commit is then pushed (forced) only when its tree differs from the remote push branch's. Ferry sets it for a
    /// promotion (whose source files must be the checkout's) and to recompute a pull request whose publication failed.
    public var rebuildPushBranch = false

    /// Creates a job.
    public init(
        source: GitSourceSpec, commit: GitCommitSpec, push: GitPushPlan, shallow: Bool = true, sparsePath: String? = nil,
        lastObservedRevision: String? = nil, maxPushAttempts: Int = 5, cacheKey: String = ""
    ) {
        self.source = source
        self.commit = commit
        self.push = push
        self.shallow = shallow
        self.sparsePath = sparsePath
        self.lastObservedRevision = lastObservedRevision
        self.maxPushAttempts = max(1, maxPushAttempts)
        self.cacheKey = cacheKey
    }

    /// Every secret value of the job, for scrubbing messages.
    public var secrets: [String] { source.secrets + (commit.signing?.secrets ?? []) }
}

/// The checked-out tree handed to the update closure.
public struct GitWorkingTree: Hashable, Sendable {
    /// Absolute path of the working tree's root.
    public var path: String
    /// The commit the tree holds: the checkout, or the push branch's head when the update is based on it.
    public var base: GitRevision
    /// 1 for the first pass, 2 and up when re-applying after the branch moved.
    public var attempt: Int

    /// Creates a working tree description.
    public init(path: String, base: GitRevision, attempt: Int) {
        self.path = path
        self.base = base
        self.attempt = attempt
    }
}

/// What the update closure did to the tree.
public enum GitTreeUpdate: Hashable, Sendable {
    /// Nothing to commit.
    case unchanged
    /// Files changed; commit them with this message (the rendered `messageTemplate`).
    case changed(message: String)
}

/// A point in time as seconds and nanoseconds since 1970 (UTC). Core reads no clock: adapters
/// take a closure that supplies it.
public struct GitTimestamp: Hashable, Sendable, Comparable, Codable {
    /// Whole seconds since 1970-01-01T00:00:00Z.
    public var seconds: Int64
    /// Nanoseconds within the second.
    public var nanoseconds: Int32

    /// Creates a timestamp.
    public init(seconds: Int64, nanoseconds: Int32 = 0) {
        self.seconds = seconds
        self.nanoseconds = nanoseconds
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { (lhs.seconds, lhs.nanoseconds) < (rhs.seconds, rhs.nanoseconds) }
}

/// A commit that reached the remote.
public struct GitPushResult: Hashable, Sendable {
    /// The pushed commit; `status.lastPushCommit` is its ``GitRevision/hash``.
    public var commit: GitRevision
    /// The branch pushed to.
    public var branch: String
    /// The extra refspecs pushed (UA-33).
    public var refspecs: [String]
    /// `status.lastPushTime`.
    public var time: GitTimestamp
    /// The commit message.
    public var message: String
    /// How many push attempts it took (more than 1 when the branch moved and the update was re-applied).
    public var attempts: Int

    /// Creates a push result.
    public init(commit: GitRevision, branch: String, refspecs: [String], time: GitTimestamp, message: String, attempts: Int) {
        self.commit = commit
        self.branch = branch
        self.refspecs = refspecs
        self.time = time
        self.message = message
        self.attempts = attempts
    }

    /// Flux's event text (UA-61): `pushed commit '<7>' to branch '<b>'[ and refspecs '<r>']`, a newline, the message.
    public var summary: String {
        var text = "pushed commit '\(String(commit.hash.prefix(7)))' to branch '\(branch)'"
        if !refspecs.isEmpty { text += " and refspecs '\(refspecs.joined(separator: "', '"))'" }
        if !message.isEmpty { text += "\n\(message)" }
        return text
    }
}

/// What a pass did.
public struct GitAutomationOutcome: Hashable, Sendable {
    /// The commit checked out (the checkout reference's, not the push branch's).
    public var checkout: GitRevision
    /// The push, when there was a commit to push.
    public var push: GitPushResult?
    /// The push branch differs from the checkout branch.
    public var switchedBranch: Bool
    /// The remote still pointed at the last observed revision, so nothing was cloned (UA-25).
    public var unchangedSinceLastRun: Bool
    /// The head of the push branch on the remote before the pass, when the push branch differs from the checkout
    /// branch and existed; `nil` otherwise.
    public var remotePushBranchHead: String?

    /// Creates an outcome.
    public init(
        checkout: GitRevision, push: GitPushResult?, switchedBranch: Bool, unchangedSinceLastRun: Bool = false, remotePushBranchHead: String? = nil
    ) {
        self.checkout = checkout
        self.push = push
        self.switchedBranch = switchedBranch
        self.unchangedSinceLastRun = unchangedSinceLastRun
        self.remotePushBranchHead = remotePushBranchHead
    }

    /// `status.observedSourceRevision` (UA-18): the pushed commit on its branch after a push to
    /// the checkout branch; otherwise the checkout commit.
    public var observedSourceRevision: String {
        if let push, !switchedBranch { return push.commit.description }
        return checkout.description
    }
}
