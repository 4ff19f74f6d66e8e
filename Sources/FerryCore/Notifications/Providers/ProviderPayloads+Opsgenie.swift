// opsgenie: Flux's internal/notifier/opsgenie.go; Alert API, create alert
// (https://docs.opsgenie.com/docs/alert-api#create-alert), authenticated with `Authorization: GenieKey <token>`.
extension ProviderPayloads {
    static func opsgenie(_ event: FluxEvent, _ settings: ProviderSettings) throws(NotificationBuildError) -> NotificationRequest {
        let url = try address(settings)
        if settings.token.isEmpty { throw fail(settings, "empty Opsgenie apikey/token") }
        var details = event.metadata
        details["severity"] = event.severity.rawValue
        let payload = GoJSON.fields([
            ("message", .string(event.involvedObject.kind + "/" + event.involvedObject.name)), ("description", .string(event.message)),
            ("details", .stringMap(details)),
        ])
        return .json(payload, to: url, headers: [("Authorization", "GenieKey " + settings.token)])
    }
}
