import FerryCore
import Hummingbird
import Logging
import NIOCore

/// Serves Receivers at `/hook/<digest>` as notification-controller's receiver server does (N-32):
///
/// | answer | when |
/// | --- | --- |
/// | 404 | no Receiver has this webhook path (the request target, query included, as Flux compares it) |
/// | 503 | the Receiver is suspended, or not ready (its Secret or `token` is missing) |
/// | 413 | the body is larger than the limit (3 MiB) |
/// | 400 | the request fails the type's checks (signature, token, event filter, payload) |
/// | 500 | the reconcile request failed |
/// | 200 | the Receiver's resources were asked to reconcile |
///
/// Answers have no body, as Flux's. The log names the Receiver and the reason, never the path, a
/// token or a signature key.
struct ReceiverHandler: Sendable {
    let control: any PipelineControl
    let tokenInfo: GoogleTokenInfoClient
    let maxBodySize: Int
    let now: @Sendable () -> Timestamp

    /// The endpoint whose path is `target`. For `generic`, `dockerhub`, `quay` and `acr` Receivers the path is
    /// the only secret (it is derived from the token), so every path is compared in constant time and every
    /// endpoint is looked at, whichever matches: the time taken says nothing about how much of a guess was right.
    static func endpoint(for target: String, in endpoints: [ReceiverEndpoint]) -> ReceiverEndpoint? {
        let given = Array(target.utf8)
        var found: ReceiverEndpoint?
        for endpoint in endpoints where !endpoint.path.isEmpty {
            if HMAC.constantTimeEqual(Array(endpoint.path.utf8), given) && found == nil { found = endpoint }
        }
        return found
    }

    /// The status of the answer to `request`.
    func status(for request: Request, logger: Logger) async -> Int {
        let target = request.head.path ?? ""
        let endpoints = await control.receiverEndpoints()
        guard let endpoint = Self.endpoint(for: target, in: endpoints) else {
            logger.debug("no Receiver has this webhook path")
            return 404
        }
        let receiver = endpoint.receiver
        var logger = logger
        logger[metadataKey: "receiver.name"] = .string(receiver.metadata.name)
        logger[metadataKey: "receiver.namespace"] = .string(receiver.metadata.namespace)
        logger[metadataKey: "receiver.type"] = .string(receiver.spec.type)

        if receiver.spec.suspend {
            logger.info("unable to process request: receiver is suspended")
            return 503
        }
        guard let token = endpoint.token else {
            logger.info("unable to process request: receiver is not ready (its Secret or the Secret's token is missing)")
            return 503
        }

        var request = request
        let body: [UInt8]
        do {
            body = Array(try await request.collectBody(upTo: maxBodySize).readableBytesView)
        } catch is NIOTooManyBytesError {
            logger.info("reading the request body failed: it is larger than the limit", metadata: ["limit.bytes": "\(maxBodySize)"])
            return 413
        } catch {
            logger.info("reading the request body failed", metadata: ["error": "\(String(describing: type(of: error)))"])
            return 400
        }

        let event: String
        do {
            event = try await verify(endpoint, token: token, request: request, body: body)
        } catch {
            logger.info("unable to validate payload", metadata: ["error": .string(error.reason)])
            return error.status
        }
        logger.info("handling webhook event", metadata: ["event": .string(event)])
        if receiver.spec.resourceFilter != nil {
            logger.info("spec.resourceFilter is not evaluated (CEL is not supported): every listed resource is asked to reconcile")
        }

        do {
            let count = try await control.requestReconcile(of: receiver.spec.resources, in: receiver.metadata.namespace, requestedAt: now())
            logger.info("requested reconciliation", metadata: ["objects": "\(count)"])
            return 200
        } catch {
            logger.info("unable to request reconciliation", metadata: ["error": .string(String(describing: error))])
            return 500
        }
    }

    /// Checks the request as the Receiver's type requires (N-33).
    /// - Returns: What the request was about, for the log.
    private func verify(_ endpoint: ReceiverEndpoint, token: String, request: Request, body: [UInt8]) async throws(ReceiverRefusal) -> String {
        let receiver = endpoint.receiver
        switch receiver.spec.type {
        case "gcr":
            let secret = "\(receiver.metadata.namespace)/\(receiver.spec.secretRef?.name ?? "")"
            guard let email = endpoint.email, !email.isEmpty else {
                throw .invalid("unable to read token, error: invalid '\(secret)' secret data: required field 'email' for type gcr")
            }
            guard let audience = endpoint.audience, !audience.isEmpty else {
                throw .invalid("unable to read token, error: invalid '\(secret)' secret data: required field 'audience' for type gcr")
            }
            let bearer = try GCRVerification.bearerToken(request.headers[.authorization])
            let claims = try await tokenInfo.claims(of: bearer)
            try GCRVerification.check(claims: claims, email: email, audience: audience, now: now())
            return try GCRVerification.event(in: body)
        case "cdevents":
            throw .invalid("receiver type 'cdevents' is not supported by Ferry (CDEvents v0.4 validation is not implemented)")
        case "generic-oidc":
            throw .invalid("receiver type 'generic-oidc' is not supported by Ferry (OIDC providers and CEL validations are not implemented)")
        default:
            let headers = request.headers.map { (name: $0.name.rawName, value: $0.value) }
            do {
                return try WebhookVerification.verify(
                    type: receiver.spec.type, token: token, events: receiver.spec.events, request: WebhookRequest(headers: headers, body: body))
            } catch {
                throw .invalid(error.description)
            }
        }
    }
}
