// github: Flux's internal/notifier/github.go (go-github); REST API, create a commit status
// (https://docs.github.com/en/rest/commits/statuses#create-a-commit-status). github.com uses api.github.com;
// any other host is GitHub Enterprise Server at <host>/api/v3.
extension ProviderPayloads {
    static func gitHub(_ event: FluxEvent, _ settings: ProviderSettings, commitStatus: String) throws(NotificationBuildError)
        -> [NotificationRequest]
    {
        if event.reason == "Progressing" { return [] }
        if settings.token.isEmpty { throw fail(settings, "github token cannot be empty") }
        let repository = try CommitStatus.repository(settings)
        let parts = repository.id.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2 else { throw fail(settings, "invalid repository id \"\(repository.id)\"") }
        let sha = try CommitStatus.hash(event, settings)
        let state = try CommitStatus.state(event, settings, success: "success", failure: "failure")
        let (_, description) = CommitStatus.nameAndDescription(event)
        guard let host = WebAddress(repository.host) else { throw fail(settings, "the repository host is not a valid URL") }
        let path = "/repos/\(parts[0])/\(parts[1])/statuses/\(sha)"
        let url: WebAddress
        if host.host == "github.com" {
            guard let api = WebAddress("https://api.github.com") else { preconditionFailure("invariant: the GitHub API URL parses") }
            url = api.withPath(path)
        } else {
            url = host.withPath("/api/v3" + path)
        }
        let payload = GoJSON.fields([("state", .string(state)), ("description", .string(description)), ("context", .string(commitStatus))])
        return [.json(payload, to: url, headers: [
            ("Accept", "application/vnd.github.v3+json"), ("Authorization", "Bearer " + settings.token), ("X-GitHub-Api-Version", "2022-11-28"),
        ])]
    }
}
