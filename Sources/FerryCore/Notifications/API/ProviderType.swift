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

    public static let generic = Self(rawValue: "generic")
    public static let genericHMAC = Self(rawValue: "generic-hmac")
    public static let slack = Self(rawValue: "slack")
    public static let discord = Self(rawValue: "discord")
    public static let msteams = Self(rawValue: "msteams")
    public static let rocket = Self(rawValue: "rocket")
    public static let googlechat = Self(rawValue: "googlechat")
    public static let googlepubsub = Self(rawValue: "googlepubsub")
    public static let webex = Self(rawValue: "webex")
    public static let sentry = Self(rawValue: "sentry")
    public static let azureeventhub = Self(rawValue: "azureeventhub")
    public static let telegram = Self(rawValue: "telegram")
    public static let lark = Self(rawValue: "lark")
    public static let matrix = Self(rawValue: "matrix")
    public static let opsgenie = Self(rawValue: "opsgenie")
    public static let alertmanager = Self(rawValue: "alertmanager")
    public static let grafana = Self(rawValue: "grafana")
    public static let githubdispatch = Self(rawValue: "githubdispatch")
    public static let pagerduty = Self(rawValue: "pagerduty")
    public static let datadog = Self(rawValue: "datadog")
    public static let nats = Self(rawValue: "nats")
    public static let zulip = Self(rawValue: "zulip")
    public static let otel = Self(rawValue: "otel")
    public static let github = Self(rawValue: "github")
    public static let gitlab = Self(rawValue: "gitlab")
    public static let gitea = Self(rawValue: "gitea")
    public static let bitbucketserver = Self(rawValue: "bitbucketserver")
    public static let bitbucket = Self(rawValue: "bitbucket")
    public static let azuredevops = Self(rawValue: "azuredevops")
    public static let githubpullrequestcomment = Self(rawValue: "githubpullrequestcomment")
    public static let gitlabmergerequestcomment = Self(rawValue: "gitlabmergerequestcomment")
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
