/// The Git reference to check out: source-controller's `GitRepositoryRef`, used both as
/// `GitRepository.spec.ref` and as `ImageUpdateAutomation.spec.git.checkout.ref` (UA-03).
///
/// Several fields may be set; ``strategy`` applies Flux's precedence
/// **commit > name > tag > semver > branch**, and an empty reference checks out `master`.
public struct GitCheckoutReference: Hashable, Sendable, Codable {
    /// `branch`: a branch name such as `main` or `feature/x`.
    public var branch: String
    /// `tag`: a tag name such as `v1.2.0`.
    public var tag: String
    /// `semver`: a Masterminds range; the highest matching tag is checked out.
    public var semver: String
    /// `name`: a full reference such as `refs/heads/x`, `refs/tags/v1` or `refs/pull/1/head`.
    public var name: String
    /// `commit`: a full commit hash; may be combined with `branch`.
    public var commit: String

    /// The branch Flux uses when no reference is given at all (`git.DefaultBranch`).
    public static let defaultBranch = "master"

    /// Creates a reference; empty fields are unset.
    public init(branch: String = "", tag: String = "", semver: String = "", name: String = "", commit: String = "") {
        self.branch = branch
        self.tag = tag
        self.semver = semver
        self.name = name
        self.commit = commit
    }

    /// The reference an automation checks out: its own `git.checkout.ref` when set, otherwise
    /// the GitRepository's `spec.ref`, otherwise none (so `master`).
    ///
    /// - Parameters:
    ///   - automation: `ImageUpdateAutomation.spec.git.checkout.ref`, when `checkout` is set.
    ///   - repository: `GitRepository.spec.ref`, when set.
    /// - Returns: The effective reference, or `nil` when neither is set.
    public static func effective(automation: GitCheckoutReference?, repository: GitCheckoutReference?) -> GitCheckoutReference? {
        automation ?? repository
    }

    /// What to check out, after Flux's precedence.
    public var strategy: GitCheckoutStrategy {
        if !commit.isEmpty { return .commit(commit, branch: branch.isEmpty ? nil : branch) }
        if !name.isEmpty { return .name(name) }
        if !tag.isEmpty { return .tag(tag) }
        if !semver.isEmpty { return .semver(semver) }
        return .branch(branch.isEmpty ? Self.defaultBranch : branch)
    }
}

/// What a checkout fetches and where `HEAD` ends up (fluxcd/pkg `gogit.Client.Clone`).
public enum GitCheckoutStrategy: Hashable, Sendable {
    /// The head of a branch (`refs/heads/<name>`).
    case branch(String)
    /// A tag (`refs/tags/<name>`), peeled to its commit.
    case tag(String)
    /// The highest tag whose version satisfies the range.
    case semver(String)
    /// A full reference name, e.g. `refs/pull/1/head`.
    case name(String)
    /// A commit, looked up in the given branch when one is set, else in every branch.
    case commit(String, branch: String?)

    /// The full reference name a revision string is built from (Flux's `Commit.Reference`), when
    /// the strategy names one before resolution. Semver's tag is known only after selection.
    public var referenceName: String? {
        switch self {
        case .branch(let name): return "refs/heads/\(name)"
        case .tag(let name): return "refs/tags/\(name)"
        case .name(let name): return name
        case .commit(_, let branch): return branch.map { "refs/heads/\($0)" }
        case .semver: return nil
        }
    }

    /// Whether a shallow clone can serve it. A commit checkout fetches full history, as Flux's does.
    public var allowsShallowFetch: Bool {
        if case .commit = self { return false }
        return true
    }
}
