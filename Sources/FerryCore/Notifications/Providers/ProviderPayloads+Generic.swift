// generic and generic-hmac: Flux's Forwarder (notification-controller internal/notifier/forwarder.go), documented at
// https://fluxcd.io/flux/components/notification/providers/#generic-webhook — the event itself, as JSON.
extension ProviderPayloads {
    /// The event JSON, `gotk-component: <reportingController>`, the Secret's headers, and for `generic-hmac`
    /// `X-Signature: sha256=<hex HMAC-SHA256 of the body, keyed with the token>`.
    static func generic(_ event: FluxEvent, _ settings: ProviderSettings, signed: Bool) throws(NotificationBuildError) -> NotificationRequest {
        let url = try address(settings)
        if signed, settings.token.isEmpty { throw fail(settings, "the generic-hmac provider needs a non-empty token in its Secret") }
        let body = event.json.encoded()
        var request = NotificationRequest(url: url, headers: [("Content-Type", "application/json")], body: body)
        request.setHeader("gotk-component", event.reportingController)
        for name in settings.headers.keys.sorted(by: GoJSON.byteOrder) { request.setHeader(name, settings.headers[name] ?? "") }
        if signed {
            let signature = HMACSHA256.authenticationCode(for: body, key: settings.token.utf8)
            request.setHeader("X-Signature", "sha256=" + ByteEncoding.hex(signature))
        }
        return request
    }
}
