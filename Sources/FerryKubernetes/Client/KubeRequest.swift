import NIOHTTP1

/// One request to the API server.
struct KubeRequest: Sendable {
    var method: HTTPMethod
    var path: String
    var query: [(String, String)] = []
    var body: [UInt8]?
    var contentType: String?
    /// For messages: `get imagepolicies "podinfo" in namespace "default"`.
    var operation: String

    /// Whether sending it twice does no harm when the first answer was lost.
    var isIdempotent: Bool { method == .GET || method == .HEAD }

    var pathAndQuery: String {
        guard !query.isEmpty else { return path }
        return path + "?" + query.map { "\(Self.escape($0.0))=\(Self.escape($0.1))" }.joined(separator: "&")
    }

    /// Percent-encodes everything but RFC 3986 unreserved characters (`app=web` → `app%3Dweb`),
    /// as Go's `url.Values.Encode` does except that it keeps spaces as `%20`.
    static func escape(_ text: String) -> String {
        var output = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                output.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                output += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return output
    }
}

/// A response with its whole body.
struct KubeResponse: Sendable {
    var status: Int
    var headers: HTTPHeaders
    var body: [UInt8]
}
