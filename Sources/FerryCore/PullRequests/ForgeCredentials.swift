/// The credentials Ferry presents to a forge's API. Their ``description`` never shows a secret.
///
/// | forge | ``token(_:)`` | ``basic(username:password:)`` |
/// | --- | --- | --- |
/// | GitHub | `Authorization: Bearer` | the password as a Bearer token |
/// | GitLab | `PRIVATE-TOKEN` | the password as the private token |
/// | Gitea, Forgejo | `Authorization: token` | Basic |
/// | Bitbucket | `Authorization: Bearer` (access tokens) | Basic (app passwords, API tokens) |
public enum ForgeCredentials: Sendable, Hashable, CustomStringConvertible {
    /// An access token.
    case token(String)
    /// A user name and password (Bitbucket app password, or a Gitea password).
    case basic(username: String, password: String)

    /// The keys Ferry reads from a pull-request Secret, in order: `token`, else `username` and
    /// `password`; from a GitRepository Secret, `bearerToken`, else `username` and `password`.
    ///
    /// - Parameter values: The Secret's decoded values.
    /// - Returns: The credentials, or `nil` when the Secret holds none of those keys.
    public static func fromSecret(_ values: [String: [UInt8]]) -> ForgeCredentials? {
        func text(_ key: String) -> String? {
            guard let bytes = values[key] else { return nil }
            let value = String(decoding: bytes, as: UTF8.self).trimmingASCIIWhitespace()
            return value.isEmpty ? nil : value
        }
        if let token = text("token") ?? text("bearerToken") { return .token(token) }
        if let password = text("password") {
            guard let username = text("username") else { return .token(password) }
            return .basic(username: username, password: password)
        }
        return nil
    }

    /// Every secret value, for scrubbing messages.
    public var secrets: [String] {
        switch self {
        case .token(let token): return [token]
        case .basic(let username, let password): return [password, username + ":" + password]
        }
    }

    /// `token`, or `basic (user NAME)`.
    public var description: String {
        switch self {
        case .token: return "token"
        case .basic(let username, _): return "basic (user \(username))"
        }
    }
}
