extension ImageRepositoryName {
    /// Parses an `ImageRepository` `spec.image` value exactly as Flux's image-reflector-controller does
    /// (`registry.ParseImageReference`): a repository address without scheme, tag or digest, such as `fluxcd/flux`,
    /// `ghcr.io/org/app` or `localhost:5000/app`.
    ///
    /// The checks run in Flux's order:
    /// 1. The value must not contain `://` (``ImageReferenceError/urlScheme(image:scheme:)``).
    /// 2. It must parse as an image reference (see ``ImageReference/init(parsing:insecure:)``); otherwise
    ///    ``ImageReferenceError/unparsableReference(_:cause:)``, e.g. for upper-case repository names.
    /// 3. Once the normalised registry is removed from the front of the value, no `:` may remain; this rejects tags and
    ///    digests (``ImageReferenceError/tagInImage(image:remainder:)``).
    ///
    /// Every one of these errors makes Flux mark the object Stalled with reason `ImageURLInvalid`.
    ///
    /// - Parameters:
    ///   - image: The `spec.image` value as written.
    ///   - insecure: `spec.insecure`: allow plain HTTP to the registry.
    /// - Throws: ``ImageReferenceError`` with Flux's message.
    public init(parsing image: String, insecure: Bool = false) throws(ImageReferenceError) {
        try ReferenceGrammar.rejectURLScheme(image)
        let reference = try ReferenceGrammar.parseReference(Substring(image), insecure: insecure)
        // Flux trims the registry as go-containerregistry reports it, so `docker.io/...` keeps its prefix here.
        var remainder = Substring(image)
        if remainder.utf8.starts(with: reference.registry.utf8) {
            remainder = remainder[remainder.utf8.index(remainder.startIndex, offsetBy: reference.registry.utf8.count)...]
        }
        if let colon = remainder.utf8.firstIndex(of: UInt8(ascii: ":")) {
            let afterColon = remainder[remainder.utf8.index(after: colon)...]
            let part = afterColon.utf8.firstIndex(of: UInt8(ascii: ":")).map { afterColon[..<$0] } ?? afterColon
            throw .tagInImage(image: image, remainder: String(part))
        }
        self = reference.context
    }

    /// Parses a bare repository name the way go-containerregistry's `name.NewRepository` does, which is how
    /// `flux create image repository --image` validates its flag.
    ///
    /// Unlike ``init(parsing:insecure:)``, a failure reports the component check itself, e.g.
    /// `repository can only contain the characters …: Org/App`, and a tag is simply an invalid repository character.
    ///
    /// - Parameters:
    ///   - repository: `[registry/]path`, without tag or digest.
    ///   - insecure: Whether plain HTTP is allowed for the registry.
    /// - Throws: ``ImageReferenceError`` for an empty name, a bad repository path or a bad registry.
    public init(validating repository: String, insecure: Bool = false) throws(ImageReferenceError) {
        self = try ReferenceGrammar.parseRepository(Substring(repository), insecure: insecure)
    }
}
