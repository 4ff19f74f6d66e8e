/// A request that reached a Receiver's webhook path: its headers and body.
public struct WebhookRequest: Sendable {
    /// The headers, as received.
    public var headers: [(name: String, value: String)]
    /// The body.
    public var body: [UInt8]

    /// Creates a request.
    public init(headers: [(name: String, value: String)], body: [UInt8]) {
        self.headers = headers
        self.body = body
    }

    /// The first value of the header `name`, compared without regard to case.
    public func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.name.lowercased() == wanted }?.value
    }
}

/// Why a Receiver refused a request (HTTP 400 in Flux), with Flux's wording.
public struct WebhookError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The reason.
    public let description: String
}

/// Checks a webhook request as Flux's notification-controller does for each Receiver type
/// (`receiver_handlers.go`, N-33): signatures and tokens compared in constant time, event
/// filters, and the payload shapes the registries send.
///
/// `gcr` (which needs Google's token endpoint) and `cdevents` are checked by the server; this
/// covers every type whose check needs nothing but the request and the token.
public enum WebhookVerification {
    /// The Receiver types Ferry serves.
    public static let supportedTypes = ["generic", "generic-hmac", "github", "gitlab", "bitbucket", "harbor", "dockerhub", "quay", "nexus", "acr", "gcr"]

    /// Verifies `request` for a Receiver of `type` whose Secret holds `token`, allowing only
    /// `events` (all when empty) for the types that filter events.
    ///
    /// - Returns: A short description of what the request was about, for the log.
    /// - Throws: ``WebhookError`` when the request must be refused.
    public static func verify(type: String, token: String, events: [String], request: WebhookRequest) throws(WebhookError) -> String {
        let tokenBytes = Array(token.utf8)
        switch type {
        case "generic":
            return "generic event"
        case "generic-hmac":
            do {
                try checkSignature(request.header("X-Signature") ?? "", body: request.body, key: tokenBytes)
            } catch {
                throw WebhookError(description: "unable to validate HMAC signature: \(error.description)")
            }
            return "generic event"
        case "github":
            do {
                try checkGitHubSignature(request, key: tokenBytes)
            } catch {
                throw WebhookError(description: "the GitHub signature header is invalid, err: \(error.description)")
            }
            let event = request.header("X-GitHub-Event") ?? ""
            try allow(event, events, "the GitHub event '\(event)' is not authorised")
            return "GitHub event: \(event)"
        case "gitlab":
            guard HMAC.constantTimeEqual(Array((request.header("X-Gitlab-Token") ?? "").utf8), tokenBytes) else {
                throw WebhookError(description: "the X-Gitlab-Token header value does not match the receiver token")
            }
            let event = request.header("X-Gitlab-Event") ?? ""
            try allow(event, events, "the GitLab event '\(event)' is not authorised")
            return "GitLab event: \(event)"
        case "bitbucket":
            do {
                try checkGitHubSignature(request, key: tokenBytes)
            } catch {
                throw WebhookError(description: "the Bitbucket server signature header is invalid, err: \(error.description)")
            }
            let event = request.header("X-Event-Key") ?? ""
            try allow(event, events, "the Bitbucket server event '\(event)' is not authorised")
            return "Bitbucket server event: \(event)"
        case "harbor":
            guard HMAC.constantTimeEqual(Array((request.header("Authorization") ?? "").utf8), tokenBytes) else {
                throw WebhookError(description: "the Harbor Authorization header value does not match the receiver token")
            }
            return "Harbor event"
        case "dockerhub":
            let payload = try object(request.body, "cannot decode DockerHub webhook payload", detail: false)
            try expect(payload, ["push_data", "repository"], kind: .object, "cannot decode DockerHub webhook payload", detail: false)
            let tag = try member(payload, "push_data", "tag", "cannot decode DockerHub webhook payload")
            let url = try member(payload, "repository", "repo_url", "cannot decode DockerHub webhook payload")
            return "DockerHub event from \(url) for tag \(tag)"
        case "quay":
            let payload = try object(request.body, "cannot decode Quay webhook payload", detail: true)
            try expect(payload, ["docker_url"], kind: .string, "cannot decode Quay webhook payload", detail: true)
            try expect(payload, ["updated_tags"], kind: .stringList, "cannot decode Quay webhook payload", detail: true)
            return "Quay event from \(payload[.string("docker_url")]?.stringValue ?? "")"
        case "nexus":
            let signature = request.header("X-Nexus-Webhook-Signature") ?? ""
            guard !signature.isEmpty else { throw WebhookError(description: "Nexus signature is missing from header") }
            let expected = HMAC.hex(HMAC.code(.sha1, key: tokenBytes, message: request.body))
            guard HMAC.constantTimeEqual(Array(signature.utf8), Array(expected.utf8)) else {
                throw WebhookError(description: "invalid Nexus signature")
            }
            let payload = try object(request.body, "cannot decode Nexus webhook payload", detail: true)
            try expect(payload, ["action", "repositoryName"], kind: .string, "cannot decode Nexus webhook payload", detail: true)
            return "Nexus event from \(payload[.string("repositoryName")]?.stringValue ?? "")"
        case "acr":
            let payload = try object(request.body, "cannot decode ACR webhook payload", detail: true)
            try expect(payload, ["action"], kind: .string, "cannot decode ACR webhook payload", detail: true)
            try expect(payload, ["target"], kind: .object, "cannot decode ACR webhook payload", detail: true)
            let repository = try member(payload, "target", "repository", "cannot decode ACR webhook payload")
            let tag = try member(payload, "target", "tag", "cannot decode ACR webhook payload")
            return "ACR event from \(repository) for tag \(tag)"
        default:
            throw WebhookError(description: "recevier type '\(type)' not supported")
        }
    }

    /// The webhook path Flux derives for a Receiver (N-31): `/hook/` and the lowercase hex
    /// SHA-256 of the token, the name and the namespace run together.
    public static func webhookPath(token: String, name: String, namespace: String) -> String {
        "/hook/" + HMAC.hex(SHA.sha256(Array((token + name + namespace).utf8)))
    }

    // MARK: Signatures (go-github's ValidateSignature and ValidatePayload)

    /// `sha1=<hex>`, `sha256=<hex>` or `sha512=<hex>`, an HMAC of the body under the token.
    private static func checkSignature(_ header: String, body: [UInt8], key: [UInt8]) throws(WebhookError) {
        let parts = header.split(separator: "=", maxSplits: 1)
        guard parts.count == 2, let hash = HMAC.Hash(rawValue: String(parts[0])), let given = HMAC.bytes(hex: String(parts[1])) else {
            throw WebhookError(description: "error parsing signature \"\(header)\"")
        }
        guard HMAC.constantTimeEqual(given, HMAC.code(hash, key: key, message: body)) else {
            throw WebhookError(description: "payload signature check failed")
        }
    }

    /// GitHub's headers: `X-Hub-Signature-256`, else `X-Hub-Signature`; a missing signature is
    /// refused when there is a token.
    private static func checkGitHubSignature(_ request: WebhookRequest, key: [UInt8]) throws(WebhookError) {
        let signature = request.header("X-Hub-Signature-256") ?? request.header("X-Hub-Signature") ?? ""
        if signature.isEmpty {
            if key.isEmpty { return }
            throw WebhookError(description: "missing signature")
        }
        try checkSignature(signature, body: request.body, key: key)
    }

    private static func allow(_ event: String, _ events: [String], _ refusal: String) throws(WebhookError) {
        guard !events.isEmpty else { return }
        guard events.contains(where: { $0.lowercased() == event.lowercased() }) else { throw WebhookError(description: refusal) }
    }

    // MARK: Payload shapes (decoding into Flux's structs)

    private enum Kind { case string, stringList, object }

    private static func object(_ body: [UInt8], _ message: String, detail: Bool) throws(WebhookError) -> TemplateMap {
        let value: TemplateValue
        do {
            value = try TemplateJSON.decode(String(decoding: body, as: UTF8.self))
        } catch {
            throw WebhookError(description: detail ? "\(message): \(error.message)" : message)
        }
        guard case .map(let map) = value else {
            throw WebhookError(description: detail ? "\(message): json: cannot unmarshal \(jsonKind(value)) into Go value of type payload" : message)
        }
        return map
    }

    private static func expect(_ map: TemplateMap, _ keys: [String], kind: Kind, _ message: String, detail: Bool) throws(WebhookError) {
        for key in keys {
            guard let value = map[.string(key)] else { continue }
            let fits: Bool
            switch (kind, value) {
            case (_, .null), (.string, .string), (.object, .map): fits = true
            case (.stringList, .slice(let items)): fits = items.elements.allSatisfy { if case .string = $0 { return true }; if case .null = $0 { return true }; return false }
            default: fits = false
            }
            if !fits {
                throw WebhookError(description: detail ? "\(message): json: cannot unmarshal \(jsonKind(value)) into Go struct field payload.\(key)" : message)
            }
        }
    }

    private static func member(_ map: TemplateMap, _ outer: String, _ inner: String, _ message: String) throws(WebhookError) -> String {
        guard case .map(let nested)? = map[.string(outer)] else { return "" }
        switch nested[.string(inner)] {
        case nil, .null?: return ""
        case .string(let text)?: return text
        case let other?: throw WebhookError(description: "\(message): json: cannot unmarshal \(jsonKind(other)) into Go struct field \(outer).\(inner) of type string")
        }
    }

    private static func jsonKind(_ value: TemplateValue) -> String {
        switch value {
        case .bool: return "bool"
        case .int, .float: return "number"
        case .string: return "string"
        case .slice: return "array"
        case .map: return "object"
        default: return "null"
        }
    }
}
