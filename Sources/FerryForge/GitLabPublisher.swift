import FerryCore
import NIOHTTP1

/// GitLab's REST API v4 merge requests (gitlab.com and self-managed).
struct GitLabPublisher {
    let session: ForgeSession
    var spec: ChangeRequestSpec { session.spec }

    /// The title prefix that marks a draft (https://docs.gitlab.com/user/project/merge_requests/drafts/).
    static let draftPrefix = "Draft: "

    /// `PRIVATE-TOKEN` (https://docs.gitlab.com/api/rest/authentication/#personalprojectgroup-access-tokens).
    var headers: [(String, String)] {
        switch spec.credentials {
        case .token(let token): return [("PRIVATE-TOKEN", token)]
        case .basic(_, let password): return [("PRIVATE-TOKEN", password)]
        }
    }

    /// `/projects/:id` with the URL-encoded path as the id (https://docs.gitlab.com/api/rest/#namespaced-paths).
    var projectPath: String { "/projects/" + PercentEncoding.pathSegment(spec.repository) }

    func publish() async throws(ChangeRequestError) -> ChangeRequestResult {
        var action = ChangeRequestResult.Action.unchanged
        var request: GitLabMergeRequest
        var added: [String] = []
        var requested: [String] = []
        var found = try await findOpen()
        var created: GitLabMergeRequest?
        if found == nil {
            let reviewerIDs = try await userIDs(spec.reviewers)
            created = try await create(reviewerIDs: reviewerIDs)
            // 409: another run opened it between the listing and the creation.
            if created == nil {
                found = try await findOpen()
                if found == nil { throw session.duplicateNotListed() }
            }
        }
        if let created {
            request = created
            action = .created
            added = spec.labels
            requested = spec.reviewers
        } else if let open = found {
            let isDraft = open.title.hasPrefix(Self.draftPrefix) || open.title.hasPrefix("[Draft]") || open.title.hasPrefix("Draft:")
            let title = isDraft ? Self.draftPrefix + spec.title : spec.title
            let have = Set(open.labels.map { $0.lowercased() })
            added = spec.labels.filter { !have.contains($0.lowercased()) }
            let textChanged = open.title != title || (open.description ?? "") != spec.body
            if textChanged || !added.isEmpty {
                request = try await update(open.iid, title: textChanged ? title : nil, addLabels: added)
                action = .updated
            } else {
                request = open
            }
        } else {
            preconditionFailure("invariant: a merge request was either found or created")
        }
        let autoMerge = try await enableAutoMerge(request)
        return ChangeRequestResult(
            action: action, number: request.iid, webURL: request.webURL, labelsAdded: added, reviewersRequested: requested, autoMerge: autoMerge)
    }

    /// Closes the open merge request of the branches: update MR with `state_event` `close`; 200
    /// (https://docs.gitlab.com/api/merge_requests/#update-mr). `nil` when none is open.
    func close() async throws(ChangeRequestError) -> ChangeRequestResult? {
        let found: GitLabMergeRequest?
        do { found = try await findOpen() } catch { throw error.during(.close(number: nil)) }
        guard let open = found else { return nil }
        do {
            let body = GoJSON.fields([("state_event", .string("close"))])
            let response = try await session.send(.PUT, session.url(projectPath + "/merge_requests/\(open.iid)"), json: body, headers: headers)
            try session.expect(response, [200])
            let closed = try session.decode(GitLabMergeRequest.self, response)
            return ChangeRequestResult(action: .closed, number: closed.iid, webURL: closed.webURL)
        } catch {
            throw error.during(.close(number: open.iid))
        }
    }

    /// List project merge requests: `state=opened`, `source_branch`, `target_branch`, 100 a page, following `Link`
    /// (https://docs.gitlab.com/api/merge_requests/#list-project-merge-requests; https://docs.gitlab.com/api/rest/#pagination).
    func findOpen() async throws(ChangeRequestError) -> GitLabMergeRequest? {
        let first = session.url(projectPath + "/merge_requests", query: [
            ("state", "opened"), ("source_branch", spec.sourceBranch), ("target_branch", spec.targetBranch), ("per_page", "100"),
        ])
        let requests = try await session.pagesByLink(first, headers: headers, as: GitLabMergeRequest.self)
        // A fork's branch of the same name is not ours: its merge request comes from another project.
        return requests.first {
            $0.state == "opened" && $0.sourceBranch == spec.sourceBranch && $0.targetBranch == spec.targetBranch
                && ($0.sourceProjectID == nil || $0.sourceProjectID == $0.targetProjectID)
        }
    }

    /// User ids for reviewer names: `GET /users?username=` returns a list of at most one
    /// (https://docs.gitlab.com/api/users/#list-users).
    func userIDs(_ names: [String]) async throws(ChangeRequestError) -> [Int] {
        var ids: [Int] = []
        for name in names {
            let response = try await session.send(.GET, session.url("/users", query: [("username", name)]), headers: headers)
            try session.expect(response, [200])
            let users = try session.decode([GitLabUser].self, response)
            guard let user = users.first(where: { $0.username.lowercased() == name.lowercased() }) else {
                throw ChangeRequestError(
                    .unknownUser, spec: spec, request: response.request, status: 200,
                    reason: "there is no GitLab user \(name) to request a review from (\(PullRequestAnnotations.reviewers))")
            }
            ids.append(user.id)
        }
        return ids
    }

    /// Create MR: `source_branch`, `target_branch`, `title`, `description`, `labels` (comma-separated), `reviewer_ids`; 201
    /// (https://docs.gitlab.com/api/merge_requests/#create-mr). `nil` when GitLab answers 409 "Another open merge
    /// request already exists for this source branch".
    func create(reviewerIDs: [Int]) async throws(ChangeRequestError) -> GitLabMergeRequest? {
        var fields: [(String, GoJSON)] = [
            ("source_branch", .string(spec.sourceBranch)), ("target_branch", .string(spec.targetBranch)),
            ("title", .string(spec.draft ? Self.draftPrefix + spec.title : spec.title)), ("description", .string(spec.body)),
        ]
        if !spec.labels.isEmpty { fields.append(("labels", .string(spec.labels.joined(separator: ",")))) }
        if !reviewerIDs.isEmpty { fields.append(("reviewer_ids", .array(reviewerIDs.map { .integer(Int64($0)) }))) }
        let response = try await session.send(.POST, session.url(projectPath + "/merge_requests"), json: .fields(fields), headers: headers)
        if response.status == 409 { return nil }
        try session.expect(response, [201])
        return try session.decode(GitLabMergeRequest.self, response)
    }

    /// Update MR: `title`, `description`, `add_labels` (comma-separated; existing labels stay); 200
    /// (https://docs.gitlab.com/api/merge_requests/#update-mr).
    func update(_ iid: Int, title: String?, addLabels: [String]) async throws(ChangeRequestError) -> GitLabMergeRequest {
        var fields: [(String, GoJSON)] = []
        if let title { fields += [("title", .string(title)), ("description", .string(spec.body))] }
        if !addLabels.isEmpty { fields.append(("add_labels", .string(addLabels.joined(separator: ",")))) }
        let response = try await session.send(.PUT, session.url(projectPath + "/merge_requests/\(iid)"), json: .fields(fields), headers: headers)
        try session.expect(response, [200])
        return try session.decode(GitLabMergeRequest.self, response)
    }

    /// Merge a merge request when its pipeline succeeds: `merge_when_pipeline_succeeds` (deprecated in GitLab 17.11)
    /// and its successor `auto_merge`, both `true`, and `squash`; 200, or 405/406/409/422 when GitLab will not
    /// (https://docs.gitlab.com/api/merge_requests/#merge-a-merge-request).
    func enableAutoMerge(_ request: GitLabMergeRequest) async throws(ChangeRequestError) -> ChangeRequestResult.AutoMerge {
        guard let method = spec.autoMerge else { return .notRequested }
        if request.mergeWhenPipelineSucceeds == true { return .alreadyEnabled }
        let body = GoJSON.fields([
            ("merge_when_pipeline_succeeds", .bool(true)), ("auto_merge", .bool(true)), ("squash", .bool(method == .squash)),
        ])
        let response = try await session.send(.PUT, session.url(projectPath + "/merge_requests/\(request.iid)/merge"), json: body, headers: headers)
        if [405, 406, 409, 422].contains(response.status) {
            return .refused(ForgeSession.serverMessage(response.body).map { Redaction.scrub($0, spec.credentials.secrets) } ?? "not mergeable")
        }
        try session.expect(response, [200])
        let merged = try session.decode(GitLabMergeRequest.self, response)
        return merged.state == "merged" ? .merged : .enabled
    }
}

/// A merge request as the API returns it (the fields Ferry reads).
struct GitLabMergeRequest: Decodable {
    var iid: Int
    var state: String
    var title: String
    var description: String?
    var sourceBranch: String
    var targetBranch: String
    var labels: [String]
    var webURL: String
    var mergeWhenPipelineSucceeds: Bool?
    var sourceProjectID: Int?
    var targetProjectID: Int?

    enum CodingKeys: String, CodingKey {
        case iid, state, title, description, labels
        case sourceBranch = "source_branch", targetBranch = "target_branch", webURL = "web_url"
        case mergeWhenPipelineSucceeds = "merge_when_pipeline_succeeds"
        case sourceProjectID = "source_project_id", targetProjectID = "target_project_id"
    }
}

/// A user of `GET /users`.
struct GitLabUser: Decodable {
    var id: Int
    var username: String
}
