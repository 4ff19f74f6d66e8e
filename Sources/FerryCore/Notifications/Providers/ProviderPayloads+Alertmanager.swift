// alertmanager: Flux's internal/notifier/alertmanager.go; Alertmanager API v2, POST /api/v2/alerts
// (https://prometheus.io/docs/alerting/latest/clients/): one firing alert labelled alertname=Flux<Kind><Reason>.
extension ProviderPayloads {
    static func alertmanager(_ event: FluxEvent, _ settings: ProviderSettings) throws(NotificationBuildError) -> NotificationRequest {
        let url = try address(settings)
        var annotations = ["message": event.message]
        var labels = event.metadata
        if let summary = labels[EventMetadataKey.summary] {
            annotations[EventMetadataKey.summary] = summary
            labels[EventMetadataKey.summary] = nil
        }
        labels["alertname"] = "Flux" + event.involvedObject.kind + titleCased(event.reason)
        labels["severity"] = event.severity.rawValue
        labels["reason"] = event.reason
        labels["kind"] = event.involvedObject.kind
        labels["name"] = event.involvedObject.name
        labels["namespace"] = event.involvedObject.namespace
        labels["reportingcontroller"] = event.reportingController
        let alert = GoJSON.fields([
            ("status", .string("firing")), ("labels", .stringMap(labels)), ("annotations", .stringMap(annotations)),
            ("startsAt", .string(event.timestamp.rfc3339)),
            // Flux leaves EndsAt at Go's zero time, which its RFC 3339 marshaller still writes.
            ("endsAt", .string("0001-01-01T00:00:00Z")),
        ])
        var headers: [(name: String, value: String)] = []
        if !settings.token.isEmpty { headers.append(("Authorization", "Bearer " + settings.token)) }
        var request = NotificationRequest.json(.array([alert]), to: url, headers: headers)
        if !settings.username.isEmpty, !settings.password.isEmpty {
            let basic = basicAuthorization(settings.username, settings.password)
            request.setHeader(basic.name, basic.value)
        }
        return request
    }

    /// `cases.Title(language.Und)`: each word's first letter upper-cased and the rest lower-cased
    /// (`ReconciliationSucceeded` becomes `Reconciliationsucceeded`).
    static func titleCased(_ text: String) -> String {
        var out = ""
        var atWordStart = true
        for character in text {
            let isWordCharacter = character.isLetter || character.isNumber || character == "'"
            if isWordCharacter {
                out += atWordStart ? character.uppercased() : character.lowercased()
                atWordStart = false
            } else {
                out.append(character)
                atWordStart = true
            }
        }
        return out
    }
}
