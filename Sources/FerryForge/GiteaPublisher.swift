import FerryCore
import NIOHTTP1

/// Gitea's and Forgejo's API v1 (https://docs.gitea.com/api/1.22/, the `swagger.v1.json` each server serves at
/// `/api/swagger`; Forgejo keeps the same routes: https://forgejo.org/docs/latest/user/api-usage/).
struct GiteaPublisher {
    let session: ForgeSession
    var spec: ChangeRequestSpec { session.spec }

    /// The title prefix Gitea reads as work in progress (its default `WORK_IN_PROGRESS_PREFIXES` starts with `WIP:`).
    static let draftPrefix = "WIP: "
    /// Items per page (Gitea's default maximum is 50).
    static let pageSize = 50

    /// `Authorization: token …` for access tokens, Basic for a user and password
    /// (https://docs.gitea.com/development/api-usage#authentication).
    var headers: [(String, String)] {
        let authorization: String
        switch spec.credentials {
        case .token(let token): authorization = "token " + token
        case .basic(let username, let password): authorization = "Basic " + ByteEncoding.base64((username + ":" + password).utf8)
        }
        return [("Accept", "application/json"), ("Authorization", authorization)]
    }

    var repositoryPath: String {
        let parts = spec.repository.split(separator: "/")
        return "/repos/\(PercentEncoding.pathSegment(String(parts[0])))/\(PercentEncoding.pathSegment(String(parts[1])))"
    }

    func publish() async throws(ChangeRequestError) -> ChangeRequestResult {
        var action = ChangeRequestResult.Action.unchanged
        var pull: GiteaPull
        var added: [String] = []
        var requested: [String] = []
        let labelIDs = try await labelIDs(spec.labels)
        var found = try await findOpen()
        var created: GiteaPull?
        if found == nil {
            created = try await create(labelIDs: labelIDs)
            // 409: another run opened it between the listing and the creation.
            if created == nil {
                found = try await findOpen()
                if found == nil { throw session.duplicateNotListed() }
            }
        }
        if let created {
            pull = created
            action = .created
            added = spec.labels
            if !spec.reviewers.isEmpty {
                try await requestReviewers(pull.number)
                requested = spec.reviewers
            }
        } else if let open = found {
            pull = open
            let title = open.title.hasPrefix(Self.draftPrefix) || open.title.hasPrefix("[WIP]") ? Self.draftPrefix + spec.title : spec.title
            if open.title != title || (open.body ?? "") != spec.body {
                pull = try await edit(open.number, title: title)
                action = .updated
            }
            let have = Set((open.labels ?? []).map(\.id))
            let missing = zip(spec.labels, labelIDs).filter { !have.contains($0.1) }
            if !missing.isEmpty {
                try await addLabels(missing.map(\.1), to: open.number)
                added = missing.map(\.0)
                action = .updated
            }
        } else {
            preconditionFailure("invariant: a pull request was either found or created")
        }
        let autoMerge = try await enableAutoMerge(pull.number)
        return ChangeRequestResult(
            action: action, number: pull.number, webURL: pull.htmlURL, labelsAdded: added, reviewersRequested: requested, autoMerge: autoMerge)
    }

    /// Closes the open pull request of the branches: edit a pull request with `state` `closed`; 201
    /// (`PATCH /repos/{owner}/{repo}/pulls/{index}`, operation `repoEditPullRequest`, `EditPullRequestOption`). `nil` when none is open.
    func close() async throws(ChangeRequestError) -> ChangeRequestResult? {
        let found: GiteaPull?
        do { found = try await findOpen() } catch { throw error.during(.close(number: nil)) }
        guard let open = found else { return nil }
        do {
            let body = GoJSON.fields([("state", .string("closed"))])
            let response = try await session.send(.PATCH, session.url(repositoryPath + "/pulls/\(open.number)"), json: body, headers: headers)
            try session.expect(response, [201])
            let closed = try session.decode(GiteaPull.self, response)
            return ChangeRequestResult(action: .closed, number: closed.number, webURL: closed.htmlURL)
        } catch {
            throw error.during(.close(number: open.number))
        }
    }

    /// List a repo's pull requests: `state=open`, `page`, `limit`, following `Link` (Gitea's list has no head filter on
    /// every version, so the head and base are matched here) (`GET /repos/{owner}/{repo}/pulls`, operation `repoListPullRequests`).
    func findOpen() async throws(ChangeRequestError) -> GiteaPull? {
        let first = session.url(repositoryPath + "/pulls", query: [("state", "open"), ("page", "1"), ("limit", String(Self.pageSize))])
        let pulls = try await session.pagesByLink(first, headers: headers, as: GiteaPull.self)
        return pulls.first {
            $0.state == "open" && $0.head.ref == spec.sourceBranch && $0.base.ref == spec.targetBranch
                && ($0.head.repo?.fullName.lowercased() ?? spec.repository.lowercased()) == spec.repository.lowercased()
        }
    }

    /// The ids of labels by name (`GET /repos/{owner}/{repo}/labels`, operation `issueListLabels`): the pull request
    /// endpoints take ids, and Gitea does not create labels on the fly.
    func labelIDs(_ names: [String]) async throws(ChangeRequestError) -> [Int] {
        guard !names.isEmpty else { return [] }
        let first = session.url(repositoryPath + "/labels", query: [("page", "1"), ("limit", String(Self.pageSize))])
        let labels = try await session.pagesByLink(first, headers: headers, as: GiteaLabel.self)
        var ids: [Int] = []
        for name in names {
            guard let label = labels.first(where: { $0.name.lowercased() == name.lowercased() }) else {
                throw ChangeRequestError(
                    .unknownLabel, spec: spec, request: "GET \(first)", status: 200,
                    reason: "the label \(name) does not exist in \(spec.repository); Gitea only applies existing labels (create it first)")
            }
            ids.append(label.id)
        }
        return ids
    }

    /// Create a pull request: `head`, `base`, `title`, `body`, `labels` (ids); 201 (`POST /repos/{owner}/{repo}/pulls`,
    /// `CreatePullRequestOption`). `nil` when Gitea answers 409 "pull request already exists for these targets".
    func create(labelIDs: [Int]) async throws(ChangeRequestError) -> GiteaPull? {
        var fields: [(String, GoJSON)] = [
            ("head", .string(spec.sourceBranch)), ("base", .string(spec.targetBranch)),
            ("title", .string(spec.draft ? Self.draftPrefix + spec.title : spec.title)), ("body", .string(spec.body)),
        ]
        if !labelIDs.isEmpty { fields.append(("labels", .array(labelIDs.map { .integer(Int64($0)) }))) }
        let response = try await session.send(.POST, session.url(repositoryPath + "/pulls"), json: .fields(fields), headers: headers)
        if response.status == 409 { return nil }
        try session.expect(response, [201])
        return try session.decode(GiteaPull.self, response)
    }

    /// Update a pull request: `title`, `body`; 201 (`PATCH /repos/{owner}/{repo}/pulls/{index}`, `EditPullRequestOption`).
    func edit(_ index: Int, title: String) async throws(ChangeRequestError) -> GiteaPull {
        let body = GoJSON.fields([("title", .string(title)), ("body", .string(spec.body))])
        let response = try await session.send(.PATCH, session.url(repositoryPath + "/pulls/\(index)"), json: body, headers: headers)
        try session.expect(response, [201])
        return try session.decode(GiteaPull.self, response)
    }

    /// Add labels to an issue (a pull request is one): `labels` (ids); 200 (`POST /repos/{owner}/{repo}/issues/{index}/labels`,
    /// `IssueLabelsOption`).
    func addLabels(_ ids: [Int], to index: Int) async throws(ChangeRequestError) {
        let body = GoJSON.fields([("labels", .array(ids.map { .integer(Int64($0)) }))])
        let response = try await session.send(.POST, session.url(repositoryPath + "/issues/\(index)/labels"), json: body, headers: headers)
        try session.expect(response, [200])
    }

    /// Create review requests: `reviewers` (user names) and `team_reviewers` (team names); 201
    /// (`POST /repos/{owner}/{repo}/pulls/{index}/requested_reviewers`, `PullReviewRequestOptions`).
    func requestReviewers(_ index: Int) async throws(ChangeRequestError) {
        let users = spec.reviewers.filter { !$0.contains("/") }
        let teams = spec.reviewers.filter { $0.contains("/") }.map { String($0.split(separator: "/")[1]) }
        let body = GoJSON.fields([("reviewers", .strings(users)), ("team_reviewers", .strings(teams))])
        let response = try await session.send(
            .POST, session.url(repositoryPath + "/pulls/\(index)/requested_reviewers"), json: body, headers: headers)
        try session.expect(response, [201])
    }

    /// Merge a pull request when its checks succeed: `Do` (merge, squash, rebase) and `merge_when_checks_succeed`
    /// (`POST /repos/{owner}/{repo}/pulls/{index}/merge`, `MergePullRequestOption`). Gitea answers 201 when it scheduled
    /// the merge, 200 when it merged at once, 409 when a merge is already scheduled and 405 when it cannot merge.
    func enableAutoMerge(_ index: Int) async throws(ChangeRequestError) -> ChangeRequestResult.AutoMerge {
        guard let method = spec.autoMerge else { return .notRequested }
        let body = GoJSON.fields([("Do", .string(method.rawValue)), ("merge_when_checks_succeed", .bool(true))])
        let response = try await session.send(.POST, session.url(repositoryPath + "/pulls/\(index)/merge"), json: body, headers: headers)
        switch response.status {
        case 201: return .enabled
        case 200: return .merged
        case 409: return .alreadyEnabled
        case 405: return .refused(ForgeSession.serverMessage(response.body).map { Redaction.scrub($0, spec.credentials.secrets) } ?? "not mergeable")
        default: throw session.failure(response)
        }
    }
}

/// A pull request as the API returns it (the fields Ferry reads).
struct GiteaPull: Decodable {
    struct Branch: Decodable {
        struct Repository: Decodable {
            var fullName: String
            enum CodingKeys: String, CodingKey { case fullName = "full_name" }
        }
        var ref: String
        var repo: Repository?
    }

    var number: Int
    var state: String
    var title: String
    var body: String?
    var htmlURL: String
    var head: Branch
    var base: Branch
    var labels: [GiteaLabel]?

    enum CodingKeys: String, CodingKey {
        case number, state, title, body, head, base, labels
        case htmlURL = "html_url"
    }
}

/// A label.
struct GiteaLabel: Decodable {
    var id: Int
    var name: String
}
