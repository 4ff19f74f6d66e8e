/// One pull request ready to publish, with what the settings asked for that this forge cannot do.
public struct PullRequestPlan: Sendable, Hashable {
    /// What to publish.
    public var spec: ChangeRequestSpec
    /// Warnings (settings the forge ignores), each a sentence naming the annotation.
    public var warnings: [String]

    /// Creates a plan.
    public init(spec: ChangeRequestSpec, warnings: [String] = []) {
        self.spec = spec
        self.warnings = warnings
    }
}

/// Builds the ``ChangeRequestSpec`` of one branch's pull request from the automation's settings,
/// the commit message and the same data the commit message template saw.
///
/// ```swift
/// let endpoint = try PullRequestPlanner.endpoint(for: gitRepository, settings: settings)
/// for group in try PullRequestBranches.group(…) {
///     // … run the Git job for group.branch, applying group.policies only …
///     let data = CommitTemplateData(automationNamespace: ns, automationName: name,
///                                   result: result.restricted(to: group.policies), values: values, policies: group.policies)
///     let plan = try PullRequestPlanner.plan(settings: settings, endpoint: endpoint, sourceBranch: group.branch,
///                                            targetBranch: checkoutBranch, commitMessage: message, data: data,
///                                            credentials: credentials)
///     let result = try await publisher.publish(plan.spec)
/// }
/// ```
public enum PullRequestPlanner {
    /// The longest title Ferry sends, in characters (GitLab and Bitbucket take 255).
    public static let maximumTitleLength = 255
    /// The longest description Ferry sends, in characters (GitHub takes 65,536).
    public static let maximumBodyLength = 60_000
    /// What ends a description Ferry had to shorten.
    public static let truncationNote = "\n\n… (shortened by Ferry)"

    /// The forge endpoint of `repository` with the settings' overrides (``ForgeEndpoint/init(repositoryURL:kind:apiBaseURL:repository:)``).
    public static func endpoint(for repository: GitRepository, settings: PullRequestSettings) throws(SpecError) -> ForgeEndpoint {
        try ForgeEndpoint(repositoryURL: repository.spec.url, kind: settings.provider, apiBaseURL: settings.apiURL, repository: settings.repository)
    }

    /// The title and description: the templates rendered against `data`, or the commit message's
    /// first line and the rest of it. The title is one line (at most ``maximumTitleLength`` characters,
    /// Flux's default commit message when empty); the description is trimmed and shortened past
    /// ``maximumBodyLength``.
    public static func texts(
        settings: PullRequestSettings, commitMessage: String, data: CommitTemplateData, limits: TemplateLimits = .default
    ) throws(SpecError) -> (title: String, body: String) {
        let value = data.templateValue
        func render(_ template: Template, key: String) throws(SpecError) -> String {
            do throws(TemplateError) {
                return try template.render(value, limits: limits)
            } catch {
                throw SpecError(field: PullRequestAnnotations.field(key), value: template.text, problem: error.description)
            }
        }
        let lines = commitMessage.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
        let rawTitle = try settings.title.map { template throws(SpecError) in try render(template, key: PullRequestAnnotations.title) }
            ?? String(lines.first ?? "")
        var title = String(rawTitle.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).first ?? "").trimmingASCIIWhitespace()
        if title.isEmpty { title = CommitMessage.defaultTemplate }
        if title.count > maximumTitleLength { title = String(title.prefix(maximumTitleLength - 1)) + "…" }
        let rawBody = try settings.body.map { template throws(SpecError) in try render(template, key: PullRequestAnnotations.body) }
            ?? (lines.count > 1 ? String(lines[1]) : "")
        var body = rawBody.trimmingASCIIWhitespace()
        if body.count > maximumBodyLength { body = String(body.prefix(maximumBodyLength - truncationNote.count)) + truncationNote }
        return (title, body)
    }

    /// The plan of one pull request.
    ///
    /// - Parameters:
    ///   - settings: The automation's pull-request settings.
    ///   - endpoint: Where the repository is (``endpoint(for:settings:)``).
    ///   - sourceBranch: The push branch (a ``PullRequestBranchGroup/branch``).
    ///   - targetBranch: The checkout branch.
    ///   - commitMessage: The rendered commit message of this branch's commit.
    ///   - data: The commit message's data, restricted to this branch's policies.
    ///   - credentials: The API credentials.
    ///   - certificateAuthority: Extra PEM roots for a self-hosted forge.
    ///   - timeout: The publication's limit (the GitRepository's `spec.timeout`).
    ///   - limits: Bounds on the template rendering.
    /// - Throws: ``SpecError`` naming the annotation: a template that fails, the same source and target branch, a
    ///   reviewer the forge cannot name that way, auto-merge where the forge's API has none, rebase on GitLab.
    public static func plan(
        settings: PullRequestSettings, endpoint: ForgeEndpoint, sourceBranch: String, targetBranch: String, commitMessage: String,
        data: CommitTemplateData, credentials: ForgeCredentials, certificateAuthority: [UInt8]? = nil, timeout: Duration = .seconds(60),
        limits: TemplateLimits = .default
    ) throws(SpecError) -> PullRequestPlan {
        typealias Keys = PullRequestAnnotations
        if sourceBranch == targetBranch || sourceBranch.isEmpty {
            throw SpecError(
                field: "spec.git.push.branch", value: sourceBranch,
                problem: "must differ from the checkout branch \(targetBranch): a pull request merges one branch into another")
        }
        var warnings: [String] = []
        for reviewer in settings.reviewers where !isValidReviewer(reviewer, on: endpoint.kind) {
            throw SpecError(field: Keys.field(Keys.reviewers), value: reviewer, problem: reviewerRule(endpoint.kind))
        }
        var labels = settings.labels
        if endpoint.kind == .bitbucket, !labels.isEmpty {
            warnings.append("\(Keys.field(Keys.labels)) is ignored: Bitbucket pull requests have no labels")
            labels = []
        }
        if let method = settings.autoMerge {
            if endpoint.kind == .bitbucket {
                throw SpecError(
                    field: Keys.field(Keys.autoMerge), value: method.rawValue,
                    problem: "cannot be used with Bitbucket: its REST API cannot schedule a merge for when the builds pass")
            }
            if endpoint.kind == .gitlab, method == .rebase {
                throw SpecError(
                    field: Keys.field(Keys.autoMerge), value: method.rawValue,
                    problem: "cannot be used with GitLab, where fast-forward and rebase merges are a project setting (use merge or squash)")
            }
        }
        let (title, body) = try texts(settings: settings, commitMessage: commitMessage, data: data, limits: limits)
        let spec = ChangeRequestSpec(
            forge: endpoint.kind, apiBaseURL: endpoint.apiBaseURL, repository: endpoint.repository, sourceBranch: sourceBranch,
            targetBranch: targetBranch, title: title, body: body, labels: labels, reviewers: settings.reviewers, draft: settings.draft,
            autoMerge: settings.autoMerge, credentials: credentials, certificateAuthority: certificateAuthority, timeout: timeout)
        return PullRequestPlan(spec: spec, warnings: warnings)
    }

    /// Whether `reviewer` is a name `forge` takes: GitHub logins or `org/team`; GitLab user names;
    /// Gitea user names or `org/team`; Bitbucket `{UUID}`s or account ids.
    public static func isValidReviewer(_ reviewer: String, on forge: ForgeKind) -> Bool {
        func name(_ text: Substring, extra: String) -> Bool {
            !text.isEmpty && text.unicodeScalars.allSatisfy { scalar in
                ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) || extra.unicodeScalars.contains(scalar)
            }
        }
        let parts = reviewer.split(separator: "/", omittingEmptySubsequences: false)
        switch forge {
        case .github, .gitea:
            return (parts.count == 1 || parts.count == 2) && parts.allSatisfy { name($0, extra: "-_.") }
        case .gitlab:
            return parts.count == 1 && name(parts[0], extra: "-_.")
        case .bitbucket:
            if reviewer.hasPrefix("{") && reviewer.hasSuffix("}") {
                return name(reviewer.dropFirst().dropLast(), extra: "-")
            }
            return parts.count == 1 && name(parts[0], extra: "-_:")
        }
    }

    private static func reviewerRule(_ forge: ForgeKind) -> String {
        switch forge {
        case .github: "is not a GitHub login or org/team slug"
        case .gitea: "is not a Gitea user name or org/team name"
        case .gitlab: "is not a GitLab user name (GitLab has no team reviewers)"
        case .bitbucket: "is not a Bitbucket account UUID ({…}) or account id (Bitbucket's API does not take user names)"
        }
    }
}
