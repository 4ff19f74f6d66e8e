import FerryCore

/// The event most notification tests use: an ImagePolicy success with merged metadata.
enum NotificationFixtures {
    static let uid = "7d0cc6b1-5c4e-4b6c-9c3e-2f7a1b2c3d4e"
    static let revision = "main@sha1:0123456789abcdef0123456789abcdef01234567"
    static let message = "Latest image tag for ghcr.io/stefanprodan/podinfo resolved to 6.5.4"

    static func event(severity: EventSeverity = .info, reason: String = "Succeeded", metadata: [String: String]? = nil) -> FluxEvent {
        FluxEvent(
            involvedObject: ObjectReference(kind: "ImagePolicy", namespace: "flux-system", name: "podinfo", uid: uid,
                                            apiVersion: "image.toolkit.fluxcd.io/v1"),
            severity: severity, timestamp: EventTimestamp(secondsSinceEpoch: 1_767_225_600), message: message, reason: reason,
            metadata: metadata ?? ["revision": revision, "summary": "production"], reportingController: "image-reflector-controller",
            reportingInstance: "ferry")
    }

    /// The generic provider's body for ``event()``: Go's `json.Marshal` of the event.
    static let eventJSON = #"{"involvedObject":{"kind":"ImagePolicy","namespace":"flux-system","name":"podinfo","uid":"7d0cc6b1-5c4e-4b6c-9c3e-2f7a1b2c3d4e","apiVersion":"image.toolkit.fluxcd.io/v1"},"severity":"info","timestamp":"2026-01-01T00:00:00Z","message":"Latest image tag for ghcr.io/stefanprodan/podinfo resolved to 6.5.4","reason":"Succeeded","metadata":{"revision":"main@sha1:0123456789abcdef0123456789abcdef01234567","summary":"production"},"reportingController":"image-reflector-controller","reportingInstance":"ferry"}"#

    static func settings(_ type: ProviderType, address: String = "https://hooks.example.com/services/T000/B000/XXXX", channel: String = "",
                         username: String = "", token: String = "", password: String = "") -> ProviderSettings {
        ProviderSettings(type: type, providerName: "Provider/flux-system/test", providerUID: uid, address: address, channel: channel,
                         username: username, password: password, token: token)
    }

    static func body(_ request: NotificationRequest) -> String { String(decoding: request.body, as: UTF8.self) }
}
