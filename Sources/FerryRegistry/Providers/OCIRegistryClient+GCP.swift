import FerryCore
import NIOCore
import NIOHTTP1

extension OCIRegistryClient {
    private struct GCPToken: Decodable {
        var access_token: String
        var expires_in: Int?
    }

    /// GCP login: the metadata server's access token for the default service account, used as the password of
    /// the `oauth2accesstoken` user (as `gcloud auth configure-docker` does).
    func gcpLogin(context: inout OperationContext) async throws(RegistryError) -> ProviderLogin {
        let base = configuration.gcpMetadataHost.contains("://") ? configuration.gcpMetadataHost : "http://" + configuration.gcpMetadataHost
        guard let origin = RegistryURL(parsing: base) else {
            throw context.error(.configuration, nil, "the metadata host \"\(configuration.gcpMetadataHost)\" (GCE_METADATA_HOST) is not host[:port]")
        }
        var exchange = HTTPExchange(
            method: .GET, url: RegistryURL(scheme: origin.scheme, authority: origin.authority, path: "/computeMetadata/v1/instance/service-accounts/default/token"))
        exchange.headers = [("Metadata-Flavor", "Google"), ("Accept", "application/json")]
        let token = try await providerRequest(exchange, GCPToken.self, what: "the GCE metadata server's token request", context: &context)
        context.secrets.append(token.access_token)
        return ProviderLogin(credentials: .basic(username: "oauth2accesstoken", password: token.access_token), lifetime: .seconds(token.expires_in ?? 0))
    }
}
