// slack, discord and rocket share Slack's message format: Flux's internal/notifier/slack.go, discord.go, rocket.go.
// Slack: https://api.slack.com/messaging/webhooks and https://api.slack.com/methods/chat.postMessage (attachments:
// https://api.slack.com/reference/messaging/attachments). Discord's Slack-compatible endpoint:
// https://discord.com/developers/docs/resources/webhook#execute-slackcompatible-webhook. Rocket.Chat incoming
// webhooks: https://docs.rocket.chat/use-rocket.chat/workspace-administration/integrations.
extension ProviderPayloads {
    /// The Slack chat.postMessage endpoint; Flux checks its JSON `ok` field.
    static let slackPostMessage = "https://slack.com/api/chat.postMessage"

    static func slack(_ event: FluxEvent, _ settings: ProviderSettings) throws(NotificationBuildError) -> NotificationRequest {
        let url = try address(settings)
        let payload = slackPayload(
            event, channel: settings.channel, username: settings.username.isEmpty ? event.reportingController : settings.username,
            color: event.severity == .error ? "danger" : "good")
        var headers: [(name: String, value: String)] = []
        if !settings.token.isEmpty { headers.append(("Authorization", "Bearer " + settings.token)) }
        let check: NotificationRequest.ResponseCheck = settings.address == slackPostMessage ? .slackAPI : .successStatus
        return .json(payload, to: url, headers: headers, responseCheck: check)
    }

    static func discord(_ event: FluxEvent, _ settings: ProviderSettings) throws(NotificationBuildError) -> NotificationRequest {
        var url = try address(settings)
        if !settings.address.hasSuffix("/slack") { url = url.withPath(joinPath(url.path, "slack"), query: url.query) }
        let payload = slackPayload(
            event, channel: settings.channel, username: settings.username.isEmpty ? event.reportingController : settings.username,
            color: event.severity == .error ? "danger" : "good")
        return .json(payload, to: url)
    }

    static func rocket(_ event: FluxEvent, _ settings: ProviderSettings) throws(NotificationBuildError) -> NotificationRequest {
        let url = try address(settings)
        let payload = slackPayload(event, channel: settings.channel, username: settings.username,
                                   color: event.severity == .error ? "#FF0000" : "#0076D7")
        return .json(payload, to: url)
    }

    /// Flux's `SlackPayload` with one attachment: `channel`, `username`, `icon_url`, `icon_emoji` always present,
    /// `text` omitted (empty), fields one per metadata key.
    static func slackPayload(_ event: FluxEvent, channel: String, username: String, color: String) -> GoJSON {
        let fields = sortedMetadata(event).map { pair in
            GoJSON.fields([("title", .string(pair.key)), ("value", .string(pair.value)), ("short", .bool(false))])
        }
        let attachment = GoJSON.fields([
            ("color", .string(color)), ("author_name", .string(objectTitle(event))), ("text", .string(event.message)),
            ("mrkdwn_in", .strings(["text"])), ("fields", .array(fields)),
        ])
        return .fields([
            ("channel", .string(channel)), ("username", .string(username)), ("icon_url", .string("")), ("icon_emoji", .string("")),
            ("attachments", .array([attachment])),
        ])
    }
}
