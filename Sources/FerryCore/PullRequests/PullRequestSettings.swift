/// An ImageUpdateAutomation's pull-request settings, read from its `ferry.dev/pull-request*`
/// annotations (``PullRequestAnnotations``) and checked, templates parsed.
///
/// ```yaml
/// metadata:
///   annotations:
///     ferry.dev/pull-request: "true"
///     ferry.dev/pull-request-title: "chore: update {{ range .Updated.Images }}{{ .ImageName }} to {{ .NewTag }} {{ end }}"
///     ferry.dev/pull-request-labels: automated, image-update
///     ferry.dev/pull-request-branch-template: "ferry/{{ .Policy.Name }}"
/// ```
public struct PullRequestSettings: Sendable {
    /// The title template, or `nil` for the commit message's first line.
    public var title: Template?
    /// The body template, or `nil` for the commit message after its first line.
    public var body: Template?
    /// Labels, de-duplicated, in the order written.
    public var labels: [String]
    /// Reviewers, de-duplicated, in the order written (a leading `@` removed).
    public var reviewers: [String]
    /// Whether the pull request opens as a draft.
    public var draft: Bool
    /// The auto-merge method, or `nil` for none.
    public var autoMerge: AutoMergeMethod?
    /// The branch template, or `nil` for `spec.git.push.branch` (one pull request for every policy).
    public var branchTemplate: Template?
    /// The forge, when given.
    public var provider: ForgeKind?
    /// The API base URL, when given.
    public var apiURL: String?
    /// The repository, when given.
    public var repository: String?
    /// The Secret with the forge's credentials, when given.
    public var secretRef: LocalObjectReference?

    /// Settings with nothing but defaults.
    public init(
        title: Template? = nil, body: Template? = nil, labels: [String] = [], reviewers: [String] = [], draft: Bool = false,
        autoMerge: AutoMergeMethod? = nil, branchTemplate: Template? = nil, provider: ForgeKind? = nil, apiURL: String? = nil,
        repository: String? = nil, secretRef: LocalObjectReference? = nil
    ) {
        self.title = title
        self.body = body
        self.labels = labels
        self.reviewers = reviewers
        self.draft = draft
        self.autoMerge = autoMerge
        self.branchTemplate = branchTemplate
        self.provider = provider
        self.apiURL = apiURL
        self.repository = repository
        self.secretRef = secretRef
    }

    /// The template names errors carry.
    public static let titleTemplateName = "pull request title"
    /// The body template's name.
    public static let bodyTemplateName = "pull request body"
    /// The branch template's name.
    public static let branchTemplateName = "pull request branch"
    /// The most labels or reviewers one annotation may list.
    public static let maximumListLength = 50
    /// The longest label, in characters (GitHub's limit).
    public static let maximumLabelLength = 50
}
