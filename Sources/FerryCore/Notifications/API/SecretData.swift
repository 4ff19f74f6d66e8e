/// A Kubernetes `Secret` as a manifest writes it: `data` (Base64) and `stringData` (plain), merged with
/// `stringData` winning as the API server does. Values are secrets: they never appear in descriptions or errors.
public struct SecretData: Sendable, Hashable, Codable, CustomStringConvertible {
    /// `metadata`.
    public var metadata: ObjectMetadata
    /// The decoded values by key.
    public var values: [String: [UInt8]]

    /// Creates a Secret from decoded values.
    public init(metadata: ObjectMetadata, values: [String: [UInt8]]) {
        self.metadata = metadata
        self.values = values
    }

    /// The value of `key` as text, with surrounding whitespace trimmed (as Flux does for `address` and `token`).
    public func text(_ key: String) -> String? {
        guard let bytes = values[key] else { return nil }
        return String(decoding: bytes, as: UTF8.self).trimmingASCIIWhitespace()
    }

    /// The value of `key` as text, untrimmed.
    public func rawText(_ key: String) -> String? { values[key].map { String(decoding: $0, as: UTF8.self) } }

    /// Names the Secret and its keys, never the values.
    public var description: String { "Secret/\(metadata.qualifiedName) (keys: \(values.keys.sorted().joined(separator: ", ")))" }

    private enum CodingKeys: String, CodingKey { case metadata, data, stringData }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        metadata = try container.decode(ObjectMetadata.self, forKey: .metadata)
        var values: [String: [UInt8]] = [:]
        for (key, encoded) in try container.decodeIfPresent([String: String].self, forKey: .data) ?? [:] {
            guard let bytes = ByteEncoding.decodeBase64(encoded) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .data, in: container, debugDescription: "data.\(key) of Secret \(metadata.qualifiedName) is not valid Base64")
            }
            values[key] = bytes
        }
        for (key, text) in try container.decodeIfPresent([String: String].self, forKey: .stringData) ?? [:] { values[key] = Array(text.utf8) }
        self.values = values
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(metadata, forKey: .metadata)
        try container.encode(values.mapValues { ByteEncoding.base64($0) }, forKey: .data)
    }
}

extension String {
    /// The string without leading and trailing ASCII spaces, tabs and line breaks (Go's `strings.TrimSpace` for ASCII).
    func trimmingASCIIWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !Self.isSpace($0) }) else { return "" }
        guard let last = scalars.lastIndex(where: { !Self.isSpace($0) }) else { return "" }
        return String(scalars[first...last])
    }

    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" || scalar == "\u{0B}" || scalar == "\u{0C}" || scalar == "\u{85}"
            || scalar == "\u{A0}"
    }
}
