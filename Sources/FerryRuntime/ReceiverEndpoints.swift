public import FerryCore
public import FerryManifests

/// The Receivers of a folder of manifests as the HTTP server serves them (N-31): each one's
/// path derived from its Secret's `token`, with the Secret's `email` and `audience` for `gcr`.
public enum ReceiverEndpoints {
    /// The endpoints for `manifests`' Receivers; a Receiver whose Secret or `token` is missing
    /// gets no token (the server answers as Flux does, `TokenNotFound`).
    public static func endpoints(from manifests: NotificationManifests) -> [ReceiverEndpoint] {
        var secrets: [String: SecretData] = [:]
        for secret in manifests.secrets { secrets[secret.metadata.namespace + "/" + secret.metadata.name] = secret }
        return manifests.receivers.map { receiver in
            let namespace = receiver.metadata.namespace
            let secret = receiver.spec.secretRef.flatMap { secrets[namespace + "/" + $0.name] }
            let token = secret?.rawText("token")
            let path = token.map { WebhookVerification.webhookPath(token: $0, name: receiver.metadata.name, namespace: namespace) } ?? ""
            return ReceiverEndpoint(receiver: receiver, path: path, token: token, email: secret?.rawText("email"), audience: secret?.rawText("audience"))
        }
    }
}
