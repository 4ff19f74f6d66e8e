import FerryCore
import NIOHTTP1

extension ForgeSession {
    /// The error for a status the operation cannot use: the kind from the status, a reason that says what it
    /// means for this repository and branch, and the forge's own message (scrubbed of the credentials).
    func failure(_ response: ForgeResponse) -> ChangeRequestError {
        let message = Self.serverMessage(response.body).map { Redaction.scrub($0, spec.credentials.secrets) }
        let said = message.map { " (the forge says: \($0))" } ?? ""
        let kind: ChangeRequestError.Kind
        let reason: String
        switch response.status {
        case 401:
            kind = .unauthorized
            reason = "the forge did not accept the credentials (\(spec.credentials))" + said
        case 403 where response.headers.first(name: "X-RateLimit-Remaining") == "0":
            kind = .rateLimited
            reason = "the API rate limit of these credentials is used up" + said
        case 403:
            kind = .forbidden
            reason = "the credentials (\(spec.credentials)) may not do this in \(spec.repository)" + said
        case 404:
            kind = .notFound
            reason = "\(spec.repository) does not exist on \(spec.apiBaseURL.authority), or these credentials cannot see it" + said
        case 409:
            kind = .conflict
            reason = "the \(spec.forge.requestNoun) for \(spec.sourceBranch) is in a state that conflicts with the request" + said
        case 400, 422:
            kind = .rejected
            reason = "the forge refused the request" + said
        case 429:
            kind = .rateLimited
            reason = "the forge is throttling requests" + said
        case 500...599:
            kind = .serverError
            reason = "the forge failed" + said
        default:
            kind = .unexpectedStatus
            reason = "the \(spec.forge) API does not answer this request with that status" + said
        }
        return ChangeRequestError(kind, spec: spec, request: response.request, status: response.status, reason: reason)
    }

    /// The error when the forge refuses a creation because the pull request exists, yet does not list it as open.
    func duplicateNotListed() -> ChangeRequestError {
        ChangeRequestError(
            .conflict, spec: spec,
            reason: "the forge says a \(spec.forge.requestNoun) for these branches exists, but does not list it as open "
                + "(a second attempt found none)")
    }

    /// The human message of an error body: `message` (GitHub, GitLab, Gitea; GitLab's may be a list or a map of
    /// lists), GitHub's `errors[].message`/`code`, Bitbucket's `error.message` and `error.fields`, or GitLab's
    /// `error`. At most 300 characters.
    static func serverMessage(_ body: [UInt8]) -> String? {
        guard !body.isEmpty, let value = try? TemplateJSON.decode(String(decoding: body, as: UTF8.self)) else { return nil }
        var parts: [String] = []
        func collect(_ value: TemplateValue?, prefix: String = "") {
            switch value {
            case .string(let text)?: parts.append(prefix + text)
            case .slice(let slice)?: for element in slice.elements { collect(element, prefix: prefix) }
            case .map(let map)?:
                let names = map.entries.keys.compactMap { key -> String? in if case .string(let name) = key { name } else { nil } }
                for name in names.sorted() { collect(map[.string(name)], prefix: prefix + name + " ") }
            default: break
            }
        }
        guard case .map(let root) = value else { return nil }
        collect(root[.string("message")])
        if case .slice(let errors)? = root[.string("errors")] {
            for case .map(let error) in errors.elements {
                collect(error[.string("message")])
                if error[.string("message")] == nil {
                    let field = error[.string("field")].flatMap { if case .string(let text) = $0 { text } else { nil } } ?? ""
                    collect(error[.string("code")], prefix: field.isEmpty ? "" : field + " ")
                }
            }
        }
        if case .map(let error)? = root[.string("error")] {
            collect(error[.string("message")])
            collect(error[.string("fields")])
        } else {
            collect(root[.string("error")])
        }
        let text = parts.filter { !$0.isEmpty }.joined(separator: "; ")
        guard !text.isEmpty else { return nil }
        return text.count > 300 ? String(text.prefix(299)) + "…" : text
    }
}
