import AsyncHTTPClient
import FerryCore
import NIOCore
import NIOHTTP1

/// Asks Google's token-info endpoint (`GET <endpoint>?id_token=<token>`) for the claims of an ID
/// token: it answers 200 with the claims of a token Google signed that has not expired, and 400
/// otherwise. The token travels only in that request; it never appears in a log line or an error.
struct GoogleTokenInfoClient: Sendable {
    /// The endpoint, e.g. `https://oauth2.googleapis.com/tokeninfo`.
    let endpoint: String
    /// The longest the check may take.
    let timeout: Duration

    /// The largest answer read.
    static let maxResponseSize = 64 * 1024

    /// The claims Google returned for `token`.
    func claims(of token: String) async throws(ReceiverRefusal) -> TemplateMap {
        func fail(_ reason: String) -> ReceiverRefusal { .invalid("cannot authenticate GCR request: cannot verify authenticity of payload: " + reason) }
        var request = HTTPClientRequest(url: endpoint + (endpoint.contains("?") ? "&" : "?") + "id_token=" + Self.queryEscaped(token))
        request.method = .GET
        request.headers.add(name: "Accept", value: "application/json")
        let status: UInt
        let body: ByteBuffer
        do {
            let nanoseconds = timeout.components.seconds &* 1_000_000_000 &+ timeout.components.attoseconds / 1_000_000_000
            let response = try await HTTPClient.shared.execute(request, timeout: .nanoseconds(nanoseconds))
            status = response.status.code
            body = try await response.body.collect(upTo: Self.maxResponseSize)
        } catch is NIOTooManyBytesError {
            throw fail("the token-info endpoint's answer is larger than \(Self.maxResponseSize) bytes")
        } catch {
            throw fail("the token-info endpoint could not be reached (\(Self.describe(error)))")
        }
        guard status == 200 else { throw fail("the token-info endpoint refused the token (HTTP \(status))") }
        let text = String(decoding: body.readableBytesView, as: UTF8.self)
        guard case .map(let claims)? = try? TemplateJSON.decode(text) else {
            throw fail("the token-info endpoint's answer is not a JSON object")
        }
        return claims
    }

    /// The description of an AsyncHTTPClient or NIO connection error (which holds no URL, and so no
    /// token), else the name of the error's type.
    private static func describe(_ error: any Error) -> String {
        if error is HTTPClientError || error is IOError { return String(describing: error) }
        return String(describing: type(of: error))
    }

    /// Percent-encodes everything but RFC 3986's unreserved characters.
    static func queryEscaped(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.append(byte)
            default:
                out += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
