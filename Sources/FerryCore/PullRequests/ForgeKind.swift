/// The Git hosting services Ferry opens pull requests on, each through its own REST API.
public enum ForgeKind: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// GitHub (github.com and GitHub Enterprise Server): REST v3, auto-merge through GraphQL.
    case github
    /// GitLab (gitlab.com and self-managed): REST v4 merge requests.
    case gitlab
    /// Gitea and Forgejo (codeberg.org, gitea.com and self-hosted): API v1.
    case gitea
    /// Bitbucket Cloud (bitbucket.org): REST 2.0.
    case bitbucket

    /// Reads a provider name as the `ferry.dev/pull-request-provider` annotation writes it:
    /// `github`, `gitlab`, `gitea`, `forgejo` (the same API as Gitea) or `bitbucket`, in any case.
    public init?(name: String) {
        switch name.lowercased() {
        case "github": self = .github
        case "gitlab": self = .gitlab
        case "gitea", "forgejo": self = .gitea
        case "bitbucket": self = .bitbucket
        default: return nil
        }
    }

    /// The service's name for messages: `GitHub`, `GitLab`, `Gitea`, `Bitbucket`.
    public var description: String {
        switch self {
        case .github: "GitHub"
        case .gitlab: "GitLab"
        case .gitea: "Gitea"
        case .bitbucket: "Bitbucket"
        }
    }

    /// What the service calls the object: `pull request`, or `merge request` on GitLab.
    public var requestNoun: String { self == .gitlab ? "merge request" : "pull request" }
}

/// How an auto-merge combines the branch into the target (`ferry.dev/pull-request-auto-merge`).
public enum AutoMergeMethod: String, Sendable, Hashable, CaseIterable {
    /// A merge commit.
    case merge
    /// One squashed commit.
    case squash
    /// The commits rebased onto the target.
    case rebase
}
