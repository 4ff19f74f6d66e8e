// matrix: Flux's internal/notifier/matrix.go; Client-Server API, send a room message
// (https://spec.matrix.org/v1.8/client-server-api/#put_matrixclientv3roomsroomidsendeventtypetxnid, r0 path), with the
// transaction id the SHA-1 of the event JSON so a retried request is de-duplicated by the homeserver.
extension ProviderPayloads {
    static func matrix(_ event: FluxEvent, _ settings: ProviderSettings) throws(NotificationBuildError) -> NotificationRequest {
        let server = try address(settings)
        let transaction = ByteEncoding.hex(SHA1.hash(event.json.encoded()))
        let path = server.path + "/_matrix/client/r0/rooms/\(settings.channel)/send/m.room.message/\(transaction)"
        let emoji = event.severity == .error ? "🚨" : "💫"
        var metadata = ""
        for pair in sortedMetadata(event) { metadata += "- \(pair.key): \(pair.value)\n" }
        let body = "\(emoji) \(objectTitle(event))\n\(event.message)\n\(metadata)"
        let payload = GoJSON.fields([("body", .string(body)), ("msgtype", .string("m.text"))])
        return .json(payload, to: server.withPath(path), method: "PUT", headers: [("Authorization", "Bearer " + settings.token)])
    }
}
