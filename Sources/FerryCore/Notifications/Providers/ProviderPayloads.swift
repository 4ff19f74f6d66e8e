/// The per-provider payload builders: pure functions from an event (metadata already merged for the Alert) and a
/// provider's settings to the HTTP requests Flux's notifier for that type would send. One file per provider family
/// (`ProviderPayloads+Slack.swift`, …), each naming the API documentation and the Flux notifier it follows.
///
/// Where Flux ranges over a Go map (Slack fields, Teams legacy facts, Webex/Telegram/Matrix/Lark lines, Grafana
/// tags), Go's order is random; Ferry sorts by key so the same event always gives the same bytes.
public enum ProviderPayloads {
    /// The requests to send for `event`, in order; empty when the provider skips the event (PagerDuty and the
    /// commit-status types skip `Progressing` events).
    /// - Parameters:
    ///   - event: The event, with the Alert's merged metadata.
    ///   - settings: The provider's resolved settings.
    ///   - commitStatus: The commit-status id (commit-status types only; see ``CommitStatus``).
    /// - Throws: ``NotificationBuildError`` when the provider lacks what its type needs.
    public static func requests(for event: FluxEvent, settings: ProviderSettings, commitStatus: String = "") throws(NotificationBuildError)
        -> [NotificationRequest]
    {
        switch settings.type {
        case .generic: return [try generic(event, settings, signed: false)]
        case .genericHMAC: return [try generic(event, settings, signed: true)]
        case .slack: return [try slack(event, settings)]
        case .discord: return [try discord(event, settings)]
        case .rocket: return [try rocket(event, settings)]
        case .msteams: return [try msteams(event, settings)]
        case .googlechat: return [try googleChat(event, settings)]
        case .webex: return [try webex(event, settings)]
        case .telegram: return [try telegram(event, settings)]
        case .matrix: return [try matrix(event, settings)]
        case .lark: return [try lark(event, settings)]
        case .pagerduty: return try pagerDuty(event, settings)
        case .opsgenie: return [try opsgenie(event, settings)]
        case .alertmanager: return [try alertmanager(event, settings)]
        case .grafana: return [try grafana(event, settings)]
        case .github: return try gitHub(event, settings, commitStatus: commitStatus)
        case .gitlab: return try gitLab(event, settings, commitStatus: commitStatus)
        case .gitea: return try gitea(event, settings, commitStatus: commitStatus)
        case .bitbucket: return try bitbucket(event, settings, commitStatus: commitStatus)
        case .azuredevops: return try azureDevOps(event, settings, commitStatus: commitStatus)
        default:
            throw NotificationBuildError(provider: settings.description, reason: "provider type \(settings.type) is not supported by Ferry")
        }
    }

    // MARK: - Shared helpers

    /// `kind/name.namespace` with the kind lower-cased: the title most chat notifiers use.
    static func objectTitle(_ event: FluxEvent) -> String {
        "\(event.involvedObject.kind.lowercased())/\(event.involvedObject.name).\(event.involvedObject.namespace)"
    }

    /// Metadata pairs sorted by key.
    static func sortedMetadata(_ event: FluxEvent) -> [(key: String, value: String)] {
        event.metadata.keys.sorted(by: GoJSON.byteOrder).map { (key: $0, value: event.metadata[$0] ?? "") }
    }

    /// The provider's address as a URL, or a build error naming the provider (not the address, which may be secret).
    static func address(_ settings: ProviderSettings, what: String = "address") throws(NotificationBuildError) -> WebAddress {
        if settings.address.isEmpty { throw NotificationBuildError(provider: settings.description, reason: "the provider has no address") }
        guard let url = WebAddress(settings.address) else {
            throw NotificationBuildError(provider: settings.description, reason: "the \(what) is not a valid http(s) URL")
        }
        return url
    }

    static func fail(_ settings: ProviderSettings, _ reason: String) -> NotificationBuildError {
        NotificationBuildError(provider: settings.description, reason: reason)
    }

    /// `Authorization: Basic base64(user:password)`.
    static func basicAuthorization(_ username: String, _ password: String) -> (name: String, value: String) {
        ("Authorization", "Basic " + ByteEncoding.base64((username + ":" + password).utf8))
    }

    /// Go's `path.Join(base, element)` for URL paths: cleans `//`, `.` and `..`, keeps a leading `/`.
    static func joinPath(_ base: String, _ element: String) -> String {
        var parts: [Substring] = []
        for part in (base + "/" + element).split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                if !parts.isEmpty { parts.removeLast() }
                continue
            }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }
}
