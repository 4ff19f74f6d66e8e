import FerryCore

extension AutomationPass {
    /// Lets the update change the tree, commits, and pushes per UA-31 to UA-33. When the push
    /// to the checkout branch is rejected because the branch moved, fetches the new head, resets
    /// the tree to it and runs the update again, up to ``GitAutomationJob/maxPushAttempts`` times.
    ///
    /// - Parameter unlessSameTreeAs: A rebuilt push branch's remote head: nothing is pushed when the new commit's tree is its tree.
    func commitAndPush(
        in directory: String, base: GitRevision, unlessSameTreeAs remoteHead: String? = nil, update: @Sendable (GitWorkingTree) async throws -> GitTreeUpdate
    ) async throws -> GitPushResult? {
        let plan = job.push
        var base = base
        var attempt = 1
        while true {
            let change = try await update(GitWorkingTree(path: directory, base: base, attempt: attempt))
            guard case .changed(let message) = change else { return nil }
            guard let commit = try await commit(in: directory, message: message) else { return nil }
            if let remoteHead, try await tree(of: remoteHead, in: directory) == (try await tree(of: "HEAD", in: directory)) {
                return nil
            }
            let outcome = try await push(plan.branchRefspec, from: directory, what: "branch '\(plan.branch)'")
            if case .rejected(let reason, let nonFastForward) = outcome {
                let retry = nonFastForward && !plan.switchesBranch && attempt < job.maxPushAttempts
                guard retry else {
                    throw GitError(
                        code: .pushRejected,
                        description: "pushing to branch '\(plan.branch)' of '\(shownURL)' was rejected: \(reason)"
                            + (nonFastForward ? " (the branch moved on; tried \(attempt) time\(attempt == 1 ? "" : "s"))" : ""),
                        isNonFastForward: nonFastForward
                    )
                }
                attempt += 1
                base = try await resetToRemoteHead(in: directory)
                continue
            }
            if let refspec = plan.refspec {
                if case .rejected(let reason, let nonFastForward) = try await push(refspec, from: directory, what: "refspec '\(refspec)'") {
                    throw GitError(
                        code: .pushRejected, description: "pushing refspec '\(refspec)' to '\(shownURL)' was rejected: \(reason)",
                        isNonFastForward: nonFastForward
                    )
                }
            }
            return GitPushResult(
                commit: GitRevision(reference: "refs/heads/\(plan.branch)", hash: commit), branch: plan.branch, refspecs: plan.pushedRefspecs,
                time: clock(), message: message, attempts: attempt
            )
        }
    }

    /// The tree `revision` points to.
    func tree(of revision: String, in directory: String) async throws -> String {
        try await session.gitChecked(["rev-parse", "--verify", "\(revision)^{tree}"], in: directory, operation: "resolving the tree of '\(revision)'")
            .trimmingSuffixNewlines
    }

    /// Stages every change and commits it; `nil` when nothing is staged (UA-27).
    func commit(in directory: String, message: String) async throws -> String? {
        try await session.gitChecked(["add", "--all"], in: directory, operation: "staging the changes")
        let staged = try await session.git(["diff", "--cached", "--quiet"], in: directory, operation: "looking for staged changes")
        if staged.status == 0 { return nil }
        guard staged.status == 1 else { throw GitFailure.classify(staged, operation: "looking for staged changes") }

        let author = job.commit
        let now = clock()
        let date = "@\(now.seconds) +0000"
        var environment = [
            "GIT_AUTHOR_NAME": author.authorName, "GIT_AUTHOR_EMAIL": author.authorEmail, "GIT_AUTHOR_DATE": date,
            "GIT_COMMITTER_NAME": author.authorName, "GIT_COMMITTER_EMAIL": author.authorEmail, "GIT_COMMITTER_DATE": date,
        ]
        var arguments: [String] = []
        var signArguments: [String] = []
        if let key = author.signing {
            let setup = try await session.prepareSigning(key)
            arguments += setup.configArguments
            environment.merge(setup.environment) { _, new in new }
            signArguments = ["--gpg-sign"]
        }
        arguments += ["commit", "--quiet", "--no-verify", "--cleanup=verbatim", "--allow-empty-message"] + signArguments + ["-F", "-"]
        let committed = try await session.git(
            arguments, in: directory, extraEnvironment: environment, input: Array(message.utf8), operation: "committing the changes"
        )
        guard committed.succeeded else {
            let error = GitFailure.classify(committed, operation: "committing the changes")
            if author.signing != nil && (error.code == .commandFailed || error.code == .signingFailed) {
                throw GitError(code: .signingFailed, description: error.description)
            }
            throw error
        }
        return try await resolve("HEAD", in: directory)
    }

    /// How a push went.
    enum PushOutcome: Sendable {
        case pushed
        case rejected(reason: String, nonFastForward: Bool)
    }

    /// `git push --porcelain` of one refspec with the push options; a rejection is returned, other failures thrown.
    func push(_ refspec: String, from directory: String, what: String) async throws -> PushOutcome {
        var arguments = ["push", "--porcelain", "--no-verify"]
        for option in job.push.options { arguments += ["--push-option", option] }
        arguments += [remote, refspec]
        let operation = "pushing \(what) to '\(shownURL)'"
        let output = try await session.git(arguments, in: directory, network: true, operation: operation)
        if output.succeeded { return .pushed }
        // Porcelain lines: `<flag>\t<from>:<to>\t<summary> (<reason>)`; `!` marks a rejected ref.
        let rejected = output.standardOutput.split(separator: "\n").filter { $0.hasPrefix("!") }
        guard let line = rejected.first else { throw GitFailure.classify(output, operation: operation) }
        let summary = line.split(separator: "\t").dropFirst(2).joined(separator: " ")
        // "fetch first" / "non-fast-forward": the branch moved before we pushed; "failed to update ref"
        // (cannot lock ref … but expected …): it moved while the server was taking our push.
        let nonFastForward = summary.contains("fetch first") || summary.contains("non-fast-forward")
            || (summary.contains("remote rejected") && (summary.contains("failed to update ref") || summary.contains("failed to lock")))
        let remoteSaid = GitFailure.summary(of: output.standardError, status: output.status)
        return .rejected(reason: session.redact(summary.isEmpty ? remoteSaid : "\(summary); \(remoteSaid)"), nonFastForward: nonFastForward)
    }

    /// After a rejected push to the checkout branch: fetch its new head and reset the tree to it.
    func resetToRemoteHead(in directory: String) async throws -> GitRevision {
        let branch = job.push.branch
        try await fetch(["+refs/heads/\(branch):refs/remotes/origin/\(branch)"], into: directory, shallow: job.shallow,
                        what: "the new head of branch '\(branch)'")
        try await session.gitChecked(
            ["checkout", "--quiet", "--force", "-B", branch, "refs/remotes/origin/\(branch)"], in: directory,
            operation: "resetting '\(branch)' to its new head"
        )
        try await session.gitChecked(["clean", "-ffdxq"], in: directory, operation: "cleaning the working tree")
        return GitRevision(reference: "refs/heads/\(branch)", hash: try await resolve("HEAD", in: directory))
    }
}
