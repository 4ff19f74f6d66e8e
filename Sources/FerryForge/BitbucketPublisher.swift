import FerryCore
import NIOHTTP1

/// Bitbucket Cloud's REST API 2.0 (https://developer.atlassian.com/cloud/bitbucket/rest/api-group-pullrequests/).
/// Bitbucket pull requests have no labels, and the API cannot schedule a merge for when builds pass, so a spec with
/// labels or auto-merge is refused (``PullRequestPlanner`` drops labels with a warning and refuses auto-merge).
struct BitbucketPublisher {
    let session: ForgeSession
    var spec: ChangeRequestSpec { session.spec }

    /// Items per page (Bitbucket allows up to 50 on this resource).
    static let pageSize = 50

    /// `Authorization: Bearer` for repository, project and workspace access tokens; Basic for an app password or
    /// API token with its user (https://developer.atlassian.com/cloud/bitbucket/rest/intro/#authentication).
    var headers: [(String, String)] {
        let authorization: String
        switch spec.credentials {
        case .token(let token): authorization = "Bearer " + token
        case .basic(let username, let password): authorization = "Basic " + ByteEncoding.base64((username + ":" + password).utf8)
        }
        return [("Accept", "application/json"), ("Authorization", authorization)]
    }

    var repositoryPath: String {
        let parts = spec.repository.split(separator: "/")
        return "/repositories/\(PercentEncoding.pathSegment(String(parts[0])))/\(PercentEncoding.pathSegment(String(parts[1])))"
    }

    func publish() async throws(ChangeRequestError) -> ChangeRequestResult {
        if !spec.labels.isEmpty {
            throw ChangeRequestError(.configuration, spec: spec, reason: "Bitbucket pull requests have no labels")
        }
        if spec.autoMerge != nil {
            throw ChangeRequestError(.configuration, spec: spec, reason: "Bitbucket's REST API cannot schedule a merge for when the builds pass")
        }
        if let open = try await findOpen() {
            // The listing's objects are partial; read the whole pull request for its description.
            let current = try await read(open.id)
            guard current.title != spec.title || (current.description ?? "") != spec.body else {
                return ChangeRequestResult(action: .unchanged, number: current.id, webURL: current.links.html.href)
            }
            let updated = try await update(current.id)
            return ChangeRequestResult(action: .updated, number: updated.id, webURL: updated.links.html.href)
        }
        let created = try await create()
        return ChangeRequestResult(action: .created, number: created.id, webURL: created.links.html.href, reviewersRequested: spec.reviewers)
    }

    /// Closes the open pull request of the branches: decline a pull request (no body); 200
    /// (https://developer.atlassian.com/cloud/bitbucket/rest/api-group-pullrequests/#api-repositories-workspace-repo-slug-pullrequests-pull-request-id-decline-post).
    /// `nil` when none is open.
    func close() async throws(ChangeRequestError) -> ChangeRequestResult? {
        let found: BitbucketPull?
        do { found = try await findOpen() } catch { throw error.during(.close(number: nil)) }
        guard let open = found else { return nil }
        do {
            let response = try await session.send(.POST, session.url(repositoryPath + "/pullrequests/\(open.id)/decline"), headers: headers)
            try session.expect(response, [200])
            let declined = try session.decode(BitbucketPull.self, response)
            return ChangeRequestResult(action: .closed, number: declined.id, webURL: declined.links.html.href)
        } catch {
            throw error.during(.close(number: open.id))
        }
    }

    /// The filter of the listing, in Bitbucket's query language (https://developer.atlassian.com/cloud/bitbucket/rest/intro/#filtering):
    /// `source.branch.name = "S" AND destination.branch.name = "T" AND state = "OPEN"`.
    var query: String {
        func quoted(_ text: String) -> String { "\"" + text.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"") + "\"" }
        return "source.branch.name = \(quoted(spec.sourceBranch)) AND destination.branch.name = \(quoted(spec.targetBranch)) AND state = \"OPEN\""
    }

    /// List pull requests with `q` and `pagelen`, following the page's `next` URL
    /// (https://developer.atlassian.com/cloud/bitbucket/rest/api-group-pullrequests/#api-repositories-workspace-repo-slug-pullrequests-get;
    /// pagination: https://developer.atlassian.com/cloud/bitbucket/rest/intro/#pagination).
    func findOpen() async throws(ChangeRequestError) -> BitbucketPull? {
        var next: String? = session.url(repositoryPath + "/pullrequests", query: [("q", query), ("pagelen", String(Self.pageSize))])
        var pages = 0
        while let url = next {
            pages += 1
            if pages > ForgeSession.maximumPages {
                throw ChangeRequestError(
                    .malformedResponse, spec: spec, request: "GET \(url)", reason: "the listing has more than \(ForgeSession.maximumPages) pages")
            }
            let response = try await session.send(.GET, url, headers: headers)
            try session.expect(response, [200])
            let page = try session.decode(BitbucketPage.self, response)
            if let match = page.values.first(where: {
                $0.state == "OPEN" && $0.source.branch.name == spec.sourceBranch && $0.destination.branch.name == spec.targetBranch
            }) {
                return match
            }
            next = try page.next.map { link throws(ChangeRequestError) in try session.sameOrigin(link, from: response) }
        }
        return nil
    }

    /// Get a pull request; 200
    /// (https://developer.atlassian.com/cloud/bitbucket/rest/api-group-pullrequests/#api-repositories-workspace-repo-slug-pullrequests-pull-request-id-get).
    func read(_ id: Int) async throws(ChangeRequestError) -> BitbucketPull {
        let response = try await session.send(.GET, session.url(repositoryPath + "/pullrequests/\(id)"), headers: headers)
        try session.expect(response, [200])
        return try session.decode(BitbucketPull.self, response)
    }

    /// Create a pull request: `title`, `description`, `source.branch.name`, `destination.branch.name`, `reviewers`
    /// (`{uuid}` or `{account_id}` objects), `draft`; 201
    /// (https://developer.atlassian.com/cloud/bitbucket/rest/api-group-pullrequests/#api-repositories-workspace-repo-slug-pullrequests-post).
    func create() async throws(ChangeRequestError) -> BitbucketPull {
        let reviewers: [GoJSON] = spec.reviewers.map { reviewer in
            reviewer.hasPrefix("{") ? .fields([("uuid", .string(reviewer))]) : .fields([("account_id", .string(reviewer))])
        }
        var fields: [(String, GoJSON)] = [
            ("title", .string(spec.title)), ("description", .string(spec.body)),
            ("source", .fields([("branch", .fields([("name", .string(spec.sourceBranch))]))])),
            ("destination", .fields([("branch", .fields([("name", .string(spec.targetBranch))]))])),
        ]
        if !reviewers.isEmpty { fields.append(("reviewers", .array(reviewers))) }
        fields.append(("draft", .bool(spec.draft)))
        let response = try await session.send(.POST, session.url(repositoryPath + "/pullrequests"), json: .fields(fields), headers: headers)
        try session.expect(response, [201])
        return try session.decode(BitbucketPull.self, response)
    }

    /// Update a pull request: `title`, `description` (reviewers left as they are); 200
    /// (https://developer.atlassian.com/cloud/bitbucket/rest/api-group-pullrequests/#api-repositories-workspace-repo-slug-pullrequests-pull-request-id-put).
    func update(_ id: Int) async throws(ChangeRequestError) -> BitbucketPull {
        let body = GoJSON.fields([("title", .string(spec.title)), ("description", .string(spec.body))])
        let response = try await session.send(.PUT, session.url(repositoryPath + "/pullrequests/\(id)"), json: body, headers: headers)
        try session.expect(response, [200])
        return try session.decode(BitbucketPull.self, response)
    }
}

/// A page of a listing.
struct BitbucketPage: Decodable {
    var values: [BitbucketPull]
    var next: String?
}

/// A pull request (the fields Ferry reads).
struct BitbucketPull: Decodable {
    struct Endpoint: Decodable {
        struct Branch: Decodable { var name: String }
        var branch: Branch
    }
    struct Links: Decodable {
        struct Link: Decodable { var href: String }
        var html: Link
    }

    var id: Int
    var state: String
    var title: String
    var description: String?
    var source: Endpoint
    var destination: Endpoint
    var links: Links
}
