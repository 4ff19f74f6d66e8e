// bitbucket (Cloud): Flux's internal/notifier/bitbucket.go (ktrysmt/go-bitbucket); REST API 2.0, create a build
// status for a commit (https://developer.atlassian.com/cloud/bitbucket/rest/api-group-commit-statuses/). The token is
// `user:app-password`; the key is the SHA-1 of the commit-status id (Bitbucket keys are at most 40 characters).
extension ProviderPayloads {
    static let bitbucketAPI = "https://api.bitbucket.org"

    static func bitbucket(_ event: FluxEvent, _ settings: ProviderSettings, commitStatus: String) throws(NotificationBuildError)
        -> [NotificationRequest]
    {
        if event.reason == "Progressing" { return [] }
        guard let colon = settings.token.firstIndex(of: ":") else {
            throw fail(settings, "invalid token format, expected to be <user>:<password>")
        }
        let username = String(settings.token[..<colon])
        let password = String(settings.token[settings.token.index(after: colon)...])
        let repository = try CommitStatus.repository(settings)
        let parts = repository.id.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2 else { throw fail(settings, "invalid repository id \"\(repository.id)\"") }
        let sha = try CommitStatus.hash(event, settings)
        let state = try CommitStatus.state(event, settings, success: "SUCCESSFUL", failure: "FAILED")
        let (name, description) = CommitStatus.nameAndDescription(event)
        guard let base = settings.apiBaseOverride ?? WebAddress(bitbucketAPI) else { preconditionFailure("invariant: the Bitbucket API URL parses") }
        let url = base.withPath(base.path + "/2.0/repositories/\(parts[0])/\(parts[1])/commit/\(sha)/statuses/build")
        let payload = GoJSON.fields([
            ("key", .string(ByteEncoding.hex(SHA1.hash(commitStatus.utf8)))), ("url", .string("https://bitbucket.org")), ("state", .string(state)),
            ("name", .string(name)), ("description", .string(description)),
        ])
        let authorization = username == "x-bitbucket-api-token-auth" ? ("Authorization", "Bearer " + password) : basicAuthorization(username, password)
        return [.json(payload, to: url, headers: [authorization])]
    }
}
