// msteams: Flux's internal/notifier/teams.go. An Adaptive Card 1.4 posted to a Teams Workflows webhook
// (https://learn.microsoft.com/en-us/microsoftteams/platform/webhooks-and-connectors/how-to/connectors-using#send-adaptive-cards-using-an-incoming-webhook),
// or, when the host ends in `.webhook.office.com`, the legacy Office 365 connector MessageCard
// (https://learn.microsoft.com/en-us/outlook/actionable-messages/message-card-reference).
extension ProviderPayloads {
    static func msteams(_ event: FluxEvent, _ settings: ProviderSettings) throws(NotificationBuildError) -> NotificationRequest {
        let url = try address(settings)
        let legacy = url.host.lowercased().hasSuffix(".webhook.office.com")
        return .json(legacy ? teamsMessageCard(event) : teamsAdaptiveCard(event), to: url)
    }

    /// The deprecated connector's MessageCard: blue `0076D7`, red `FF0000` for errors.
    static func teamsMessageCard(_ event: FluxEvent) -> GoJSON {
        let title = objectTitle(event)
        let facts = sortedMetadata(event).map { GoJSON.fields([("name", .string($0.key)), ("value", .string($0.value))]) }
        return .fields([
            ("@type", .string("MessageCard")), ("@context", .string("http://schema.org/extensions")),
            ("themeColor", .string(event.severity == .error ? "FF0000" : "0076D7")), ("summary", .string(title)),
            ("sections", .array([.fields([("activityTitle", .string(event.message)), ("activitySubtitle", .string(title)),
                                           ("facts", .array(facts))])])),
        ])
    }

    /// The Adaptive Card: a container with the object (large, bolder), the message (`attention` for errors) and a
    /// fact set with `summary` first and the other keys sorted. Empty text and empty fact lists are omitted, as
    /// Go's `omitempty` does on Flux's inlined structs.
    static func teamsAdaptiveCard(_ event: FluxEvent) -> GoJSON {
        var facts: [GoJSON] = []
        if let summary = event.metadata[EventMetadataKey.summary] {
            facts.append(.fields([("title", .string(EventMetadataKey.summary)), ("value", .string(summary))]))
        }
        for pair in sortedMetadata(event) where pair.key != EventMetadataKey.summary {
            facts.append(.fields([("title", .string(pair.key)), ("value", .string(pair.value))]))
        }
        func textBlock(_ text: String, size: String = "", weight: String = "", color: String = "") -> GoJSON {
            var members: [(String, GoJSON)] = [("type", .string("TextBlock"))]
            if !text.isEmpty { members.append(("text", .string(text))) }
            if !size.isEmpty { members.append(("size", .string(size))) }
            if !weight.isEmpty { members.append(("weight", .string(weight))) }
            if !color.isEmpty { members.append(("color", .string(color))) }
            members.append(("wrap", .bool(true)))
            return .fields(members)
        }
        var factSet: [(String, GoJSON)] = [("type", .string("FactSet"))]
        if !facts.isEmpty { factSet.append(("facts", .array(facts))) }
        let container = GoJSON.fields([
            ("type", .string("Container")),
            ("items", .array([
                textBlock(objectTitle(event), size: "large", weight: "bolder"),
                textBlock(event.message, color: event.severity == .error ? "attention" : ""),
                .fields(factSet),
            ])),
        ])
        let content = GoJSON.fields([
            ("$schema", .string("http://adaptivecards.io/schemas/adaptive-card.json")), ("type", .string("AdaptiveCard")),
            ("version", .string("1.4")), ("body", .array([container])), ("msteams", .fields([("width", .string("Full"))])),
        ])
        return .fields([
            ("type", .string("message")),
            ("attachments", .array([.fields([("contentType", .string("application/vnd.microsoft.card.adaptive")), ("content", content)])])),
        ])
    }
}
