import FerryCore
import NIOHTTP1

extension GitHubPublisher {
    /// The GraphQL endpoint: `https://api.github.com/graphql`, or `https://HOST/api/graphql` for Enterprise Server
    /// (https://docs.github.com/en/graphql/guides/forming-calls-with-graphql#the-graphql-endpoint).
    var graphQLURL: String {
        let base = session.base
        if base.hasSuffix("/api/v3") { return String(base.dropLast("v3".count)) + "graphql" }
        return base + "/graphql"
    }

    /// Turns auto-merge on with the `enablePullRequestAutoMerge` mutation (`pullRequestId` = the REST `node_id`,
    /// `mergeMethod` MERGE/SQUASH/REBASE; https://docs.github.com/en/graphql/reference/mutations#enablepullrequestautomerge).
    /// GitHub refuses it for a pull request that can be merged now ("clean status"); that one is merged through
    /// REST instead (https://docs.github.com/en/rest/pulls/pulls#merge-a-pull-request), which is what auto-merge
    /// would do at once.
    func enableAutoMerge(_ pull: GitHubPull) async throws(ChangeRequestError) -> ChangeRequestResult.AutoMerge {
        guard let method = spec.autoMerge else { return .notRequested }
        if pull.autoMerge != nil { return .alreadyEnabled }
        let mutation = """
            mutation($pullRequestId: ID!, $mergeMethod: PullRequestMergeMethod!) { \
            enablePullRequestAutoMerge(input: {pullRequestId: $pullRequestId, mergeMethod: $mergeMethod}) { \
            pullRequest { autoMergeRequest { enabledAt } } } }
            """
        let body = GoJSON.fields([
            ("query", .string(mutation)),
            ("variables", .fields([("pullRequestId", .string(pull.nodeID)), ("mergeMethod", .string(method.rawValue.uppercased()))])),
        ])
        let response = try await session.send(.POST, graphQLURL, json: body, headers: headers)
        try session.expect(response, [200])
        let answer = try session.decode(GitHubGraphQLAnswer.self, response)
        guard let errors = answer.errors, !errors.isEmpty else { return .enabled }
        let message = Redaction.scrub(errors.map(\.message).joined(separator: "; "), spec.credentials.secrets)
        guard message.lowercased().contains("clean status") else { return .refused(message) }
        return try await merge(pull.number, method: method)
    }

    /// Merge a pull request: `merge_method`; 200 when merged, 405 when it cannot be
    /// (https://docs.github.com/en/rest/pulls/pulls#merge-a-pull-request).
    func merge(_ number: Int, method: AutoMergeMethod) async throws(ChangeRequestError) -> ChangeRequestResult.AutoMerge {
        let response = try await session.send(
            .PUT, session.url(repositoryPath + "/pulls/\(number)/merge"), json: .fields([("merge_method", .string(method.rawValue))]),
            headers: headers)
        if response.status == 405 || response.status == 409 {
            return .refused(ForgeSession.serverMessage(response.body).map { Redaction.scrub($0, spec.credentials.secrets) } ?? "not mergeable")
        }
        try session.expect(response, [200])
        return .merged
    }
}

/// A pull request as the REST API returns it (the fields Ferry reads).
struct GitHubPull: Decodable {
    struct Reference: Decodable {
        struct Repository: Decodable {
            var fullName: String
            enum CodingKeys: String, CodingKey { case fullName = "full_name" }
        }
        var ref: String
        var repo: Repository?
    }
    struct Label: Decodable { var name: String }
    struct AutoMerge: Decodable { var mergeMethod: String?
        enum CodingKeys: String, CodingKey { case mergeMethod = "merge_method" }
    }

    var number: Int
    var nodeID: String
    var htmlURL: String
    var state: String
    var title: String
    var body: String?
    var head: Reference
    var base: Reference
    var labels: [Label]
    var autoMerge: AutoMerge?

    enum CodingKeys: String, CodingKey {
        case number, state, title, body, head, base, labels
        case nodeID = "node_id", htmlURL = "html_url", autoMerge = "auto_merge"
    }
}

/// A GraphQL answer: `errors` when the mutation failed (the status is 200 either way).
struct GitHubGraphQLAnswer: Decodable {
    struct Failure: Decodable { var message: String }
    var errors: [Failure]?
}
