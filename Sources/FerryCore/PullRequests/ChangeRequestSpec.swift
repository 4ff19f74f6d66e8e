/// One pull (or merge) request to open or update: the input of ``ChangeRequestPublisher``.
///
/// Its ``description`` shows the forge, repository and branches, never the credentials.
public struct ChangeRequestSpec: Sendable, Hashable, CustomStringConvertible {
    /// The forge.
    public var forge: ForgeKind
    /// The API's base URL (``ForgeEndpoint/apiBaseURL``).
    public var apiBaseURL: WebAddress
    /// The repository as the forge names it: `owner/name`, or GitLab's `group/sub/project`.
    public var repository: String
    /// The branch with the changes (the push branch).
    public var sourceBranch: String
    /// The branch to merge into (the checkout branch).
    public var targetBranch: String
    /// The title, one line.
    public var title: String
    /// The description.
    public var body: String
    /// Labels to add (existing labels are kept). Bitbucket has none.
    public var labels: [String]
    /// Reviewers to request when the request is created.
    public var reviewers: [String]
    /// Whether to open it as a draft.
    public var draft: Bool
    /// The auto-merge method, or `nil` for none.
    public var autoMerge: AutoMergeMethod?
    /// The API credentials.
    public var credentials: ForgeCredentials
    /// PEM certificates to trust for a self-hosted forge, added to the system's; `nil` for the system's only.
    public var certificateAuthority: [UInt8]?
    /// The most the whole publication may take.
    public var timeout: Duration

    /// Creates a spec.
    public init(
        forge: ForgeKind, apiBaseURL: WebAddress, repository: String, sourceBranch: String, targetBranch: String, title: String,
        body: String = "", labels: [String] = [], reviewers: [String] = [], draft: Bool = false, autoMerge: AutoMergeMethod? = nil,
        credentials: ForgeCredentials, certificateAuthority: [UInt8]? = nil, timeout: Duration = .seconds(60)
    ) {
        self.forge = forge
        self.apiBaseURL = apiBaseURL
        self.repository = repository
        self.sourceBranch = sourceBranch
        self.targetBranch = targetBranch
        self.title = title
        self.body = body
        self.labels = labels
        self.reviewers = reviewers
        self.draft = draft
        self.autoMerge = autoMerge
        self.credentials = credentials
        self.certificateAuthority = certificateAuthority
        self.timeout = timeout
    }

    /// `GitHub org/fleet ferry/podinfo → main`.
    public var description: String { "\(forge) \(repository) \(sourceBranch) → \(targetBranch)" }
}
