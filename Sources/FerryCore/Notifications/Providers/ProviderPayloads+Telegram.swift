// telegram: Flux's internal/notifier/telegram.go; Bot API sendMessage (https://core.telegram.org/bots/api#sendmessage)
// with MarkdownV2 escaping (https://core.telegram.org/bots/api#markdownv2-style). The address is ignored: Flux always
// posts to https://api.telegram.org/bot<token>/sendMessage. `channel` is `chat_id` or `chat_id:message_thread_id`.
extension ProviderPayloads {
    static let telegramAPI = "https://api.telegram.org"

    static func telegram(_ event: FluxEvent, _ settings: ProviderSettings) throws(NotificationBuildError) -> NotificationRequest {
        if settings.channel.isEmpty { throw fail(settings, "empty Telegram channel") }
        if settings.token.isEmpty { throw fail(settings, "empty Telegram token") }
        guard let base = settings.apiBaseOverride ?? WebAddress(telegramAPI) else { preconditionFailure("invariant: the Telegram API URL parses") }
        let url = base.withPath(joinPath(base.path, "bot" + settings.token + "/sendMessage"))
        let emoji = event.severity == .error ? "🚨" : "💫"
        let heading = "\(emoji) \(event.involvedObject.kind.lowercased())/\(event.involvedObject.name)/\(event.involvedObject.namespace)"
        var metadata = ""
        for pair in sortedMetadata(event) { metadata += "\\- *\(telegramEscaped(pair.key))*: \(telegramEscaped(pair.value))\n" }
        let text = "*\(telegramEscaped(heading))*\n\(telegramEscaped(event.message))\n\(metadata)"
        var chatID = settings.channel
        var thread: String?
        if let colon = settings.channel.firstIndex(of: ":") {
            chatID = String(settings.channel[..<colon])
            thread = String(settings.channel[settings.channel.index(after: colon)...])
        }
        var members: [(String, GoJSON)] = [("chat_id", .string(chatID))]
        if let thread, !thread.isEmpty { members.append(("message_thread_id", .string(thread))) }
        members += [("text", .string(text)), ("parse_mode", .string("MarkdownV2"))]
        return .json(.fields(members), to: url)
    }

    /// MarkdownV2 escaping as Flux's `escapeString`: a backslash before each of ``\.-_[]()~>`#+=|{}!*``.
    static func telegramEscaped(_ text: String) -> String {
        let special: Set<Character> = ["\\", ".", "-", "_", "[", "]", "(", ")", "~", ">", "`", "#", "+", "=", "|", "{", "}", "!", "*"]
        var out = ""
        for character in text {
            if special.contains(character) { out.append("\\") }
            out.append(character)
        }
        return out
    }
}
