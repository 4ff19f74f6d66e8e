/// The port the ImageRepository and ImagePolicy reconcilers use to read a registry: list a repository's tags and
/// look up the digest a tag points to. `FerryRegistry.OCIRegistryClient` implements it over HTTP; tests may use an
/// in-memory conformer.
///
/// ```swift
/// let name = try ImageRepositoryName(parsing: "ghcr.io/org/app")
/// let listing = try await client.listTags(in: name, access: RegistryAccess(credentials: .anonymous))
/// listing.tags.count
/// let digest = try await client.digest(of: "1.2.3", in: name, access: .anonymous)
/// ```
public protocol RegistryClient: Sendable {
    /// Lists every tag of a repository, following pagination, as `GET /v2/<name>/tags/list` returns them.
    ///
    /// - Parameters:
    ///   - repository: The repository (its canonical name decides the registry and the path).
    ///   - access: Credentials, TLS material, provider and limits for this scan.
    /// - Returns: The tags in the registry's order, with what it took to get them.
    /// - Throws: ``RegistryError`` naming the repository and what went wrong.
    func listTags(in repository: ImageRepositoryName, access: RegistryAccess) async throws(RegistryError) -> TagListing

    /// The digest (`sha256:…`) a tag of a repository points to, from the registry's `Docker-Content-Digest`.
    ///
    /// - Parameters:
    ///   - tag: The tag.
    ///   - repository: The repository.
    ///   - access: Credentials, TLS material, provider and limits.
    /// - Throws: ``RegistryError``; a missing tag is ``RegistryError/Kind/notFound``.
    func digest(of tag: String, in repository: ImageRepositoryName, access: RegistryAccess) async throws(RegistryError) -> String
}
