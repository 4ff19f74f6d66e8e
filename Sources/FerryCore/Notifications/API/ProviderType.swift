/// A Provider's `spec.type` (`notification.toolkit.fluxcd.io/v1beta3` enum).
public struct ProviderType: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
    /// The type as written.
    public let rawValue: String

    /// Wraps a type name (validation against ``allowed`` happens in ``Provider/validate()``).
    public init(rawValue: String) { self.rawValue = rawValue }

    public init(from decoder: any Decoder) throws { rawValue = try decoder.singleValueContainer().decode(String.self) }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }

    /// `generic`.
    public static let generic = Self(rawValue: "generic")
    /// `generic-hmac`.
    public static let genericHMAC = Self(rawValue: "generic-hmac")
    /// `slack`.
    public static let slack = Self(rawValue: "slack")
    /// `discord`.
    public static let discord = Self(rawValue: "discord")
    /// `msteams`.
    public static let msteams = Self(rawValue: "msteams")
    /// `rocket`.
    public static let rocket = Self(rawValue: "rocket")
    /// `googlechat`.
    public static let googlechat = Self(rawValue: "googlechat")
    /// `googlepubsub`.
    public static let googlepubsub = Self(rawValue: "googlepubsub")
    /// `webex`.
    public static let webex = Self(rawValue: "webex")
    /// `sentry`.
    public static let sentry = Self(rawValue: "sentry")
    /// `azureeventhub`.
    public static let azureeventhub = Self(rawValue: "azureeventhub")
    /// `telegram`.
    public static let telegram = Self(rawValue: "telegram")
    /// `lark`.
    public static let lark = Self(rawValue: "lark")
    /// `matrix`.
    public static let matrix = Self(rawValue: "matrix")
    /// `opsgenie`.
    public static let opsgenie = Self(rawValue: "opsgenie")
    /// `alertmanager`.
    public static let alertmanager = Self(rawValue: "alertmanager")
    /// `grafana`.
    public static let grafana = Self(rawValue: "grafana")
    /// `githubdispatch`.
    public static let githubdispatch = Self(rawValue: "githubdispatch")
    /// `pagerduty`.
    public static let pagerduty = Self(rawValue: "pagerduty")
    /// `datadog`.
    public static let datadog = Self(rawValue: "datadog")
    /// `nats`.
    public static let nats = Self(rawValue: "nats")
    /// `zulip`.
    public static let zulip = Self(rawValue: "zulip")
    /// `otel`.
    public static let otel = Self(rawValue: "otel")
    /// `github`.
    public static let github = Self(rawValue: "github")
    /// `gitlab`.
    public static let gitlab = Self(rawValue: "gitlab")
    /// `gitea`.
    public static let gitea = Self(rawValue: "gitea")
    /// `bitbucketserver`.
    public static let bitbucketserver = Self(rawValue: "bitbucketserver")
    /// `bitbucket`.
    public static let bitbucket = Self(rawValue: "bitbucket")
    /// `azuredevops`.
    public static let azuredevops = Self(rawValue: "azuredevops")
    /// `githubpullrequestcomment`.
    public static let githubpullrequestcomment = Self(rawValue: "githubpullrequestcomment")
    /// `gitlabmergerequestcomment`.
    public static let gitlabmergerequestcomment = Self(rawValue: "gitlabmergerequestcomment")
    /// `giteapullrequestcomment`.
    public static let giteapullrequestcomment = Self(rawValue: "giteapullrequestcomment")

    /// Every type the v1beta3 CRD accepts.
    public static let allowed: [ProviderType] = [
        .slack, .discord, .msteams, .rocket, .generic, .genericHMAC, .github, .gitlab, .gitea, .bitbucketserver, .bitbucket, .azuredevops,
        .googlechat, .googlepubsub, .webex, .sentry, .azureeventhub, .telegram, .lark, .matrix, .opsgenie, .alertmanager, .grafana,
        .githubdispatch, .pagerduty, .datadog, .nats, .zulip, .otel, .githubpullrequestcomment, .gitlabmergerequestcomment,
        .giteapullrequestcomment,
    ]

    /// The types Ferry delivers to (HTTP providers whose payloads it builds).
    public static let delivered: [ProviderType] = [
        .generic, .genericHMAC, .slack, .discord, .msteams, .rocket, .googlechat, .webex, .telegram, .lark, .matrix, .opsgenie,
        .alertmanager, .grafana, .pagerduty, .github, .gitlab, .gitea, .bitbucket, .azuredevops,
    ]

    /// Whether the type sets Git commit statuses (N-16).
    public var isCommitStatus: Bool { [.github, .gitlab, .gitea, .bitbucketserver, .bitbucket, .azuredevops].contains(self) }

    /// Whether the type comments on pull or merge requests.
    public var isChangeRequestComment: Bool {
        [.githubpullrequestcomment, .gitlabmergerequestcomment, .giteapullrequestcomment].contains(self)
    }

    /// Whether Ferry can deliver to this type.
    public var isDelivered: Bool { ProviderType.delivered.contains(self) }
}
