/// How to reach one Kubernetes API server: its address, how to trust it, and who to be.
///
/// Made from a kubeconfig (``ClusterConnection/kubeconfig(path:context:environment:)``) or
/// from a pod's service account (``ClusterConnection/inCluster(environment:serviceAccountDirectory:)``);
/// ``ClusterConnection/resolve(kubeconfig:context:environment:)`` picks as controller-runtime does.
public struct ClusterConnection: Sendable {
    /// The server's base URL, e.g. `https://127.0.0.1:6443`, without a trailing slash.
    public var server: String
    /// PEM certificates to trust for the server instead of the system roots; nil for the system roots.
    public var certificateAuthorityPEM: [UInt8]?
    /// The client certificate chain (PEM) for mutual TLS.
    public var clientCertificatePEM: [UInt8]?
    /// The client private key (PEM) for mutual TLS.
    public var clientKeyPEM: [UInt8]?
    /// `insecure-skip-tls-verify`: do not verify the server's certificate.
    public var insecureSkipTLSVerify: Bool
    /// The credentials sent with every request.
    public var credentials: Credentials
    /// The namespace of the context (or of the service account); `default` when none is set.
    public var namespace: String
    /// Where this connection came from, for messages: `kubeconfig /root/.kube/config, context kind` or `in-cluster`.
    public var origin: String

    /// Creates a connection.
    public init(
        server: String, certificateAuthorityPEM: [UInt8]? = nil, clientCertificatePEM: [UInt8]? = nil, clientKeyPEM: [UInt8]? = nil,
        insecureSkipTLSVerify: Bool = false, credentials: Credentials = .none, namespace: String = "default", origin: String = "explicit"
    ) {
        var server = server
        while server.hasSuffix("/") { server.removeLast() }
        self.server = server
        self.certificateAuthorityPEM = certificateAuthorityPEM
        self.clientCertificatePEM = clientCertificatePEM
        self.clientKeyPEM = clientKeyPEM
        self.insecureSkipTLSVerify = insecureSkipTLSVerify
        self.credentials = credentials
        self.namespace = namespace
        self.origin = origin
    }

    /// What identifies the client to the server.
    public enum Credentials: Sendable, Hashable {
        /// No `Authorization` header (client certificates may still identify the client).
        case none
        /// A fixed bearer token.
        case bearerToken(String)
        /// A bearer token read from a file and read again as it rotates (service-account
        /// tokens are projected and replaced by the kubelet about every hour).
        case bearerTokenFile(String)
        /// HTTP Basic credentials.
        case basic(username: String, password: String)
    }
}

extension ClusterConnection.Credentials: CustomStringConvertible {
    /// Names the kind of credential, never its value.
    public var description: String {
        switch self {
        case .none: "no credentials"
        case .bearerToken: "a bearer token"
        case .bearerTokenFile(let path): "the bearer token in \(path)"
        case .basic(let username, _): "basic credentials for \(username)"
        }
    }
}
