/// Removes credentials from texts before they reach an error, a log line or a status: every
/// given secret value, and the user information of every URL.
public struct GitRedaction: Hashable, Sendable {
    /// What replaces a secret value.
    public static let mask = "[redacted]"

    /// The values to remove, longest first (so a secret that contains another goes first).
    public let secrets: [String]

    /// Creates a redaction for these secret values; empty values are ignored. Multi-line
    /// values (keys) are also redacted line by line, so a fragment of a key that Git or
    /// OpenSSH quotes cannot slip through.
    public init(secrets: [String]) {
        var values = Set<String>()
        for secret in secrets where !secret.isEmpty {
            values.insert(secret)
            if secret.contains("\n") {
                for line in secret.split(separator: "\n") where line.utf8.count >= 16 { values.insert(String(line)) }
            }
        }
        self.secrets = values.sorted { $0.utf8.count != $1.utf8.count ? $0.utf8.count > $1.utf8.count : $0 < $1 }
    }

    /// The text with every secret value replaced by ``mask`` and URL user information removed.
    public func apply(_ text: String) -> String {
        var result = text
        for secret in secrets where result.contains(secret) {
            result = result.replacing(secret, with: Self.mask)
        }
        return GitURL.redacting(result)
    }
}
