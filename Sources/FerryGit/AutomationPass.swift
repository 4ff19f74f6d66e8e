import FerryCore

/// One run of ``GitCommandLineWorkspace``: list (when needed), fetch, check out, hand the tree
/// to the update, then commit and push (``AutomationPass+Push.swift``).
struct AutomationPass: Sendable {
    let job: GitAutomationJob
    let session: GitSession
    let clock: @Sendable () -> GitTimestamp

    /// The URL as messages show it.
    var shownURL: String { job.source.url.withoutCredentials }
    /// The URL as git is given it.
    var remote: String { session.remoteURL }

    func run(
        in directory: String, cached: Bool, update: @Sendable (GitWorkingTree) async throws -> GitTreeUpdate
    ) async throws -> GitAutomationOutcome {
        let strategy = job.source.strategy
        let plan = job.push
        var listing: [String: String] = [:]
        let shortcutRef: String? = {
            guard job.lastObservedRevision != nil, !plan.requiresFullSync else { return nil }
            switch strategy {
            case .branch, .tag, .name: return strategy.referenceName
            case .semver, .commit: return nil
            }
        }()
        var patterns: [String] = []
        if case .semver = strategy { patterns.append("refs/tags/*") }
        if plan.switchesBranch { patterns.append("refs/heads/\(plan.branch)") }
        if let shortcutRef {
            patterns.append(shortcutRef)
            if shortcutRef.hasPrefix("refs/tags/") { patterns.append(shortcutRef + "^{}") }
        }
        if !patterns.isEmpty { listing = try await listRemote(patterns) }

        if let shortcutRef, let last = job.lastObservedRevision, let hash = listing[shortcutRef] {
            let revision = GitRevision(reference: shortcutRef, hash: hash)
            if revision.description == last {
                return GitAutomationOutcome(checkout: revision, push: nil, switchedBranch: plan.switchesBranch, unchangedSinceLastRun: true)
            }
        }

        try await prepareRepository(directory, cached: cached)
        let checkout = try await fetchCheckout(strategy, into: directory, listing: listing)
        // A rebuild starts the push branch afresh from the checkout (the force push replaces it), and pushes only a
        // tree that differs from the remote push branch's.
        let pushBranchOnRemote = plan.switchesBranch && listing["refs/heads/\(plan.branch)"] != nil
        let pushBranchExists = pushBranchOnRemote && !job.rebuildPushBranch
        if pushBranchOnRemote {
            try await fetch(["+refs/heads/\(plan.branch):refs/remotes/origin/\(plan.branch)"], into: directory, shallow: job.shallow,
                            what: "the push branch '\(plan.branch)'")
        }
        try await applySparseCheckout(in: directory)
        let base = try await checkOut(checkout, in: directory, pushBranchExists: pushBranchExists, cached: cached)
        let compare = job.rebuildPushBranch && pushBranchOnRemote ? "refs/remotes/origin/\(plan.branch)" : nil
        let push = try await commitAndPush(in: directory, base: base, unlessSameTreeAs: compare, update: update)
        return GitAutomationOutcome(
            checkout: checkout.revision, push: push, switchedBranch: plan.switchesBranch,
            remotePushBranchHead: plan.switchesBranch ? listing["refs/heads/\(plan.branch)"] : nil)
    }

    /// Deletes the push branch on the remote while it still points at `expectedHead`
    /// (`git push --force-with-lease=refs/heads/B:HEAD REMOTE :refs/heads/B` from an empty repository).
    func deleteBranch(in directory: String, expectedHead: String) async throws -> Bool {
        let branch = job.push.branch
        LocalFiles.removeTree(directory)
        try LocalFiles.makeDirectories(directory)
        try await session.gitChecked(["init", "--quiet", directory], in: session.root, operation: "creating a repository")
        let listed = try await listRemote(["refs/heads/\(branch)"])
        guard listed["refs/heads/\(branch)"] == expectedHead else { return false }
        let reference = "refs/heads/\(branch)"
        let output = try await session.git(
            ["push", "--porcelain", "--no-verify", "--force-with-lease=\(reference):\(expectedHead)", remote, ":\(reference)"], in: directory,
            network: true, operation: "deleting branch '\(branch)' of '\(shownURL)'")
        if output.succeeded { return true }
        let rejected = output.standardOutput.split(separator: "\n").first { $0.hasPrefix("!") }
        if let rejected, rejected.contains("stale info") { return false }
        throw GitFailure.classify(output, operation: "deleting branch '\(branch)' of '\(shownURL)'")
    }

    /// `git ls-remote` for the patterns; tags map to the commit they peel to.
    func listRemote(_ patterns: [String]) async throws -> [String: String] {
        let output = try await session.gitChecked(
            ["ls-remote", remote] + patterns, in: session.root, network: true, operation: "listing references of '\(shownURL)'"
        )
        var references: [String: String] = [:]
        for line in output.split(separator: "\n") {
            let fields = line.split(separator: "\t", maxSplits: 1)
            guard fields.count == 2 else { continue }
            let name = String(fields[1])
            if name.hasSuffix("^{}") {
                references[String(name.dropLast(3))] = String(fields[0])
            } else if references[name] == nil || !name.hasPrefix("refs/tags/") {
                references[name] = String(fields[0])
            }
        }
        return references
    }

    /// Makes `directory` a usable repository: reuses a cached one (clearing stale lock files,
    /// which no other run can own while the cache lock is held), or creates a new one.
    func prepareRepository(_ directory: String, cached: Bool) async throws {
        if cached && LocalFiles.isDirectory("\(directory)/.git") {
            for lock in ["index.lock", "HEAD.lock", "shallow.lock", "config.lock", "packed-refs.lock"] {
                LocalFiles.removeTree("\(directory)/.git/\(lock)")
            }
            let check = try await session.git(["rev-parse", "--git-dir"], in: directory, operation: "opening the cached clone")
            if check.succeeded { return }
        }
        LocalFiles.removeTree(directory)
        try LocalFiles.makeDirectories(directory)
        try await session.gitChecked(["init", "--quiet", directory], in: session.root, operation: "creating a repository")
        for (key, value) in [("core.untrackedCache", "true"), ("index.version", "4"), ("gc.auto", cached ? "6700" : "0")] {
            try await session.gitChecked(["config", key, value], in: directory, operation: "configuring the repository")
        }
    }

    /// Fetches refspecs from the remote.
    ///
    /// Shallow fetches use depth 1 the first time a reference is fetched into a repository; once
    /// it has the reference (a cached clone, or the re-fetch after a rejected push) the fetch is
    /// incremental instead, so the clone keeps one shallow boundary: every `--depth=1` fetch would
    /// add one more, and each one makes later fetches and pushes walk another full tree.
    func fetch(_ refspecs: [String], into directory: String, shallow: Bool, what: String) async throws {
        var arguments = ["fetch", "--quiet", "--no-tags", "--no-write-fetch-head", "--no-auto-gc", "--no-recurse-submodules"]
        let destinations = refspecs.compactMap { $0.split(separator: ":", maxSplits: 1).last.map(String.init) }
        let incremental = destinations.count == refspecs.count && destinations.allSatisfy { hasLocalReference($0, in: directory) }
        if shallow {
            if !incremental { arguments.append("--depth=1") }
        } else if LocalFiles.exists("\(directory)/.git/shallow") {
            arguments.append("--unshallow")
        }
        arguments.append(remote)
        arguments += refspecs
        try await session.gitChecked(arguments, in: directory, network: true, operation: "fetching \(what) from '\(shownURL)'")
    }

    /// Whether the repository has a reference (loose, or in `packed-refs`), without running git.
    func hasLocalReference(_ name: String, in directory: String) -> Bool {
        guard name.hasPrefix("refs/"), !name.contains("*") else { return false }
        if LocalFiles.exists("\(directory)/.git/\(name)") { return true }
        guard let packed = LocalFiles.readFile("\(directory)/.git/packed-refs", limit: 64 << 20) else { return false }
        return String(decoding: packed, as: UTF8.self).split(separator: "\n").contains { $0.hasSuffix(" " + name) }
    }

    /// The commit to check out and how it was reached.
    struct Checkout: Sendable {
        var revision: GitRevision
        /// The local branch to create at it (branch checkouts), or `nil` for a detached `HEAD`.
        var localBranch: String?
    }

    /// Fetches what the strategy names and resolves it to a commit.
    func fetchCheckout(_ strategy: GitCheckoutStrategy, into directory: String, listing: [String: String]) async throws -> Checkout {
        switch strategy {
        case .branch(let branch):
            try await fetch(["+refs/heads/\(branch):refs/remotes/origin/\(branch)"], into: directory, shallow: job.shallow,
                            what: "branch '\(branch)'")
            let hash = try await resolve("refs/remotes/origin/\(branch)", in: directory)
            return Checkout(revision: GitRevision(reference: "refs/heads/\(branch)", hash: hash), localBranch: branch)
        case .tag(let tag):
            try await fetch(["+refs/tags/\(tag):refs/tags/\(tag)"], into: directory, shallow: job.shallow, what: "tag '\(tag)'")
            let hash = try await resolve("refs/tags/\(tag)", in: directory)
            return Checkout(revision: GitRevision(reference: "refs/tags/\(tag)", hash: hash), localBranch: nil)
        case .name(let name):
            try await fetch(["+\(name):refs/ferry/checkout"], into: directory, shallow: job.shallow, what: "reference '\(name)'")
            let hash = try await resolve("refs/ferry/checkout", in: directory)
            return Checkout(revision: GitRevision(reference: name, hash: hash), localBranch: nil)
        case .semver(let text):
            let tag = try await selectSemVerTag(text, listing: listing, in: directory)
            let hash = try await resolve("refs/tags/\(tag)", in: directory)
            return Checkout(revision: GitRevision(reference: "refs/tags/\(tag)", hash: hash), localBranch: nil)
        case .commit(let commit, let branch):
            let refspec = branch.map { "+refs/heads/\($0):refs/remotes/origin/\($0)" } ?? "+refs/heads/*:refs/remotes/origin/*"
            try await fetch([refspec], into: directory, shallow: false, what: branch.map { "branch '\($0)'" } ?? "all branches")
            let found = try await session.git(
                ["rev-parse", "--verify", "--quiet", "\(commit)^{commit}"], in: directory, operation: "resolving commit '\(commit)'"
            )
            let hash = found.standardOutput.trimmingSuffixNewlines
            guard found.succeeded, hash.lowercased().hasPrefix(commit.lowercased()) else {
                throw GitError(code: .referenceNotFound, description: "unable to resolve commit object for '\(commit)': object not found")
            }
            return Checkout(revision: GitRevision(reference: branch.map { "refs/heads/\($0)" } ?? "", hash: hash), localBranch: branch)
        }
    }

    /// Picks the tag for a semver checkout from the listing, fetching the tied candidates to compare their commit times.
    func selectSemVerTag(_ text: String, listing: [String: String], in directory: String) async throws -> String {
        let range = try GitTagSelection.range(text)
        let tags = listing.keys.filter { $0.hasPrefix("refs/tags/") }.map { String($0.dropFirst("refs/tags/".count)) }.sorted()
        let tied = GitTagSelection.highest(of: tags, in: range)
        guard !tied.isEmpty else {
            throw GitError(code: .referenceNotFound, description: GitTagSelection.noMatchMessage(range: text))
        }
        try await fetch(tied.map { "+refs/tags/\($0):refs/tags/\($0)" }, into: directory, shallow: job.shallow,
                        what: tied.count == 1 ? "tag '\(tied[0])'" : "tags \(tied.map { "'\($0)'" }.joined(separator: ", "))")
        if tied.count == 1 { return tied[0] }
        var candidates: [GitTagSelection.Candidate] = []
        for tag in tied {
            let time = try await session.gitChecked(
                ["show", "-s", "--format=%ct", "refs/tags/\(tag)^{commit}"], in: directory, operation: "reading the commit time of tag '\(tag)'"
            )
            candidates.append(GitTagSelection.Candidate(name: tag, commitTime: Int64(time.trimmingSuffixNewlines)))
        }
        guard let chosen = GitTagSelection.select(from: candidates, range: range) else {
            preconditionFailure("invariant: tied tags satisfy the range")
        }
        return chosen
    }

    /// The commit a revision expression names.
    func resolve(_ expression: String, in directory: String) async throws -> String {
        try await session.gitChecked(["rev-parse", "--verify", "\(expression)^{commit}"], in: directory, operation: "resolving '\(expression)'")
            .trimmingSuffixNewlines
    }

    /// Sets (or clears) the sparse checkout of `update.path` (Flux's `GitSparseCheckout`).
    func applySparseCheckout(in directory: String) async throws {
        let wanted = Self.sparseDirectory(job.sparsePath)
        let current = try await session.git(["config", "--get", "ferry.sparsePath"], in: directory, operation: "reading the sparse checkout")
        let previous = current.succeeded ? current.standardOutput.trimmingSuffixNewlines : nil
        guard wanted != previous else { return }
        if let wanted {
            try await session.gitChecked(["sparse-checkout", "set", "--cone", "--", wanted], in: directory, operation: "setting the sparse checkout")
            try await session.gitChecked(["config", "ferry.sparsePath", wanted], in: directory, operation: "recording the sparse checkout")
        } else {
            try await session.gitChecked(["sparse-checkout", "disable"], in: directory, operation: "clearing the sparse checkout")
            try await session.gitChecked(["config", "--unset", "ferry.sparsePath"], in: directory, operation: "recording the sparse checkout")
        }
    }

    /// `update.path` as a cone directory, or `nil` for the whole tree (`.`, empty, or a path that leaves the tree).
    static func sparseDirectory(_ path: String?) -> String? {
        guard let path else { return nil }
        let parts = path.split(separator: "/").filter { $0 != "." && !$0.isEmpty }
        if parts.isEmpty || parts.contains("..") { return nil }
        return parts.joined(separator: "/")
    }

    /// Checks out the commit (and the push branch when switching); returns what the tree holds.
    func checkOut(_ checkout: Checkout, in directory: String, pushBranchExists: Bool, cached: Bool) async throws -> GitRevision {
        let plan = job.push
        let hash = checkout.revision.hash
        if let branch = checkout.localBranch {
            try await session.gitChecked(["checkout", "--quiet", "--force", "-B", branch, hash], in: directory, operation: "checking out '\(branch)'")
        } else {
            try await session.gitChecked(["checkout", "--quiet", "--force", "--detach", hash], in: directory, operation: "checking out \(hash)")
        }
        if plan.switchesBranch {
            let start = pushBranchExists ? "refs/remotes/origin/\(plan.branch)" : "HEAD"
            try await session.gitChecked(
                ["checkout", "--quiet", "--force", "-B", plan.branch, start], in: directory,
                operation: "switching to the push branch '\(plan.branch)'"
            )
        }
        if cached {
            try await session.gitChecked(["clean", "-ffdxq"], in: directory, operation: "cleaning the cached working tree")
        }
        let head = try await resolve("HEAD", in: directory)
        return GitRevision(reference: "refs/heads/\(plan.switchesBranch ? plan.branch : checkout.localBranch ?? plan.branch)", hash: head)
    }
}

extension String {
    /// The text without trailing newlines (git's output lines).
    var trimmingSuffixNewlines: String {
        var text = Substring(self)
        while let last = text.last, last.isNewline { text = text.dropLast() }
        return String(text)
    }
}
