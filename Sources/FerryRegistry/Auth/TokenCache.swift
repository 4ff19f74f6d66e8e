import Crypto
import FerryCore

/// Bearer tokens by realm, service, scope and credentials, kept until their `expires_in` runs out (less a small
/// margin), so that every page and every scan of the same repository reuses one token.
actor TokenCache {
    private struct Entry {
        var token: String
        var expires: ContinuousClock.Instant
    }

    private var entries: [String: Entry] = [:]
    private let clock = ContinuousClock()
    /// Tokens fetched (tests and diagnostics).
    private(set) var fetches = 0

    /// The cache key for a scope and credentials; the credentials enter only as a SHA-256 fingerprint.
    static func key(realm: String, service: String?, scope: String, credentials: RegistryCredentials) -> String {
        var hasher = Crypto.SHA256()
        hasher.update(data: Array("\(credentials)".utf8))
        for secret in credentials.secrets {
            hasher.update(data: [0])
            hasher.update(data: Array(secret.utf8))
        }
        let fingerprint = hasher.finalize().prefix(12).map { byte in
            let digits = Array("0123456789abcdef".utf8)
            return String(decoding: [digits[Int(byte >> 4)], digits[Int(byte & 0xF)]], as: UTF8.self)
        }.joined()
        return [realm, service ?? "", scope, fingerprint].joined(separator: "|")
    }

    /// The lifetime a token is cached for: `expires_in` (60 s when absent, as the token spec says) less a tenth, at
    /// most five seconds, so a token is not sent in its last moments.
    static func cachedLifetime(expiresIn: Int?) -> Duration {
        let seconds = expiresIn.flatMap { $0 > 0 ? $0 : nil } ?? 60
        let lifetime = Duration.seconds(seconds)
        return lifetime - min(lifetime / 10, .seconds(5))
    }

    func token(for key: String, now: ContinuousClock.Instant? = nil) -> String? {
        guard let entry = entries[key] else { return nil }
        if (now ?? clock.now) >= entry.expires {
            entries[key] = nil
            return nil
        }
        return entry.token
    }

    func store(_ token: String, for key: String, expiresIn: Int?, now: ContinuousClock.Instant? = nil) {
        fetches += 1
        entries[key] = Entry(token: token, expires: (now ?? clock.now) + Self.cachedLifetime(expiresIn: expiresIn))
    }

    /// Forgets a token the registry refused (only if it is still the cached one).
    func discard(_ token: String, for key: String) {
        if entries[key]?.token == token { entries[key] = nil }
    }
}
