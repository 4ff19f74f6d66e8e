import FerryCore
import NIOCore
import NIOHTTP1

extension OCIRegistryClient {
    /// An Entra ID token answer; the instance metadata service sends `expires_in` as a string.
    private struct EntraToken: Decodable {
        var access_token: String
        var expiresIn: Int?

        enum CodingKeys: String, CodingKey {
            case access_token
            case expires_in
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            access_token = try container.decode(String.self, forKey: .access_token)
            if let number = try? container.decode(Int.self, forKey: .expires_in) {
                expiresIn = number
            } else {
                expiresIn = (try? container.decode(String.self, forKey: .expires_in)).flatMap { Int($0) }
            }
        }
    }

    private struct ExchangeAnswer: Decodable {
        var refresh_token: String
    }

    /// The user name ACR expects with an exchanged refresh token.
    static let acrRefreshTokenUser = "00000000-0000-0000-0000-000000000000"

    /// Azure login: an Entra ID access token (workload identity from `AZURE_FEDERATED_TOKEN_FILE`, else the managed
    /// identity of the instance metadata service), exchanged at the registry's `/oauth2/exchange` for an ACR
    /// refresh token, which is then the password of the all-zero user.
    func azureLogin(repository: ImageRepositoryName, context: inout OperationContext) async throws(RegistryError) -> ProviderLogin {
        let environment = configuration.environment
        let tenant = environment["AZURE_TENANT_ID"]
        let entra = try await entraToken(context: &context)
        context.secrets.append(entra.access_token)
        let base = configuration.endpointOverrides[repository.registry] ?? "https://\(repository.registry)"
        guard let origin = RegistryURL(parsing: base) else {
            throw context.error(.configuration, nil, "the endpoint \"\(base)\" of \(repository.registry) is not an http(s) URL")
        }
        var exchange = HTTPExchange(method: .POST, url: RegistryURL(scheme: origin.scheme, authority: origin.authority, path: "/oauth2/exchange"))
        exchange.headers = [("Content-Type", "application/x-www-form-urlencoded"), ("Accept", "application/json")]
        var form = [("grant_type", "access_token"), ("service", repository.registry), ("access_token", entra.access_token)]
        if let tenant { form.append(("tenant", tenant)) }
        exchange.body = Array(PercentEncoding.form(form).utf8)
        let answer = try await providerRequest(exchange, ExchangeAnswer.self, what: "the ACR refresh-token exchange", context: &context)
        context.secrets.append(answer.refresh_token)
        return ProviderLogin(credentials: .basic(username: Self.acrRefreshTokenUser, password: answer.refresh_token), lifetime: .seconds(entra.expiresIn ?? 0))
    }

    private func entraToken(context: inout OperationContext) async throws(RegistryError) -> EntraToken {
        let environment = configuration.environment
        let resource = "https://management.azure.com/"
        if let file = environment["AZURE_FEDERATED_TOKEN_FILE"], let client = environment["AZURE_CLIENT_ID"], let tenant = environment["AZURE_TENANT_ID"] {
            guard let assertion = Self.readTokenFile(file), !assertion.isEmpty else {
                throw context.error(.authentication, nil, "cannot read the federated token file \(file) (AZURE_FEDERATED_TOKEN_FILE)")
            }
            context.secrets.append(assertion)
            let authority = configuration.azureAuthorityHost.hasSuffix("/") ? configuration.azureAuthorityHost : configuration.azureAuthorityHost + "/"
            guard let url = RegistryURL(parsing: authority + "\(tenant)/oauth2/v2.0/token") else {
                throw context.error(.configuration, nil, "the authority \"\(configuration.azureAuthorityHost)\" (AZURE_AUTHORITY_HOST) is not an http(s) URL")
            }
            var exchange = HTTPExchange(method: .POST, url: url)
            exchange.headers = [("Content-Type", "application/x-www-form-urlencoded"), ("Accept", "application/json")]
            exchange.body = Array(PercentEncoding.form([
                ("client_id", client), ("scope", resource + ".default"), ("grant_type", "client_credentials"),
                ("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"), ("client_assertion", assertion),
            ]).utf8)
            return try await providerRequest(exchange, EntraToken.self, what: "the Entra ID workload identity token request", context: &context)
        }
        guard let origin = RegistryURL(parsing: configuration.azureIMDSEndpoint) else {
            throw context.error(.configuration, nil, "the instance metadata endpoint \"\(configuration.azureIMDSEndpoint)\" is not an http(s) URL")
        }
        var query = [("api-version", "2018-02-01"), ("resource", resource)]
        if let client = environment["AZURE_CLIENT_ID"] { query.append(("client_id", client)) }
        var exchange = HTTPExchange(
            method: .GET, url: RegistryURL(scheme: origin.scheme, authority: origin.authority, path: "/metadata/identity/oauth2/token", query: PercentEncoding.form(query)))
        exchange.headers = [("Metadata", "true"), ("Accept", "application/json")]
        return try await providerRequest(exchange, EntraToken.self, what: "the managed identity token request", context: &context)
    }
}
