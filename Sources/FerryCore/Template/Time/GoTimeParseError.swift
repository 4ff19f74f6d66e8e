/// A value that does not match its Go time layout: Go's `*time.ParseError`, with Go's text.
///
/// `parsing time "2024-13-01" as "2006-01-02": cannot parse "2024-13-01" as "2006"` names the
/// layout, the value, the element of the layout that failed and the text it met;
/// range errors read `parsing time "2024-13-01": month out of range`.
public struct GoTimeParseError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The whole layout.
    public let layout: String
    /// The whole value.
    public let value: String
    /// The layout element that failed (`2006`, `-07:00`, or literal text).
    public let layoutElement: String
    /// The value from where that element began.
    public let valueElement: String
    /// For range and trailing-text errors, Go's message after the value (`: month out of range`).
    public let message: String

    init<Bytes: Collection<UInt8>>(layout: String, value: String, layoutElement: Bytes, valueElement: Bytes, message: String = "") {
        self.layout = layout
        self.value = value
        self.layoutElement = String(decoding: layoutElement, as: UTF8.self)
        self.valueElement = String(decoding: valueElement, as: UTF8.self)
        self.message = message
        self.rawValueElement = Array(valueElement)
        self.rawLayoutElement = Array(layoutElement)
    }

    /// The elements as bytes: a value element may begin inside a multi-byte character, which
    /// Go quotes byte by byte.
    private let rawValueElement: [UInt8]
    private let rawLayoutElement: [UInt8]

    public var description: String {
        if message.isEmpty {
            return "parsing time \(GoTimeText.quote(value)) as \(GoTimeText.quote(layout)): cannot parse "
                + "\(GoTimeText.quote(rawValueElement)) as \(GoTimeText.quote(rawLayoutElement))"
        }
        return "parsing time \(GoTimeText.quote(value))" + message
    }
}
