import Crypto
import enum FerryCore.PercentEncoding

/// AWS credentials: an access key, its secret and, for temporary credentials, a session token.
struct AWSCredentials: Sendable {
    var accessKeyID: String
    var secretAccessKey: String
    var sessionToken: String?

    var secrets: [String] { [secretAccessKey] + (sessionToken.map { [$0] } ?? []) }
}

/// AWS Signature Version 4 for one request (the `Authorization` header form).
enum SigV4 {
    /// The headers to add to sign a request: `X-Amz-Date`, `X-Amz-Security-Token` (temporary credentials) and
    /// `Authorization`.
    ///
    /// - Parameters:
    ///   - method: `GET`, `POST`, …
    ///   - url: The request URL (its host is signed as the `host` header).
    ///   - headers: The other headers to sign (e.g. `Content-Type`, `X-Amz-Target`).
    ///   - body: The payload.
    ///   - service: The signing name, e.g. `ecr`.
    ///   - region: The region, e.g. `us-east-1`.
    ///   - credentials: The key to sign with.
    ///   - unixTime: The signing time.
    static func sign(
        method: String, url: RegistryURL, headers: [(String, String)], body: [UInt8], service: String, region: String,
        credentials: AWSCredentials, unixTime: Int64
    ) -> [(String, String)] {
        let time = CivilTime.components(unixTime)
        let date = pad(time.year, 4) + pad(time.month, 2) + pad(time.day, 2)
        let amzDate = date + "T" + pad(time.hour, 2) + pad(time.minute, 2) + pad(time.second, 2) + "Z"
        var added = [("X-Amz-Date", amzDate)]
        if let token = credentials.sessionToken { added.append(("X-Amz-Security-Token", token)) }
        var signed: [(String, String)] = (headers + added).map { ($0.0.lowercased(), collapse($0.1)) }
        signed.append(("host", url.hostHeader))
        signed.sort { $0.0 < $1.0 }
        let signedNames = signed.map(\.0).joined(separator: ";")
        let canonical = [
            method, canonicalPath(url.path), canonicalQuery(url.query ?? ""), signed.map { "\($0.0):\($0.1)\n" }.joined(), signedNames,
            hex(SHA256.hash(data: body)),
        ].joined(separator: "\n")
        let scope = "\(date)/\(region)/\(service)/aws4_request"
        let stringToSign = ["AWS4-HMAC-SHA256", amzDate, scope, hex(SHA256.hash(data: Array(canonical.utf8)))].joined(separator: "\n")
        let key = signingKey(secret: credentials.secretAccessKey, date: date, region: region, service: service)
        let signature = hex(HMAC<SHA256>.authenticationCode(for: Array(stringToSign.utf8), using: key))
        added.append(("Authorization", "AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyID)/\(scope), SignedHeaders=\(signedNames), Signature=\(signature)"))
        return added
    }

    /// The derived signing key: HMAC chain over date, region, service and `aws4_request`.
    static func signingKey(secret: String, date: String, region: String, service: String) -> SymmetricKey {
        var key = SymmetricKey(data: Array("AWS4\(secret)".utf8))
        for part in [date, region, service, "aws4_request"] {
            key = SymmetricKey(data: Array(HMAC<SHA256>.authenticationCode(for: Array(part.utf8), using: key)))
        }
        return key
    }

    /// The canonical query: parameters sorted by name (then value), each side URI-encoded.
    static func canonicalQuery(_ query: String) -> String {
        guard !query.isEmpty else { return "" }
        let pairs = query.split(separator: "&").map { item -> (String, String) in
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = percentDecode(String(parts[0]))
            let value = parts.count > 1 ? percentDecode(String(parts[1])) : ""
            return (PercentEncoding.encode(name), PercentEncoding.encode(value))
        }
        return pairs.sorted { $0.0 == $1.0 ? $0.1 < $1.1 : $0.0 < $1.0 }.map { "\($0.0)=\($0.1)" }.joined(separator: "&")
    }

    private static func canonicalPath(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { PercentEncoding.encode(percentDecode(String($0))) }.joined(separator: "/")
    }

    private static func percentDecode(_ text: String) -> String {
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%"), let high = iterator.next(), let low = iterator.next(), let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16) {
                bytes.append(value)
            } else if byte == UInt8(ascii: "+") {
                bytes.append(UInt8(ascii: " "))
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func collapse(_ value: String) -> String {
        value.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }

    static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
