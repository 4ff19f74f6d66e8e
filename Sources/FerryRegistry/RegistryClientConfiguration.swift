/// Settings of an ``OCIRegistryClient`` shared by every scan: endpoints of the cloud providers' credential services,
/// registry endpoint overrides, the per-registry concurrency limit and the environment providers read.
///
/// Every endpoint can be pointed elsewhere (tests point them at loopback servers):
///
/// | setting | environment variable | default |
/// | --- | --- | --- |
/// | ``ecrEndpoint`` | `AWS_ENDPOINT_URL_ECR`, `AWS_ENDPOINT_URL` | `https://api.ecr.<region>.amazonaws.com` |
/// | ``stsEndpoint`` | `AWS_ENDPOINT_URL_STS`, `AWS_ENDPOINT_URL` | `https://sts.<region>.amazonaws.com` |
/// | ``gcpMetadataHost`` | `GCE_METADATA_HOST` | `metadata.google.internal` |
/// | ``azureIMDSEndpoint`` | `FERRY_AZURE_IMDS_ENDPOINT` | `http://169.254.169.254` |
/// | ``azureAuthorityHost`` | `AZURE_AUTHORITY_HOST` | `https://login.microsoftonline.com/` |
/// | ``endpointOverrides`` | `FERRY_REGISTRY_ENDPOINTS` (`host=URL,…`) | none |
public struct RegistryClientConfiguration: Sendable {
    /// The ECR API endpoint (`GetAuthorizationToken`), or `nil` for the region's.
    public var ecrEndpoint: String?
    /// The STS endpoint (`AssumeRoleWithWebIdentity`), or `nil` for the region's.
    public var stsEndpoint: String?
    /// `host[:port]` of the GCE metadata server.
    public var gcpMetadataHost: String
    /// The Azure instance metadata service (managed identity tokens).
    public var azureIMDSEndpoint: String
    /// The Entra ID authority (workload identity tokens).
    public var azureAuthorityHost: String
    /// Registry host → base URL to send its requests to instead (`scheme://host:port`), keeping the registry's name
    /// for credentials and provider checks: for mirrors, and for tests of cloud registries on loopback.
    public var endpointOverrides: [String: String]
    /// Requests in flight at once per registry host, across all scans sharing the client.
    public var maximumConcurrentRequestsPerRegistry: Int
    /// The `User-Agent` header.
    public var userAgent: String
    /// The first wait between retries when the registry sends no `Retry-After` (doubles each time).
    public var retryBackoff: Duration
    /// Event-loop threads of the client's own group, or `nil` to share the process-wide group (one thread per core).
    /// A one-shot command needs one.
    public var eventLoopThreads: Int?
    /// The environment the cloud providers read credentials from (`AWS_ACCESS_KEY_ID`, `AZURE_CLIENT_ID`, …).
    public var environment: [String: String]

    /// Creates a configuration, reading endpoints from `environment` where it sets them.
    ///
    /// - Parameter environment: Usually the process environment.
    public init(environment: [String: String] = [:]) {
        self.environment = environment
        ecrEndpoint = environment["AWS_ENDPOINT_URL_ECR"] ?? environment["AWS_ENDPOINT_URL"]
        stsEndpoint = environment["AWS_ENDPOINT_URL_STS"] ?? environment["AWS_ENDPOINT_URL"]
        gcpMetadataHost = environment["GCE_METADATA_HOST"] ?? "metadata.google.internal"
        azureIMDSEndpoint = environment["FERRY_AZURE_IMDS_ENDPOINT"] ?? "http://169.254.169.254"
        azureAuthorityHost = environment["AZURE_AUTHORITY_HOST"] ?? "https://login.microsoftonline.com/"
        endpointOverrides = Self.overrides(environment["FERRY_REGISTRY_ENDPOINTS"] ?? "")
        maximumConcurrentRequestsPerRegistry = 4
        userAgent = "ferry/0.1.0"
        retryBackoff = .milliseconds(250)
    }

    /// Parses `host=URL,host=URL`.
    static func overrides(_ text: String) -> [String: String] {
        var result: [String: String] = [:]
        for item in text.split(separator: ",") {
            let parts = item.split(separator: "=", maxSplits: 1)
            if parts.count == 2 { result[String(parts[0]).trimmingSpaces()] = String(parts[1]).trimmingSpaces() }
        }
        return result
    }
}
