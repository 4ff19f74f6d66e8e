import FerryCore
import NIOCore
import NIOHTTP1

extension RegistrySession {
    /// A token from a Bearer challenge's realm.
    struct IssuedToken {
        var token: String
        var expiresIn: Int?
    }

    /// Asks the token server for a pull token: an OAuth2 `refresh_token` grant (POST) for identity tokens, else a
    /// GET with the service and scope, with Basic credentials when there are some (the Docker token flow).
    mutating func fetchToken(realm: String, service: String?) async throws(RegistryError) -> IssuedToken {
        guard let realmURL = RegistryURL(parsing: realm) else {
            throw context.error(.authentication, nil, "the registry's Bearer realm \"\(realm)\" is not an http(s) URL")
        }
        var exchange: HTTPExchange
        if case .identityToken(let refresh) = credentials {
            var form = [("grant_type", "refresh_token"), ("refresh_token", refresh), ("client_id", "ferry"), ("scope", scope)]
            if let service { form.append(("service", service)) }
            exchange = HTTPExchange(method: .POST, url: realmURL)
            exchange.headers.append(("Content-Type", "application/x-www-form-urlencoded"))
            exchange.body = Array(PercentEncoding.form(form).utf8)
        } else {
            var query = [("scope", scope)]
            if let service { query.insert(("service", service), at: 0) }
            let existing = realmURL.query.map { $0 + "&" } ?? ""
            exchange = HTTPExchange(method: .GET, url: RegistryURL(
                scheme: realmURL.scheme, authority: realmURL.authority, path: realmURL.path, query: existing + PercentEncoding.form(query)))
            if case .basic(let username, let password) = credentials {
                exchange.headers.append(("Authorization", "Basic " + Base64Text.encode(Array("\(username):\(password)".utf8))))
            }
        }
        exchange.headers.append(("Accept", "application/json"))
        let reply = try await client.transport.send(exchange, context: &context)
        switch reply.status {
        case 200: break
        case 401:
            let reason: String
            if case .anonymous = credentials {
                reason = "the token server gives no anonymous tokens; credentials are needed"
            } else {
                reason = "the token server did not accept the credentials (\(credentials))"
            }
            throw context.error(.unauthorized, exchange, status: 401, reason + client.transport.registryMessage(reply))
        case 403:
            throw context.error(.forbidden, exchange, status: 403, "the token server refused a pull token for \(repository.canonicalName) to these credentials (\(credentials))")
        default:
            throw context.error(.authentication, exchange, status: reply.status, "the token server did not issue a token" + client.transport.registryMessage(reply))
        }
        let bytes = Array(reply.body.readableBytesView)
        guard let response = JSONDocument.decode(TokenResponse.self, from: bytes) else {
            throw context.error(.malformedResponse, exchange, status: 200, "the token response is not JSON: \(JSONDocument.failure(TokenResponse.self, from: bytes))")
        }
        guard let token = response.bearer else {
            throw context.error(.malformedResponse, exchange, status: 200, "the token response has neither \"token\" nor \"access_token\"")
        }
        return IssuedToken(token: token, expiresIn: response.expiresIn)
    }
}

/// Base64 (standard alphabet, padded), without Foundation.
enum Base64Text {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index + 2 < bytes.count {
            let value = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2])
            out += [alphabet[Int(value >> 18 & 63)], alphabet[Int(value >> 12 & 63)], alphabet[Int(value >> 6 & 63)], alphabet[Int(value & 63)]]
            index += 3
        }
        let rest = bytes.count - index
        if rest == 1 {
            let value = UInt32(bytes[index]) << 16
            out += [alphabet[Int(value >> 18 & 63)], alphabet[Int(value >> 12 & 63)], UInt8(ascii: "="), UInt8(ascii: "=")]
        } else if rest == 2 {
            let value = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8
            out += [alphabet[Int(value >> 18 & 63)], alphabet[Int(value >> 12 & 63)], alphabet[Int(value >> 6 & 63)], UInt8(ascii: "=")]
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes standard or URL-safe base64, padded or not; `nil` for anything else.
    static func decode(_ text: String) -> [UInt8]? {
        var values: [UInt8] = []
        values.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): values.append(byte - UInt8(ascii: "A"))
            case UInt8(ascii: "a")...UInt8(ascii: "z"): values.append(byte - UInt8(ascii: "a") + 26)
            case UInt8(ascii: "0")...UInt8(ascii: "9"): values.append(byte - UInt8(ascii: "0") + 52)
            case UInt8(ascii: "+"), UInt8(ascii: "-"): values.append(62)
            case UInt8(ascii: "/"), UInt8(ascii: "_"): values.append(63)
            case UInt8(ascii: "="), UInt8(ascii: "\n"), UInt8(ascii: "\r"): continue
            default: return nil
            }
        }
        guard values.count % 4 != 1 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(values.count * 3 / 4)
        var index = 0
        while index < values.count {
            let chunk = values[index..<min(index + 4, values.count)]
            var value: UInt32 = 0
            for (offset, sextet) in chunk.enumerated() { value |= UInt32(sextet) << (18 - 6 * offset) }
            out.append(UInt8(value >> 16 & 0xFF))
            if chunk.count > 2 { out.append(UInt8(value >> 8 & 0xFF)) }
            if chunk.count > 3 { out.append(UInt8(value & 0xFF)) }
            index += 4
        }
        return out
    }
}
