// lark: Flux's internal/notifier/lark.go; a custom bot's interactive message card
// (https://open.larksuite.com/document/client-docs/bot-v3/add-custom-bot, card JSON v1).
extension ProviderPayloads {
    static func lark(_ event: FluxEvent, _ settings: ProviderSettings) throws(NotificationBuildError) -> NotificationRequest {
        let url = try address(settings)
        let error = event.severity == .error
        var content = "**\(event.message)**\n\n"
        for pair in sortedMetadata(event) { content += "\(pair.key): \(pair.value)\n" }
        let card = GoJSON.fields([
            ("config", .fields([("wide_screen_mode", .bool(true))])),
            ("header", .fields([
                ("title", .fields([("tag", .string("plain_text")), ("content", .string("\(error ? "🚨" : "💫") \(objectTitle(event))"))])),
                ("template", .string(error ? "red" : "turquoise")),
            ])),
            ("elements", .array([.fields([("tag", .string("div")), ("text", .fields([("tag", .string("lark_md")), ("content", .string(content))]))])])),
        ])
        return .json(.fields([("msg_type", .string("interactive")), ("card", card)]), to: url)
    }
}
