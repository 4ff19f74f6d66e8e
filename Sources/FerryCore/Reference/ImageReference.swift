/// A parsed container image reference: a repository plus a tag, a digest, or both.
///
/// ```swift
/// let ref = try ImageReference(parsing: "ghcr.io/org/app:1.2.3")
/// ref.canonicalName  // "ghcr.io/org/app"
/// ref.tag            // "1.2.3"
/// ref.description    // "ghcr.io/org/app:1.2.3"
///
/// try ImageReference(parsing: "alpine").description  // "index.docker.io/library/alpine:latest"
/// ```
///
/// A reference with neither tag nor digest gets the tag `latest`, as in go-containerregistry. A reference with a
/// digest keeps its tag only if one was written (`name:tag@digest`); go-containerregistry validates such a tag and then
/// drops it, Ferry keeps it so that policy results such as `app:1.0@sha256:…` can be printed back.
public struct ImageReference: Hashable, Sendable, CustomStringConvertible {
    /// The tag go-containerregistry assumes when a reference has neither a tag nor a digest.
    public static let defaultTag = "latest"

    /// The repository the reference points into (go-containerregistry's `Context()`).
    public let context: ImageRepositoryName

    /// The tag: as written, or ``defaultTag`` when the reference has neither tag nor digest; `nil` for a digest
    /// reference written without a tag.
    public let tag: String?

    /// The digest as written (`sha256:` followed by 64 lowercase hex digits), or `nil`.
    public let digest: String?

    /// Creates a reference from parts that are already validated.
    init(context: ImageRepositoryName, tag: String?, digest: String?) {
        self.context = context
        self.tag = tag
        self.digest = digest
    }

    /// The registry as `host[:port]`, e.g. `index.docker.io` (see ``ImageRepositoryName/registry``).
    public var registry: String {
        context.registry
    }

    /// The repository path within the registry, e.g. `library/alpine` (see ``ImageRepositoryName/repository``).
    public var repository: String {
        context.repository
    }

    /// `<registry>/<repository>`, as in Flux's `status.canonicalImageName`.
    public var canonicalName: String {
        context.canonicalName
    }

    /// The scheme go-containerregistry picks for the registry (see ``ImageRepositoryName/scheme``).
    public var scheme: ImageRepositoryName.Scheme {
        context.scheme
    }

    /// What to ask the registry's manifest endpoint for: the digest when there is one, otherwise the tag.
    public var identifier: String {
        digest ?? tag ?? Self.defaultTag
    }

    /// The normalised reference, `<canonicalName>[:<tag>][@<digest>]`.
    public var description: String {
        var text = canonicalName
        if let tag {
            text += ":" + tag
        }
        if let digest {
            text += "@" + digest
        }
        return text
    }
}
