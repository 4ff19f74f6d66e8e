import FerryCore
import NIOHTTP1

/// GitHub's REST API v3 (github.com and Enterprise Server), and its GraphQL API for auto-merge.
struct GitHubPublisher {
    let session: ForgeSession
    var spec: ChangeRequestSpec { session.spec }

    /// `Accept`, `Authorization: Bearer` and the API version, on every request
    /// (https://docs.github.com/en/rest/authentication/authenticating-to-the-rest-api,
    /// https://docs.github.com/en/rest/about-the-rest-api/api-versions).
    var headers: [(String, String)] {
        let token: String
        switch spec.credentials {
        case .token(let value): token = value
        case .basic(_, let password): token = password
        }
        return [("Accept", "application/vnd.github+json"), ("Authorization", "Bearer " + token), ("X-GitHub-Api-Version", "2022-11-28")]
    }

    var owner: Substring { spec.repository.split(separator: "/")[0] }
    var repositoryPath: String {
        let parts = spec.repository.split(separator: "/")
        return "/repos/\(PercentEncoding.pathSegment(String(parts[0])))/\(PercentEncoding.pathSegment(String(parts[1])))"
    }

    func publish() async throws(ChangeRequestError) -> ChangeRequestResult {
        var action = ChangeRequestResult.Action.unchanged
        var pull: GitHubPull
        if let open = try await findOpen() {
            pull = open
        } else if let created = try await create() {
            pull = created
            action = .created
        } else if let open = try await findOpen() {
            // Another run opened it between the listing and the creation.
            pull = open
        } else {
            throw session.duplicateNotListed()
        }
        if action != .created, pull.title != spec.title || (pull.body ?? "") != spec.body {
            pull = try await update(pull.number)
            action = .updated
        }
        let have = Set(pull.labels.map { $0.name.lowercased() })
        let missing = spec.labels.filter { !have.contains($0.lowercased()) }
        if !missing.isEmpty {
            try await addLabels(missing, to: pull.number)
            if action == .unchanged { action = .updated }
        }
        var requested: [String] = []
        if action == .created, !spec.reviewers.isEmpty {
            try await requestReviewers(pull.number)
            requested = spec.reviewers
        }
        let autoMerge = try await enableAutoMerge(pull)
        return ChangeRequestResult(
            action: action, number: pull.number, webURL: pull.htmlURL, labelsAdded: missing, reviewersRequested: requested, autoMerge: autoMerge)
    }

    /// Closes the open pull request of the branches: update a pull request with `state` `closed`; 200
    /// (https://docs.github.com/en/rest/pulls/pulls#update-a-pull-request). `nil` when none is open.
    func close() async throws(ChangeRequestError) -> ChangeRequestResult? {
        let found: GitHubPull?
        do { found = try await findOpen() } catch { throw error.during(.close(number: nil)) }
        guard let open = found else { return nil }
        do {
            let body = GoJSON.fields([("state", .string("closed"))])
            let response = try await session.send(.PATCH, session.url(repositoryPath + "/pulls/\(open.number)"), json: body, headers: headers)
            try session.expect(response, [200])
            let closed = try session.decode(GitHubPull.self, response)
            return ChangeRequestResult(action: .closed, number: closed.number, webURL: closed.htmlURL)
        } catch {
            throw error.during(.close(number: open.number))
        }
    }

    /// List pull requests, filtered by `head` (`owner:branch`), `base` and `state=open`, 100 a page, following `Link`
    /// (https://docs.github.com/en/rest/pulls/pulls#list-pull-requests;
    /// https://docs.github.com/en/rest/using-the-rest-api/using-pagination-in-the-rest-api).
    func findOpen() async throws(ChangeRequestError) -> GitHubPull? {
        let first = session.url(repositoryPath + "/pulls", query: [
            ("state", "open"), ("head", "\(owner):\(spec.sourceBranch)"), ("base", spec.targetBranch), ("per_page", "100"),
        ])
        let pulls = try await session.pagesByLink(first, headers: headers, as: GitHubPull.self)
        return pulls.first {
            $0.state == "open" && $0.head.ref == spec.sourceBranch && $0.base.ref == spec.targetBranch
                && ($0.head.repo?.fullName.lowercased() ?? spec.repository.lowercased()) == spec.repository.lowercased()
        }
    }

    /// Create a pull request: `title`, `head`, `base`, `body`, `draft`; 201 (https://docs.github.com/en/rest/pulls/pulls#create-a-pull-request).
    /// `nil` when GitHub answers 422 "A pull request already exists for …" (another run was faster).
    func create() async throws(ChangeRequestError) -> GitHubPull? {
        let body = GoJSON.fields([
            ("title", .string(spec.title)), ("head", .string(spec.sourceBranch)), ("base", .string(spec.targetBranch)),
            ("body", .string(spec.body)), ("draft", .bool(spec.draft)),
        ])
        let response = try await session.send(.POST, session.url(repositoryPath + "/pulls"), json: body, headers: headers)
        if response.status == 422, ForgeSession.serverMessage(response.body)?.contains("A pull request already exists") == true { return nil }
        try session.expect(response, [201])
        return try session.decode(GitHubPull.self, response)
    }

    /// Update a pull request: `title`, `body`; 200 (https://docs.github.com/en/rest/pulls/pulls#update-a-pull-request).
    func update(_ number: Int) async throws(ChangeRequestError) -> GitHubPull {
        let body = GoJSON.fields([("title", .string(spec.title)), ("body", .string(spec.body))])
        let response = try await session.send(.PATCH, session.url(repositoryPath + "/pulls/\(number)"), json: body, headers: headers)
        try session.expect(response, [200])
        return try session.decode(GitHubPull.self, response)
    }

    /// Add labels to an issue (a pull request is one): `labels`; 200; unknown labels are created
    /// (https://docs.github.com/en/rest/issues/labels#add-labels-to-an-issue).
    func addLabels(_ labels: [String], to number: Int) async throws(ChangeRequestError) {
        let response = try await session.send(
            .POST, session.url(repositoryPath + "/issues/\(number)/labels"), json: .fields([("labels", .strings(labels))]), headers: headers)
        try session.expect(response, [200])
    }

    /// Request reviewers for a pull request: `reviewers` (logins) and `team_reviewers` (slugs); 201
    /// (https://docs.github.com/en/rest/pulls/review-requests#request-reviewers-for-a-pull-request).
    func requestReviewers(_ number: Int) async throws(ChangeRequestError) {
        let users = spec.reviewers.filter { !$0.contains("/") }
        let teams = spec.reviewers.filter { $0.contains("/") }.map { String($0.split(separator: "/")[1]) }
        let body = GoJSON.fields([("reviewers", .strings(users)), ("team_reviewers", .strings(teams))])
        let response = try await session.send(
            .POST, session.url(repositoryPath + "/pulls/\(number)/requested_reviewers"), json: body, headers: headers)
        try session.expect(response, [201])
    }
}
