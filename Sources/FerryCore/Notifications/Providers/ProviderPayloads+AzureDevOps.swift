// azuredevops: Flux's internal/notifier/azure_devops.go (azure-devops-go-api v6); Git REST API, create a commit
// status (https://learn.microsoft.com/en-us/rest/api/azure/devops/git/statuses/create?view=azure-devops-rest-6.0).
// The address is https://dev.azure.com/<org>/<project>/_git/<repo>; the PAT goes as Basic auth with an empty user.
extension ProviderPayloads {
    static func azureDevOps(_ event: FluxEvent, _ settings: ProviderSettings, commitStatus: String) throws(NotificationBuildError)
        -> [NotificationRequest]
    {
        if event.reason == "Progressing" { return [] }
        if settings.token.isEmpty { throw fail(settings, "azure devops token cannot be empty") }
        let repository = try CommitStatus.repository(settings)
        let parts = repository.id.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 4 else { throw fail(settings, "invalid repository id \"\(repository.id)\"") }
        let sha = try CommitStatus.hash(event, settings)
        let state = try CommitStatus.state(event, settings, success: "succeeded", failure: "error")
        let (_, description) = CommitStatus.nameAndDescription(event)
        var genre = "fluxcd"
        if let summary = event.metadata[EventMetadataKey.summary] { genre += ":" + summary }
        guard let host = WebAddress(repository.host) else { throw fail(settings, "the repository host is not a valid URL") }
        let url = host.withPath("/\(parts[0])/\(parts[1])/_apis/git/repositories/\(parts[3])/commits/\(sha)/statuses", query: "api-version=6.0")
        let payload = GoJSON.fields([
            ("context", .fields([("genre", .string(genre)), ("name", .string(commitStatus))])), ("description", .string(description)),
            ("state", .string(state)),
        ])
        return [.json(payload, to: url, headers: [basicAuthorization("", settings.token)])]
    }
}
