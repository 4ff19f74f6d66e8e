extension ImageReference {
    /// Parses a full image reference, `[registry/]repository[:tag][@digest]`, with go-containerregistry's default
    /// (weak) validation, which is what Flux uses; for `ferry scan IMAGE` input and policy results (`name:tag@digest`).
    ///
    /// - The first path component is the registry only if it contains `.` or `:`; so `localhost/app` is the Docker Hub
    ///   repository `localhost/app`, while `localhost:5000/app` is on `localhost:5000`.
    /// - The last `:` starts a tag unless a `/` follows it; an empty tag (`alpine:`) counts as no tag.
    /// - A tag reference is tried first, then a digest reference (exactly one `@`, then `sha256:` and 64 lowercase hex
    ///   digits).
    ///
    /// Unlike go-containerregistry v0.20, which reads `https://ghcr.io/app` as registry `https:` and path
    /// `/ghcr.io/app`, any input containing `://` is rejected with Flux's `spec.image` message (newer
    /// go-containerregistry releases reject `http://` and `https://` too).
    ///
    /// - Parameters:
    ///   - reference: The reference as written.
    ///   - insecure: Whether plain HTTP is allowed for the registry (go-containerregistry's `name.Insecure`).
    /// - Throws: ``ImageReferenceError/urlScheme(image:scheme:)`` for `://`; otherwise
    ///   ``ImageReferenceError/unparsableReference(_:cause:)`` (`could not parse reference: <reference>`), whose
    ///   ``ImageReferenceError/cause`` names the failed check: that of the digest reading when the input contains `@`,
    ///   otherwise that of the tag reading.
    public init(parsing reference: String, insecure: Bool = false) throws(ImageReferenceError) {
        try ReferenceGrammar.rejectURLScheme(reference)
        self = try ReferenceGrammar.parseReference(Substring(reference), insecure: insecure)
    }
}

/// go-containerregistry's `pkg/name` grammar (`ParseReference`, `NewTag`, `NewDigest`, `NewRepository`,
/// `NewRegistry`) with default options, written against UTF-8 bytes and Unicode scalars as Go works on bytes and runes.
enum ReferenceGrammar {
    /// Flux's first `spec.image` check: everything before the first `://` is a URL scheme the user must remove.
    static func rejectURLScheme(_ text: String) throws(ImageReferenceError) {
        let pattern = Array("://".utf8)
        let bytes = text.utf8
        var start = bytes.startIndex
        while start != bytes.endIndex {
            if bytes[start...].starts(with: pattern) {
                throw .urlScheme(image: text, scheme: String(text[..<start]))
            }
            start = bytes.index(after: start)
        }
    }

    /// `ParseReference`: a tag reference if that reading succeeds, else a digest reference.
    static func parseReference(_ text: Substring, insecure: Bool) throws(ImageReferenceError) -> ImageReference {
        let tagFailure: ImageReferenceError
        do throws(ImageReferenceError) {
            let (context, tag) = try parseTagged(text, insecure: insecure)
            return ImageReference(context: context, tag: tag ?? ImageReference.defaultTag, digest: nil)
        } catch {
            tagFailure = error
        }
        let digestFailure: ImageReferenceError
        do throws(ImageReferenceError) {
            return try parseDigested(text, insecure: insecure)
        } catch {
            digestFailure = error
        }
        let cause = text.utf8.contains(UInt8(ascii: "@")) ? digestFailure : tagFailure
        throw .unparsableReference(String(text), cause: cause)
    }

    /// `NewTag`: splits off a tag after the last `:` unless a `/` follows it, checks a non-empty tag, then parses the
    /// rest as a repository. Returns the tag only when one was written.
    static func parseTagged(
        _ text: Substring,
        insecure: Bool
    ) throws(ImageReferenceError) -> (context: ImageRepositoryName, tag: String?) {
        var base = text
        var tag: Substring?
        if let colon = text.utf8.lastIndex(of: UInt8(ascii: ":")) {
            let candidate = text[text.utf8.index(after: colon)...]
            if !candidate.utf8.contains(UInt8(ascii: "/")) {
                base = text[..<colon]
                tag = candidate
            }
        }
        if let tag, !tag.isEmpty {
            let length = tag.unicodeScalars.count
            if length < 1 || length > 127 {
                throw .invalidTagLength(String(tag))
            }
            if !only(tag, in: ImageReferenceError.tagCharacters) {
                throw .invalidTagCharacters(String(tag))
            }
        }
        let context = try parseRepository(base, insecure: insecure)
        return (context, tag.flatMap { $0.isEmpty ? nil : String($0) })
    }

    /// `NewDigest`: exactly one `@`; a `sha256:` digest with 64 lowercase hex digits; then the part before `@` as a
    /// tag reference if possible (its canonical repository is parsed again, as go-containerregistry does), otherwise as
    /// a repository.
    static func parseDigested(_ text: Substring, insecure: Bool) throws(ImageReferenceError) -> ImageReference {
        let at = UInt8(ascii: "@")
        guard let separator = text.utf8.firstIndex(of: at), text.utf8.count(where: { $0 == at }) == 1 else {
            throw .digestSeparator(String(text))
        }
        let base = text[..<separator]
        let digest = text[text.utf8.index(after: separator)...]
        let prefix = "sha256:".utf8
        guard digest.utf8.starts(with: prefix) else {
            throw .unsupportedDigestAlgorithm(String(digest))
        }
        let hex = digest.utf8.dropFirst(prefix.count)
        guard hex.count == 64 else {
            throw .invalidDigestLength(String(digest))
        }
        guard hex.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0) })
        else {
            throw .invalidDigestFormat(String(digest))
        }
        var repositorySource = base
        var tag: String?
        if let tagged = try? parseTagged(base, insecure: insecure) {
            repositorySource = Substring(tagged.context.canonicalName)
            tag = tagged.tag
        }
        let context = try parseRepository(repositorySource, insecure: insecure)
        return ImageReference(context: context, tag: tag, digest: String(digest))
    }

    /// `NewRepository` followed by `NewRegistry`: splits off a registry when the first component contains `.` or `:`,
    /// checks the repository path (2–255 characters from `a-z0-9_-./`), then the registry, and normalises Docker Hub.
    static func parseRepository(_ text: Substring, insecure: Bool) throws(ImageReferenceError) -> ImageRepositoryName {
        guard !text.isEmpty else {
            throw .repositoryMissing
        }
        var registry: Substring = ""
        var path = text
        if let slash = text.utf8.firstIndex(of: UInt8(ascii: "/")) {
            let first = text[..<slash]
            if first.utf8.contains(UInt8(ascii: ".")) || first.utf8.contains(UInt8(ascii: ":")) {
                registry = first
                path = text[text.utf8.index(after: slash)...]
            }
        }
        let length = path.unicodeScalars.count
        if length < 2 || length > 255 {
            throw .invalidRepositoryLength(String(path))
        }
        if !only(path, in: ImageReferenceError.repositoryCharacters) {
            throw .invalidRepositoryCharacters(String(path))
        }
        guard RegistryHost.isValidAuthority(registry) else {
            throw .invalidRegistry(String(registry))
        }
        let host = registry.isEmpty || registry == "docker.io" ? ImageRepositoryName.dockerHubRegistry : String(registry)
        var repository = String(path)
        if host == ImageRepositoryName.dockerHubRegistry && !path.utf8.contains(UInt8(ascii: "/")) {
            repository = "library/" + repository
        }
        return ImageRepositoryName(registry: host, repository: repository, insecure: insecure)
    }

    /// Whether every Unicode scalar of `text` is one of `allowed` (go-containerregistry's `checkElement` works on runes).
    private static func only(_ text: Substring, in allowed: String) -> Bool {
        text.unicodeScalars.allSatisfy { allowed.unicodeScalars.contains($0) }
    }
}
