public import FerryCore

/// A ``RegistryClient`` over fixed data, for tests of code that uses the port (reconcilers, commands): each
/// repository's tags and digests, and errors to throw for chosen repositories.
///
/// ```swift
/// let client = InMemoryRegistryClient(repositories: ["ghcr.io/org/app": ["1.0.0": "sha256:…"]])
/// ```
public struct InMemoryRegistryClient: RegistryClient {
    /// Tags (with their digests) by canonical repository name, in the order `listTags` returns them.
    public var repositories: [String: KeyValuePairs<String, String>]
    /// Errors thrown for repositories (by canonical name), before anything else.
    public var failures: [String: RegistryError]

    /// Creates a client.
    public init(repositories: [String: KeyValuePairs<String, String>] = [:], failures: [String: RegistryError] = [:]) {
        self.repositories = repositories
        self.failures = failures
    }

    public func listTags(in repository: ImageRepositoryName, access: RegistryAccess) async throws(RegistryError) -> TagListing {
        let name = repository.canonicalName
        if let failure = failures[name] { throw failure }
        guard let tags = repositories[name] else {
            throw RegistryError(.notFound, operation: "cannot list the tags of \(name)", status: 404, reason: "the repository does not exist")
        }
        return TagListing(canonicalName: name, tags: tags.map(\.key))
    }

    public func digest(of tag: String, in repository: ImageRepositoryName, access: RegistryAccess) async throws(RegistryError) -> String {
        let name = repository.canonicalName
        if let failure = failures[name] { throw failure }
        guard let digest = repositories[name]?.first(where: { $0.key == tag })?.value else {
            throw RegistryError(.notFound, operation: "cannot get the digest of \(name):\(tag)", status: 404, reason: "the tag does not exist")
        }
        return digest
    }
}
