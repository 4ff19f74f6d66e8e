// gitea: Flux's internal/notifier/gitea.go (code.gitea.io/sdk); API v1, create a commit status
// (https://gitea.com/api/swagger#/repository/repoCreateStatus), `Authorization: token <token>`.
extension ProviderPayloads {
    static func gitea(_ event: FluxEvent, _ settings: ProviderSettings, commitStatus: String) throws(NotificationBuildError)
        -> [NotificationRequest]
    {
        if event.reason == "Progressing" { return [] }
        let token = settings.token.isEmpty ? settings.password : settings.token
        if token.isEmpty { throw fail(settings, "gitea token cannot be empty") }
        let repository = try CommitStatus.repository(settings)
        let parts = repository.id.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2 else { throw fail(settings, "invalid repository id \"\(repository.id)\"") }
        let sha = try CommitStatus.hash(event, settings)
        let state = try CommitStatus.state(event, settings, success: "success", failure: "failure")
        let (_, description) = CommitStatus.nameAndDescription(event)
        guard let host = WebAddress(repository.host) else { throw fail(settings, "the repository host is not a valid URL") }
        let url = host.withPath("/api/v1/repos/\(parts[0])/\(parts[1])/statuses/\(sha)")
        let payload = GoJSON.fields([
            ("state", .string(state)), ("target_url", .string("")), ("description", .string(description)), ("context", .string(commitStatus)),
        ])
        return [.json(payload, to: url, headers: [("Authorization", "token " + token)])]
    }
}
