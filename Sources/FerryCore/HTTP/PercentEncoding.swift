/// Percent-encoding for the parts of request URLs and form bodies.
///
/// ```swift
/// PercentEncoding.pathSegment("group/sub project")   // "group%2Fsub%20project"
/// PercentEncoding.queryComponent("org:ferry/app")   // "org%3Aferry%2Fapp"
/// PercentEncoding.encode("a b")                     // "a%20b"
/// ```
public enum PercentEncoding {
    /// One path segment (Go's `url.PathEscape`): `/`, `;`, `,` and `?` are escaped too.
    public static func pathSegment(_ text: String) -> String {
        String(decoding: GoURLEscaping.escape(Array(text.utf8), .pathSegment), as: UTF8.self)
    }

    /// A query name or value (Go's `url.QueryEscape`): everything but letters, digits and `-_.~`; a space becomes `+`.
    public static func queryComponent(_ text: String) -> String {
        String(decoding: GoURLEscaping.escape(Array(text.utf8), .queryComponent), as: UTF8.self)
    }

    /// `name=value` pairs joined with `&`, each part escaped with ``queryComponent(_:)``.
    public static func query(_ items: [(String, String)]) -> String {
        items.map { queryComponent($0.0) + "=" + queryComponent($0.1) }.joined(separator: "&")
    }

    /// Everything but RFC 3986's unreserved characters (letters, digits, `-._~`) escaped; a space becomes `%20`.
    public static func encode(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out = String.UnicodeScalarView()
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.append(Unicode.Scalar(byte))
            default:
                out.append("%")
                out.append(Unicode.Scalar(hex[Int(byte >> 4)]))
                out.append(Unicode.Scalar(hex[Int(byte & 0x0F)]))
            }
        }
        return String(out)
    }

    /// `name=value&…` with both sides escaped with ``encode(_:)`` (form bodies and registry token queries).
    public static func form(_ pairs: [(String, String)]) -> String {
        pairs.map { encode($0.0) + "=" + encode($0.1) }.joined(separator: "&")
    }
}
