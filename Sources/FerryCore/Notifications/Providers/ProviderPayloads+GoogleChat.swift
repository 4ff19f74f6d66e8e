// googlechat: Flux's internal/notifier/google_chat.go; the Chat API v1 card format sent to an incoming webhook
// (https://developers.google.com/workspace/chat/quickstart/webhooks, cards v1:
// https://developers.google.com/workspace/chat/api/reference/rest/v1/cards-v1).
extension ProviderPayloads {
    static func googleChat(_ event: FluxEvent, _ settings: ProviderSettings) throws(NotificationBuildError) -> NotificationRequest {
        let url = try address(settings)
        let header = GoJSON.fields([
            ("title", .string(objectTitle(event))), ("subtitle", .string(event.reportingController)), ("imageUrl", .null), ("imageStyle", .null),
        ])
        let text = event.severity == .error ? "<font color=\"#ff0000\">\(event.message)</font>" : event.message
        var sections: [GoJSON] = [
            .fields([("header", .string("")),
                     ("widgets", .array([.fields([("textParagraph", .fields([("text", .string(text))])), ("keyValue", .null)])]))]),
        ]
        if !event.metadata.isEmpty {
            let widgets = sortedMetadata(event).map { pair in
                GoJSON.fields([
                    ("textParagraph", .null),
                    ("keyValue", .fields([("topLabel", .string(pair.key)), ("content", .string(pair.value)), ("contentMultiline", .bool(false)),
                                          ("bottomLabel", .null), ("icon", .null)])),
                ])
            }
            sections.append(.fields([("header", .string("")), ("widgets", .array(widgets))]))
        }
        let payload = GoJSON.fields([("cards", .array([.fields([("header", header), ("sections", .array(sections))])]))])
        return .json(payload, to: url)
    }
}
