/// The annotation keys of Ferry's pull-request extension on an ImageUpdateAutomation. They are
/// annotations, not spec fields, so the object stays valid against Flux's own CRD and Flux
/// ignores them.
public enum PullRequestAnnotations {
    /// `ferry.dev/pull-request`: `"true"` turns pull requests on (`"false"`, or no annotation, leaves them off).
    public static let enabled = "ferry.dev/pull-request"
    /// `…-title`: a Go template for the title (default: the commit message's first line).
    public static let title = "ferry.dev/pull-request-title"
    /// `…-body`: a Go template for the description (default: the commit message after its first line).
    public static let body = "ferry.dev/pull-request-body"
    /// `…-labels`: comma-separated labels.
    public static let labels = "ferry.dev/pull-request-labels"
    /// `…-reviewers`: comma-separated user names (`org/team` for GitHub and Gitea teams; UUIDs or account ids on Bitbucket).
    public static let reviewers = "ferry.dev/pull-request-reviewers"
    /// `…-draft`: `"true"` opens drafts.
    public static let draft = "ferry.dev/pull-request-draft"
    /// `…-auto-merge`: `merge`, `squash` or `rebase` (`"false"` or empty: off).
    public static let autoMerge = "ferry.dev/pull-request-auto-merge"
    /// `…-branch-template`: a Go template rendered per policy, giving each its own branch and pull request.
    public static let branchTemplate = "ferry.dev/pull-request-branch-template"
    /// `…-provider`: `github`, `gitlab`, `gitea`, `forgejo` or `bitbucket`, for hosts Ferry does not know.
    public static let provider = "ferry.dev/pull-request-provider"
    /// `…-api-url`: the API's base URL, for self-hosted forges.
    public static let apiURL = "ferry.dev/pull-request-api-url"
    /// `…-repository`: the repository as the forge names it, when the URL's path is not it.
    public static let repository = "ferry.dev/pull-request-repository"
    /// `…-secret-ref`: a Secret in the automation's namespace with `token` (or `username` and `password`);
    /// without it, the GitRepository's `secretRef` is used.
    public static let secretRef = "ferry.dev/pull-request-secret-ref"

    /// Every key, for spotting misspelt ones.
    public static let all = [enabled, title, body, labels, reviewers, draft, autoMerge, branchTemplate, provider, apiURL, repository, secretRef]

    /// The field path errors name: `metadata.annotations[ferry.dev/pull-request-labels]`.
    public static func field(_ key: String) -> String { "metadata.annotations[\(key)]" }
}
