public import FerryCore
import Logging
import NIOCore
import NIOHTTP1

extension OCIRegistryClient {
    /// Lists a repository's tags: `GET /v2/<name>/tags/list?n=<pageSize>`, then every `Link: <…>; rel="next"` page
    /// (relative or absolute; it must stay on the same scheme and host, as in Flux).
    ///
    /// - Throws: ``RegistryError``: 401, 403 and 404 each have their own kind; so do throttling that retries could
    ///   not get past, truncated bodies, malformed JSON, bad `Link` headers and the timeout.
    public func listTags(in repository: ImageRepositoryName, access: RegistryAccess) async throws(RegistryError) -> TagListing {
        let operation = "cannot list the tags of \(repository.canonicalName)"
        var session = try RegistrySession(client: self, repository: repository, access: access, operation: operation)
        try await session.start(access: access)
        var tags: [String] = []
        var pages = 0
        var seen = Set<String>()
        var next: RegistryURL? = session.url("/v2/\(repository.repository)/tags/list", query: "n=\(access.limits.pageSize)")
        while let url = next {
            guard seen.insert(url.description).inserted else {
                throw session.context.error(.invalidPagination, HTTPExchange(method: .GET, url: url), "the Link header leads back to a page already read")
            }
            let reply = try await session.send(.GET, url, accept: ["application/json"])
            guard reply.status == 200 else {
                throw session.statusError(reply, .GET, subject: "the repository \(repository.repository) on \(repository.registry)")
            }
            let parsed: Result<Void, TagListParser.Failure> = reply.body.withUnsafeReadableBytes { bytes in
                do throws(TagListParser.Failure) {
                    _ = try TagListParser.parse(bytes, into: &tags)
                    return .success(())
                } catch {
                    return .failure(error)
                }
            }
            if case .failure(let failure) = parsed {
                throw session.context.error(
                    .malformedResponse, HTTPExchange(method: .GET, url: url), status: 200,
                    "the tag list is not valid: \(failure.message) at byte \(failure.offset) of \(reply.body.readableBytes)")
            }
            pages += 1
            next = nil
            if let link = reply.header("Link"), let target = LinkHeader.next(in: link) {
                guard let resolved = url.resolving(target) else {
                    throw session.context.error(.invalidPagination, HTTPExchange(method: .GET, url: url), "the Link header's next page \"\(target)\" is not a URL")
                }
                guard resolved.origin == url.origin else {
                    throw session.context.error(
                        .invalidPagination, HTTPExchange(method: .GET, url: url),
                        "the Link header sends the next page to \(resolved.origin), not \(url.origin); Ferry, like Flux, only follows pages on the same scheme and host")
                }
                next = resolved
            }
        }
        logger.debug("listed tags", metadata: ["registry.repository": "\(repository.canonicalName)", "tags.count": "\(tags.count)", "tags.pages": "\(pages)"])
        return TagListing(canonicalName: repository.canonicalName, tags: tags, pages: pages, throttles: session.context.throttles)
    }
}
