/// `spec.git.push` of an ImageUpdateAutomation (UA-08 to UA-10).
public struct GitPushSpec: Hashable, Sendable {
    /// `branch`: where to push; inferred from the checkout branch when empty.
    public var branch: String
    /// `refspec`: an extra push target, e.g. `refs/heads/auto:refs/for/main`.
    public var refspec: String
    /// `options`: git push options (`-o key=value`, or `-o key` for an empty value), e.g. `merge_request.create`.
    public var options: [String: String]

    /// Creates a push spec.
    public init(branch: String = "", refspec: String = "", options: [String: String] = [:]) {
        self.branch = branch
        self.refspec = refspec
        self.options = options
    }
}

/// Where and how a commit is pushed, worked out before checkout as Flux's `configurePush` does
/// (UA-24, UA-31 to UA-33).
public struct GitPushPlan: Hashable, Sendable {
    /// The branch the commit goes to (`refs/heads/<branch>`).
    public var branch: String
    /// Whether ``branch`` differs from the checkout branch: the update is then computed on the
    /// remote push branch when it exists (else on the checkout), and the push is forced.
    public var switchesBranch: Bool
    /// Whether the push to ``branch`` is forced (`GitForcePushBranch` and ``switchesBranch``).
    /// A push to the checkout branch never is.
    public var forcesBranch: Bool
    /// The second push target, if any.
    public var refspec: String?
    /// Push options in key order, rendered as git's `-o` arguments expect (`key=value`, or `key` for an empty value).
    public var options: [String]

    /// Works out the push plan.
    ///
    /// - Parameters:
    ///   - push: `spec.git.push`, when set.
    ///   - checkout: The effective checkout reference (the automation's, else the GitRepository's), when set.
    ///   - forcePushBranch: Flux's `GitForcePushBranch` feature gate (on by default).
    /// - Throws: ``GitConfigurationError`` `push spec not provided, and cannot be inferred …` when no
    ///   push branch is set and the checkout reference has no branch.
    public init(push: GitPushSpec?, checkout: GitCheckoutReference?, forcePushBranch: Bool = true) throws(GitConfigurationError) {
        if let push, !push.branch.isEmpty {
            branch = push.branch
            switchesBranch = push.branch != (checkout.map(\.branch) ?? GitCheckoutReference.defaultBranch)
        } else {
            guard let checkout, !checkout.branch.isEmpty else { throw .pushBranchNotInferable }
            branch = checkout.branch
            switchesBranch = false
        }
        guard GitPushPlan.isValidBranchName(branch) else { throw .invalidBranchName(field: ".spec.git.push.branch", value: branch) }
        forcesBranch = forcePushBranch && switchesBranch
        refspec = push.flatMap { $0.refspec.isEmpty ? nil : $0.refspec }
        options = (push?.options ?? [:]).sorted { $0.key < $1.key }.map { $0.value.isEmpty ? $0.key : "\($0.key)=\($0.value)" }
    }

    /// Whether a full sync is forced, skipping the "nothing changed since last time" shortcut (UA-24).
    public var requiresFullSync: Bool { switchesBranch || refspec != nil }

    /// The refspec of the first push: `refs/heads/<branch>:refs/heads/<branch>`, `+`-prefixed when forced.
    public var branchRefspec: String {
        (forcesBranch ? "+" : "") + "refs/heads/\(branch):refs/heads/\(branch)"
    }

    /// The refspecs the summary names (UA-61).
    public var pushedRefspecs: [String] { refspec.map { [$0] } ?? [] }

    /// A conservative subset of `git check-ref-format --branch`: no empty or `.`-leading
    /// components, no `..`, `@{`, control characters, spaces or `~^:?*[\`, no trailing `/`, `.` or `.lock`.
    static func isValidBranchName(_ name: String) -> Bool {
        if name.isEmpty || name.hasPrefix("-") || name.hasSuffix("/") || name.hasSuffix(".") || name.hasSuffix(".lock") || name == "@" {
            return false
        }
        if name.contains("..") || name.contains("@{") || name.contains("//") { return false }
        for scalar in name.unicodeScalars {
            if scalar.value < 0x20 || scalar.value == 0x7F || " ~^:?*[\\".unicodeScalars.contains(scalar) { return false }
        }
        return !name.split(separator: "/").contains { $0.hasPrefix(".") || $0.hasSuffix(".lock") }
    }
}
