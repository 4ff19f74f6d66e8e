// pagerduty: Flux's internal/notifier/pagerduty.go with go-pagerduty's V2Event and ChangeEvent; Events API v2
// (https://developer.pagerduty.com/docs/events-api-v2/trigger-events/ and
// https://developer.pagerduty.com/docs/events-api-v2/send-change-events/). `channel` is the routing key; only the
// address's scheme and host are used (default https://events.pagerduty.com).
extension ProviderPayloads {
    static func pagerDuty(_ event: FluxEvent, _ settings: ProviderSettings) throws(NotificationBuildError) -> [NotificationRequest] {
        if event.reason == "Progressing" { return [] }
        let endpoint = try address(settings, what: "PagerDuty endpoint")
        let (name, description) = CommitStatus.nameAndDescription(event)
        let summary = description + ": " + name
        let source = "Flux " + event.reportingController
        let details = GoJSON.fields([
            ("message", .string(event.message)), ("metadata", event.metadata.isEmpty ? .null : .stringMap(event.metadata)),
        ])
        var incident: [(String, GoJSON)] = [("routing_key", .string(settings.channel))]
        if event.severity == .error {
            incident.append(("event_action", .string("trigger")))
            if !event.involvedObject.uid.isEmpty { incident.append(("dedup_key", .string(event.involvedObject.uid))) }
            var payload: [(String, GoJSON)] = [
                ("summary", .string(summary)), ("source", .string(source)), ("severity", .string("error")),
                ("timestamp", .string(event.timestamp.rfc3339)),
            ]
            if !event.involvedObject.name.isEmpty { payload.append(("component", .string(event.involvedObject.name))) }
            if !event.involvedObject.kind.isEmpty { payload.append(("group", .string(event.involvedObject.kind))) }
            payload.append(("custom_details", details))
            incident.append(("payload", .fields(payload)))
        } else {
            // Resolve any open incident for the object.
            incident.append(("event_action", .string("resolve")))
            if !event.involvedObject.uid.isEmpty { incident.append(("dedup_key", .string(event.involvedObject.uid))) }
        }
        var requests = [NotificationRequest.json(.fields(incident), to: endpoint.withPath("/v2/enqueue"))]
        if event.severity == .info {
            let change = GoJSON.fields([
                ("routing_key", .string(settings.channel)),
                ("payload", .fields([("source", .string(source)), ("summary", .string(summary)), ("timestamp", .string(event.timestamp.rfc3339)),
                                     ("custom_details", details)])),
                ("links", .null),
            ])
            requests.append(.json(change, to: endpoint.withPath("/v2/change/enqueue")))
        }
        return requests
    }
}
