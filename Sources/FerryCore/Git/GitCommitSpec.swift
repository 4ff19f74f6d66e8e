/// How the automation commits: `spec.git.commit` of an ImageUpdateAutomation (UA-04, UA-05).
public struct GitCommitSpec: Hashable, Sendable {
    /// `author.name`: author and committer name.
    public var authorName: String
    /// `author.email`: author and committer email.
    public var authorEmail: String
    /// The signature to add, from `signingKey`; `nil` for unsigned commits.
    public var signing: GitSigningKey?

    /// Creates a commit spec.
    ///
    /// - Throws: ``GitConfigurationError`` when the email is empty, or the name is empty (the git
    ///   command line refuses such commits, where Flux's go-git writes them).
    public init(authorName: String, authorEmail: String, signing: GitSigningKey? = nil) throws(GitConfigurationError) {
        guard !authorEmail.isEmpty else { throw .emptyAuthorEmail }
        guard !authorName.isEmpty else { throw .emptyAuthorName }
        self.authorName = authorName
        self.authorEmail = authorEmail
        self.signing = signing
    }
}

/// A commit-signing key from the Secret named by `spec.git.commit.signingKey.secretRef` (UA-05).
public enum GitSigningKey: Hashable, Sendable {
    /// OpenPGP: `git.asc` (an armoured key ring with one key) and an optional `passphrase`.
    case openPGP(armoredKey: [UInt8], passphrase: String?, secretName: String)
    /// SSH: `identity` (an OpenSSH private key) and an optional `password`.
    case ssh(identity: [UInt8], password: String?, secretName: String)

    /// Reads a signing Secret as Flux does.
    ///
    /// - Parameters:
    ///   - type: `signingKey.type`: `gpg` (also when empty) or `ssh`.
    ///   - secretName: The Secret's name, for messages.
    ///   - secretData: The Secret's `data`.
    /// - Throws: ``GitConfigurationError`` with Flux's message when the key field is missing, or for an unknown type.
    public init(type: String, secretName: String, secretData: [String: [UInt8]]) throws(GitConfigurationError) {
        let password = { (key: String) -> String? in secretData[key].map { String(decoding: $0, as: UTF8.self) } }
        switch type {
        case "", "gpg":
            guard let key = secretData["git.asc"] else { throw .signingKeyMissing(secret: secretName, field: "git.asc") }
            self = .openPGP(armoredKey: key, passphrase: password("passphrase"), secretName: secretName)
        case "ssh":
            guard let key = secretData["identity"] else { throw .signingKeyMissing(secret: secretName, field: "identity") }
            self = .ssh(identity: key, password: password("password"), secretName: secretName)
        default:
            throw .signingInvalidType(type)
        }
    }

    /// The key and passphrase texts, for scrubbing messages.
    public var secrets: [String] {
        switch self {
        case .openPGP(let key, let passphrase, _):
            return [String(decoding: key, as: UTF8.self), passphrase ?? ""].filter { !$0.isEmpty }
        case .ssh(let key, let password, _):
            return [String(decoding: key, as: UTF8.self), password ?? ""].filter { !$0.isEmpty }
        }
    }
}
