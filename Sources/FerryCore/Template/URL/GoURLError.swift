/// A URL Go's `net/url` would not parse: Go's `*url.Error`, `parse "http://[::1": missing ']'
/// in host`, with any password in the quoted URL replaced by `xxxxx` so that no credential
/// reaches an error message.
public struct GoURLError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Go's message without the operation and URL (`missing ']' in host`).
    public let message: String
    /// The URL as quoted in the message, its password (if any) redacted.
    public let url: String

    /// Go's text: `parse "URL": message`.
    public var description: String { "parse " + GoQuote.quoteBytes(Array(url.utf8)) + ": " + message }

    /// The reason alone, before the URL is attached.
    struct Message: Error {
        let text: String
        init(_ text: String) { self.text = text }
    }

    init(url: [UInt8], _ message: Message) {
        self.url = String(decoding: Self.redacted(url), as: UTF8.self)
        self.message = message.text
    }

    /// `url` with the password of its user information, if it has one, replaced by `xxxxx`
    /// (as Go's `URL.Redacted` does for a parsed URL).
    static func redacted(_ url: [UInt8]) -> [UInt8] {
        guard let marker = url.firstRange(of: Array("//".utf8)) else { return url }
        let authorityStart = marker.upperBound
        let authorityEnd =
            url[authorityStart...].firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") }
            ?? url.endIndex
        guard let at = url[authorityStart..<authorityEnd].lastIndex(of: UInt8(ascii: "@")),
            let colon = url[authorityStart..<at].firstIndex(of: UInt8(ascii: ":"))
        else { return url }
        return Array(url[..<(colon + 1)]) + Array("xxxxx".utf8) + Array(url[at...])
    }
}
