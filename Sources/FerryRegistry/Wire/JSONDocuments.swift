#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import NIOCore

/// Decodes the small JSON documents of the registry protocols (token responses, error bodies, cloud provider
/// answers, Docker configurations). Tag lists, the large ones, go through ``TagListParser`` instead.
enum JSONDocument {
    static func decode<T: Decodable>(_ type: T.Type, from buffer: ByteBuffer) -> T? {
        buffer.withUnsafeReadableBytes { bytes in try? JSONDecoder().decode(T.self, from: Data(bytes)) }
    }

    static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) -> T? {
        try? JSONDecoder().decode(T.self, from: Data(bytes))
    }

    /// Why a document does not decode, for messages (the decoder's path and reason, no values).
    static func failure<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) -> String {
        do {
            _ = try JSONDecoder().decode(T.self, from: Data(bytes))
            return "no error"
        } catch let DecodingError.dataCorrupted(context) {
            return "not valid JSON" + path(context.codingPath)
        } catch let DecodingError.keyNotFound(key, context) {
            return "the member \"\(key.stringValue)\" is missing" + path(context.codingPath)
        } catch let DecodingError.typeMismatch(_, context) {
            return "a member has the wrong type" + path(context.codingPath)
        } catch let DecodingError.valueNotFound(_, context) {
            return "a member is null" + path(context.codingPath)
        } catch {
            return "not valid JSON"
        }
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        keys.isEmpty ? "" : " (at " + keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".") + ")"
    }
}

/// The OCI distribution error body: `{"errors": [{"code": "…", "message": "…"}]}`.
struct RegistryErrorBody: Decodable {
    struct Entry: Decodable {
        var code: String?
        var message: String?
    }

    var errors: [Entry]?

    /// `CODE: message` of the first error, shortened to 200 characters; `nil` when the body is no such document.
    static func first(in buffer: ByteBuffer) -> String? {
        guard buffer.readableBytes > 0, buffer.readableBytes < 64 * 1024,
            let entry = JSONDocument.decode(RegistryErrorBody.self, from: buffer)?.errors?.first
        else { return nil }
        let text = [entry.code, entry.message].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": ")
        guard !text.isEmpty else { return nil }
        return text.count > 200 ? String(text.prefix(200)) + "…" : text
    }
}

/// A token server's answer (Docker token spec and OAuth2).
struct TokenResponse: Decodable {
    var token: String?
    var accessToken: String?
    var expiresIn: Int?
    var refreshToken: String?

    enum CodingKeys: String, CodingKey {
        case token
        case accessToken = "access_token"
        case expiresIn = "expires_in"
        case refreshToken = "refresh_token"
    }

    /// `token`, else `access_token`.
    var bearer: String? { [token, accessToken].compactMap { $0 }.first { !$0.isEmpty } }
}
