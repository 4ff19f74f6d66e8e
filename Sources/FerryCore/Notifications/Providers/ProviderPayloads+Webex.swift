// webex: Flux's internal/notifier/webex.go; Webex Messages API, create a message
// (https://developer.webex.com/docs/api/v1/messages/create-a-message): markdown to a room, bot token as Bearer.
extension ProviderPayloads {
    static func webex(_ event: FluxEvent, _ settings: ProviderSettings) throws(NotificationBuildError) -> NotificationRequest {
        let url = try address(settings)
        var markdown = "\(event.severity == .error ? "💣" : "✅") **\(objectTitle(event))**\n\(event.message)\n"
        for pair in sortedMetadata(event) { markdown += ">**\(pair.key)**: \(pair.value)\n" }
        var members: [(String, GoJSON)] = []
        if !settings.channel.isEmpty { members.append(("roomId", .string(settings.channel))) }
        members.append(("markdown", .string(markdown)))
        return .json(.fields(members), to: url, headers: [("Authorization", "Bearer " + settings.token)])
    }
}
