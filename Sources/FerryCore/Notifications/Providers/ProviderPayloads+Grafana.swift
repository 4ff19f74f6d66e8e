// grafana: Flux's internal/notifier/grafana.go; HTTP API annotations in Graphite format,
// POST /api/annotations/graphite (https://grafana.com/docs/grafana/latest/developers/http_api/annotations/).
extension ProviderPayloads {
    static func grafana(_ event: FluxEvent, _ settings: ProviderSettings) throws(NotificationBuildError) -> NotificationRequest {
        let url = try address(settings)
        var tags = ["flux", event.reportingController]
        for pair in sortedMetadata(event) { tags.append("\(pair.key.replacing(":", with: "|")): \(pair.value.replacing(":", with: "|"))") }
        tags += ["kind: \(event.involvedObject.kind)", "name: \(event.involvedObject.name)", "namespace: \(event.involvedObject.namespace)"]
        // Flux sends `when` in seconds (event.Timestamp.Unix()), although Grafana documents milliseconds.
        let payload = GoJSON.fields([
            ("when", .integer(event.timestamp.secondsSinceEpoch)), ("text", .string(objectTitle(event))), ("tags", .strings(tags)),
        ])
        var headers: [(name: String, value: String)] = []
        if !settings.username.isEmpty, !settings.password.isEmpty, settings.token.isEmpty {
            headers.append(basicAuthorization(settings.username, settings.password))
        }
        if !settings.token.isEmpty { headers.append(("Authorization", "Bearer " + settings.token)) }
        return .json(payload, to: url, headers: headers)
    }
}
