public import FerryCore

/// A Docker configuration that cannot be read.
public struct DockerConfigError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Where it came from (a path, or `secret ns/name`).
    public let source: String
    /// What is wrong (never a credential).
    public let reason: String

    public var description: String { "cannot read the Docker configuration \(source): \(reason)" }
}

extension DockerConfig {
    private struct RawEntry: Decodable {
        var auth: String?
        var username: String?
        var password: String?
        var identitytoken: String?
        var registrytoken: String?
    }

    private struct ConfigFile: Decodable {
        var auths: [String: RawEntry]?
    }

    /// Parses `config.json` or a Secret's `.dockerconfigjson` (`{"auths": {…}}`).
    ///
    /// - Parameters:
    ///   - bytes: The JSON.
    ///   - source: A name for messages.
    ///   - rules: The matching rules (``MatchingRules/dockerCLI`` for `config.json`, ``MatchingRules/kubernetes`` for
    ///     Secrets).
    /// - Throws: ``DockerConfigError`` when it is not JSON of that shape, or an `auth` is not base64 of `user:password`.
    public init(configJSON bytes: [UInt8], source: String, rules: MatchingRules) throws(DockerConfigError) {
        guard let file = JSONDocument.decode(ConfigFile.self, from: bytes) else {
            throw DockerConfigError(source: source, reason: JSONDocument.failure(ConfigFile.self, from: bytes))
        }
        self.init(entries: try Self.entries(file.auths ?? [:], source: source), rules: rules)
    }

    /// Parses a legacy `.dockercfg` (the `auths` map itself at the top level).
    public init(legacyDockercfg bytes: [UInt8], source: String) throws(DockerConfigError) {
        guard let map = JSONDocument.decode([String: RawEntry].self, from: bytes) else {
            throw DockerConfigError(source: source, reason: JSONDocument.failure([String: RawEntry].self, from: bytes))
        }
        self.init(entries: try Self.entries(map, source: source), rules: .kubernetes)
    }

    private static func entries(_ raw: [String: RawEntry], source: String) throws(DockerConfigError) -> [String: Entry] {
        var entries: [String: Entry] = [:]
        for (key, value) in raw {
            var entry = Entry(username: value.username, password: value.password, identityToken: value.identitytoken, registryToken: value.registrytoken)
            if let auth = value.auth, !auth.isEmpty {
                guard let decoded = Base64Text.decode(auth).map({ String(decoding: $0, as: UTF8.self) }), let colon = decoded.firstIndex(of: ":") else {
                    throw DockerConfigError(source: source, reason: "the \"auth\" of \"\(key)\" is not base64 of user:password")
                }
                entry.username = String(decoded[..<colon])
                entry.password = String(decoded[decoded.index(after: colon)...])
            }
            entries[key] = entry
        }
        return entries
    }
}
