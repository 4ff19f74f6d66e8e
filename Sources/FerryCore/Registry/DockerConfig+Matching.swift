extension DockerConfig {
    /// The credentials for a repository, or `nil` when no entry matches.
    ///
    /// - Parameter repository: The canonical repository name, `registry/path` (e.g. `index.docker.io/library/alpine`);
    ///   a bare registry is matched as if it held some repository.
    public func credentials(for repository: String) -> RegistryCredentials? {
        switch rules {
        case .kubernetes: return kubernetesEntry(for: repository)?.credentials
        case .dockerCLI: return dockerCLIEntry(for: repository)?.credentials
        }
    }

    // MARK: - Docker CLI

    private func dockerCLIEntry(for repository: String) -> Entry? {
        var registry = String(repository.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
        if registry == ImageRepositoryName.dockerHubRegistry || registry == "docker.io" { registry = Self.dockerHubLegacyKey }
        if let exact = entries[registry] { return exact }
        for key in entries.keys.sorted() where Self.hostname(of: key) == registry {
            return entries[key]
        }
        return nil
    }

    /// The Docker CLI's `ConvertToHostname`: the key without `http://`/`https://` and without anything from the
    /// first `/`.
    static func hostname(of key: String) -> String {
        var rest = Substring(key)
        if rest.hasPrefix("http://") {
            rest = rest.dropFirst(7)
        } else if rest.hasPrefix("https://") {
            rest = rest.dropFirst(8)
        }
        return String(rest.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
    }

    // MARK: - Kubernetes keyring

    /// A key as the keyring indexes it: host (with port) and path, `/v1/` and `/v2/` prefixes dropped.
    struct KeyringKey: Hashable {
        var host: String
        var path: String

        var indexed: String { host + path }

        init(parsing key: String) {
            var rest = Substring(key)
            if rest.hasPrefix("http://") {
                rest = rest.dropFirst(7)
            } else if rest.hasPrefix("https://") {
                rest = rest.dropFirst(8)
            }
            let slash = rest.firstIndex(of: "/") ?? rest.endIndex
            host = String(rest[..<slash])
            var path = String(rest[slash...])
            if path.hasPrefix("/v2/") || path.hasPrefix("/v1/") { path = String(path.dropFirst(3)) }
            self.path = path == "/" ? "" : path
        }
    }

    private func kubernetesEntry(for repository: String) -> Entry? {
        var keys: [String: [Entry]] = [:]
        for (key, entry) in entries.sorted(by: { $0.key < $1.key }) {
            keys[KeyringKey(parsing: key).indexed, default: []].append(entry)
        }
        // Reverse byte order puts longer (more specific) keys with the same prefix first.
        let target = KeyringKey(parsing: repository.contains("/") ? repository : repository + "/foo/bar")
        for indexed in keys.keys.sorted(by: >) {
            let key = KeyringKey(parsing: indexed)
            if Self.urlsMatch(glob: key, target: target), let entry = keys[indexed]?.first { return entry }
        }
        if Self.isDefaultRegistryMatch(repository), let entry = keys[ImageRepositoryName.dockerHubRegistry]?.first {
            return entry
        }
        return nil
    }

    /// The keyring's `isDefaultRegistryMatch`: whether an image name pulls from Docker Hub.
    static func isDefaultRegistryMatch(_ image: String) -> Bool {
        let parts = image.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard let first = parts.first, !first.isEmpty else { return false }
        if parts.count == 1 { return true }
        if first == "docker.io" || first == ImageRepositoryName.dockerHubRegistry { return true }
        return !first.contains(".") && !first.contains(":")
    }

    /// The keyring's `URLsMatch`: same port, same number of host labels, each label matching its glob, and the
    /// key's path a prefix of the target's.
    static func urlsMatch(glob: KeyringKey, target: KeyringKey) -> Bool {
        let (globLabels, globPort) = split(glob.host)
        let (targetLabels, targetPort) = split(target.host)
        guard globPort == targetPort, globLabels.count == targetLabels.count, target.path.hasPrefix(glob.path) else { return false }
        return zip(globLabels, targetLabels).allSatisfy { GlobPattern.matches(Array($0.utf8), Array($1.utf8)) }
    }

    /// Go's `net.SplitHostPort`, falling back to the whole host and no port when it fails; then the labels.
    private static func split(_ host: String) -> (labels: [Substring], port: String) {
        var name = Substring(host)
        var port = ""
        if host.hasPrefix("["), let close = host.firstIndex(of: "]") {
            let after = host[host.index(after: close)...]
            if after.hasPrefix(":") {
                port = String(after.dropFirst())
                name = host[host.index(after: host.startIndex)..<close]
            }
        } else if let colon = host.firstIndex(of: ":"), host.lastIndex(of: ":") == colon {
            port = String(host[host.index(after: colon)...])
            name = host[..<colon]
        }
        return (name.split(separator: ".", omittingEmptySubsequences: false), port)
    }
}

/// Go's `filepath.Match` for one host label: `*` (any run of characters), `?` (one character), `[…]` classes
/// with ranges and `^` negation, and `\` escapes.
enum GlobPattern {
    static func matches(_ pattern: [UInt8], _ name: [UInt8]) -> Bool {
        matches(pattern[...], name[...])
    }

    private static func matches(_ pattern: ArraySlice<UInt8>, _ name: ArraySlice<UInt8>) -> Bool {
        var pattern = pattern
        var name = name
        while let first = pattern.first {
            switch first {
            case UInt8(ascii: "*"):
                let rest = pattern.dropFirst()
                var candidate = name
                while true {
                    if matches(rest, candidate) { return true }
                    guard !candidate.isEmpty else { return false }
                    candidate = candidate.dropFirst()
                }
            case UInt8(ascii: "?"):
                guard !name.isEmpty else { return false }
                pattern = pattern.dropFirst()
                name = name.dropFirst()
            case UInt8(ascii: "["):
                guard let byte = name.first, let (matched, rest) = matchClass(pattern.dropFirst(), byte), matched else { return false }
                pattern = rest
                name = name.dropFirst()
            case UInt8(ascii: "\\"):
                let escaped = pattern.dropFirst()
                guard let literal = escaped.first, name.first == literal else { return false }
                pattern = escaped.dropFirst()
                name = name.dropFirst()
            default:
                guard name.first == first else { return false }
                pattern = pattern.dropFirst()
                name = name.dropFirst()
            }
        }
        return name.isEmpty
    }

    /// Matches `byte` against the class starting after `[`; returns whether it matched and the pattern after `]`,
    /// or `nil` for a malformed class (which never matches, as Go reports `ErrBadPattern`).
    private static func matchClass(_ pattern: ArraySlice<UInt8>, _ byte: UInt8) -> (Bool, ArraySlice<UInt8>)? {
        var rest = pattern
        var negated = false
        if rest.first == UInt8(ascii: "^") {
            negated = true
            rest = rest.dropFirst()
        }
        var matched = false
        var first = true
        while true {
            guard let current = rest.first else { return nil }
            if current == UInt8(ascii: "]") && !first { break }
            first = false
            var low = current
            rest = rest.dropFirst()
            if low == UInt8(ascii: "\\") {
                guard let escaped = rest.first else { return nil }
                low = escaped
                rest = rest.dropFirst()
            }
            var high = low
            if rest.first == UInt8(ascii: "-"), let next = rest.dropFirst().first, next != UInt8(ascii: "]") {
                high = next
                rest = rest.dropFirst(2)
            }
            if low <= byte && byte <= high { matched = true }
        }
        return (matched != negated, rest.dropFirst())
    }
}
