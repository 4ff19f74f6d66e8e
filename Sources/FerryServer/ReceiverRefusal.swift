/// Why the server refused a webhook request, with the status it answers and a reason for the log.
/// The reason never holds a token, a signature key, a webhook path or an audience.
struct ReceiverRefusal: Error, Hashable, Sendable, CustomStringConvertible {
    /// The HTTP status.
    var status: Int
    /// Why, as Flux words it where Flux has a message.
    var reason: String

    var description: String { reason }

    /// 400: the request did not pass the Receiver type's checks.
    static func invalid(_ reason: String) -> ReceiverRefusal { ReceiverRefusal(status: 400, reason: reason) }
}
