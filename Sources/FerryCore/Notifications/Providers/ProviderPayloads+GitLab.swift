// gitlab: Flux's internal/notifier/gitlab.go (client-go for GitLab); REST API, set the pipeline status of a commit
// (https://docs.gitlab.com/api/commits/#set-the-pipeline-status-of-a-commit), `PRIVATE-TOKEN` authentication.
extension ProviderPayloads {
    static func gitLab(_ event: FluxEvent, _ settings: ProviderSettings, commitStatus: String) throws(NotificationBuildError)
        -> [NotificationRequest]
    {
        if event.reason == "Progressing" { return [] }
        let token = settings.token.isEmpty ? settings.password : settings.token
        if token.isEmpty { throw fail(settings, "gitlab token cannot be empty") }
        let repository = try CommitStatus.repository(settings)
        let sha = try CommitStatus.hash(event, settings)
        let state = try CommitStatus.state(event, settings, success: "success", failure: "failed")
        let (_, description) = CommitStatus.nameAndDescription(event)
        guard let host = WebAddress(repository.host) else { throw fail(settings, "the repository host is not a valid URL") }
        let url = host.withPath("/api/v4/projects/\(pathEscaped(repository.id))/statuses/\(sha)")
        let payload = GoJSON.fields([("state", .string(state)), ("name", .string(commitStatus)), ("description", .string(description))])
        return [.json(payload, to: url, headers: [("PRIVATE-TOKEN", token)])]
    }

    /// Go's `url.PathEscape`: everything but unreserved characters and `$&+,;=:@` percent-encoded, `/` included.
    static func pathEscaped(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF")
        var out = ""
        for byte in text.utf8 {
            let character = Character(Unicode.Scalar(byte))
            let unreserved = (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
                || "-_.~$&+,;=:@".contains(character)
            if unreserved, byte < 0x80 {
                out.append(character)
            } else {
                out += "%\(hex[Int(byte >> 4)])\(hex[Int(byte & 0x0F)])"
            }
        }
        return out
    }
}
