import FerryCore

/// The checks of a `gcr` Receiver (N-33) that need no network: the `Authorization: Bearer` header,
/// the claims Google's token-info endpoint returned for the token, and the Pub/Sub push body whose
/// Base64 `message.data` is the registry's event (`action`, `digest`, `tag`).
///
/// The claims are checked as Flux checks a Google OIDC ID token: the audience is the Secret's
/// `audience`, the issuer is `accounts.google.com` or `https://accounts.google.com`, the email is
/// the Secret's `email` and `email_verified` is true; and the token has not expired.
enum GCRVerification {
    /// The issuers Google signs ID tokens as.
    static let issuers: Set<String> = ["accounts.google.com", "https://accounts.google.com"]

    /// The token after `Bearer ` (the scheme compared without regard to case).
    static func bearerToken(_ authorization: String?) throws(ReceiverRefusal) -> String {
        let refusal = ReceiverRefusal.invalid("cannot authenticate GCR request: Authorization header is missing or malformed")
        guard let authorization, authorization.utf8.count > 7 else { throw refusal }
        let scheme = authorization.prefix(7)
        guard scheme.lowercased() == "bearer " else { throw refusal }
        let token = authorization.dropFirst(7)
        guard !token.isEmpty, !token.contains(" ") else { throw refusal }
        return String(token)
    }

    /// Checks the token-info claims against the Secret's `email` and `audience` at `now`.
    static func check(claims: TemplateMap, email: String, audience: String, now: Timestamp) throws(ReceiverRefusal) {
        func fail(_ reason: String) -> ReceiverRefusal { .invalid("cannot authenticate GCR request: " + reason) }
        let audiences: [String]
        switch claims[.string("aud")] {
        case .string(let value)?: audiences = [value]
        case .slice(let values)?: audiences = values.elements.compactMap(\.stringValue)
        default: audiences = []
        }
        guard audiences.contains(audience) else { throw fail("the token's audience does not match the Secret's 'audience'") }
        let issuer = claims[.string("iss")]?.stringValue ?? ""
        guard issuers.contains(issuer) else {
            throw fail("the token's issuer '\(issuer)' is not 'accounts.google.com' or 'https://accounts.google.com'")
        }
        let tokenEmail = claims[.string("email")]?.stringValue ?? ""
        guard tokenEmail == email else {
            throw fail(tokenEmail.isEmpty ? "the token has no email claim" : "the token's email '\(tokenEmail)' does not match the Secret's 'email'")
        }
        guard isTrue(claims[.string("email_verified")]) else { throw fail("the token's email '\(tokenEmail)' is not verified") }
        if let expiry = seconds(claims[.string("exp")]), Timestamp(secondsSinceEpoch: expiry) <= now {
            throw fail("the token expired at \(Timestamp(secondsSinceEpoch: expiry).rfc3339)")
        }
    }

    /// Unwraps the Pub/Sub push body and decodes the registry event in it, as Flux's payload and
    /// data structs do.
    /// - Returns: A description of the event for the log (`GCR event from <digest> for tag <tag>`).
    static func event(in body: [UInt8]) throws(ReceiverRefusal) -> String {
        let payload: TemplateValue
        do {
            payload = try TemplateJSON.decode(String(decoding: body, as: UTF8.self))
        } catch {
            throw .invalid("cannot decode GCR webhook payload: \(error.message)")
        }
        guard case .map(let outer) = payload else { throw .invalid("cannot decode GCR webhook payload: the body is not a JSON object") }
        var data = ""
        switch outer[.string("message")] {
        case nil, .null?:
            break
        case .map(let message)?:
            for key in ["data", "messageId", "subscription", "publishTime"] {
                switch message[.string(key)] {
                case nil, .null?: continue
                case .string(let text)?:
                    if key == "data" { data = text }
                    if key == "publishTime", Timestamp(rfc3339: text) == nil {
                        throw .invalid("cannot decode GCR webhook payload: message.publishTime \"\(text)\" is not an RFC 3339 time")
                    }
                default: throw .invalid("cannot decode GCR webhook payload: message.\(key) is not a string")
                }
            }
        default:
            throw .invalid("cannot decode GCR webhook payload: message is not an object")
        }
        guard let raw = ByteEncoding.decodeBase64(data) else { throw .invalid("cannot decode GCR webhook body: message.data is not Base64") }
        let event: TemplateValue
        do {
            event = try TemplateJSON.decode(String(decoding: raw, as: UTF8.self))
        } catch {
            throw .invalid("cannot decode GCR webhook body: \(error.message)")
        }
        guard case .map(let fields) = event else { throw .invalid("cannot decode GCR webhook body: message.data is not a JSON object") }
        var values: [String: String] = [:]
        for key in ["action", "digest", "tag"] {
            switch fields[.string(key)] {
            case nil, .null?: values[key] = ""
            case .string(let text)?: values[key] = text
            default: throw .invalid("cannot decode GCR webhook body: \(key) is not a string")
            }
        }
        return "GCR event from \(values["digest"] ?? "") for tag \(values["tag"] ?? "")"
    }

    private static func isTrue(_ value: TemplateValue?) -> Bool {
        switch value {
        case .bool(let flag)?: return flag
        case .string(let text)?: return text == "true"
        default: return false
        }
    }

    private static func seconds(_ value: TemplateValue?) -> Int64? {
        switch value {
        case .int(let number, _)?: return number
        case .float(let number)?: return number.isFinite && abs(number) < 1e15 ? Int64(number) : nil
        case .string(let text)?: return Int64(text)
        default: return nil
        }
    }
}
