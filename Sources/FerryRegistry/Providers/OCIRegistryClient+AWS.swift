import FerryCore
import NIOCore
import NIOHTTP1

extension OCIRegistryClient {
    private struct ECRAnswer: Decodable {
        struct Data: Decodable {
            var authorizationToken: String
            var expiresAt: Double?
        }

        var authorizationData: [Data]
    }

    private struct ECRPublicAnswer: Decodable {
        var authorizationData: ECRAnswer.Data
    }

    /// ECR login: `GetAuthorizationToken` signed with SigV4, its token decoded into `AWS:<password>` Basic
    /// credentials. `public.ecr.aws` uses the ECR Public API in `us-east-1`.
    func ecrLogin(registry: String, context: inout OperationContext) async throws(RegistryError) -> ProviderLogin {
        let environment = configuration.environment
        let isPublic = registry == "public.ecr.aws"
        guard let region = isPublic ? "us-east-1" : RegistryProvider.ecrRegion(of: registry) ?? environment["AWS_REGION"] else {
            throw context.error(.configuration, nil, "cannot tell the AWS region of \(registry)")
        }
        let aws = try await awsCredentials(region: region, context: &context)
        let service = isPublic ? "ecr-public" : "ecr"
        let defaultEndpoint = isPublic ? "https://api.ecr-public.us-east-1.amazonaws.com/" : "https://api.ecr.\(region).amazonaws.com/"
        let endpoint = configuration.ecrEndpoint ?? defaultEndpoint
        guard let url = RegistryURL(parsing: endpoint) else {
            throw context.error(.configuration, nil, "the ECR endpoint \"\(endpoint)\" is not an http(s) URL")
        }
        let target = isPublic ? "SpencerFrontendService.GetAuthorizationToken" : "AmazonEC2ContainerRegistry_V20150921.GetAuthorizationToken"
        var exchange = HTTPExchange(method: .POST, url: url)
        exchange.headers = [("Content-Type", "application/x-amz-json-1.1"), ("X-Amz-Target", target)]
        exchange.body = Array("{}".utf8)
        exchange.headers += SigV4.sign(
            method: "POST", url: url, headers: exchange.headers, body: exchange.body ?? [], service: service, region: region, credentials: aws,
            unixTime: transport.unixTime())
        let data: ECRAnswer.Data
        if isPublic {
            data = try await providerRequest(exchange, ECRPublicAnswer.self, what: "ECR Public GetAuthorizationToken", context: &context).authorizationData
        } else {
            let answer = try await providerRequest(exchange, ECRAnswer.self, what: "ECR GetAuthorizationToken", context: &context)
            guard let first = answer.authorizationData.first else {
                throw context.error(.malformedResponse, exchange, status: 200, "ECR GetAuthorizationToken returned no authorizationData")
            }
            data = first
        }
        context.secrets.append(data.authorizationToken)
        guard let decoded = Base64Text.decode(data.authorizationToken).map({ String(decoding: $0, as: UTF8.self) }),
            let colon = decoded.firstIndex(of: ":")
        else {
            throw context.error(.malformedResponse, exchange, status: 200, "the ECR authorization token is not base64 of user:password")
        }
        let credentials = RegistryCredentials.basic(username: String(decoded[..<colon]), password: String(decoded[decoded.index(after: colon)...]))
        let remaining = data.expiresAt.map { Int64($0) - transport.unixTime() } ?? 0
        return ProviderLogin(credentials: credentials, lifetime: .seconds(max(0, remaining)))
    }

    /// AWS credentials from the environment (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`), or
    /// from `AWS_WEB_IDENTITY_TOKEN_FILE` and `AWS_ROLE_ARN` through STS `AssumeRoleWithWebIdentity` (IRSA).
    func awsCredentials(region: String, context: inout OperationContext) async throws(RegistryError) -> AWSCredentials {
        let environment = configuration.environment
        if let key = environment["AWS_ACCESS_KEY_ID"], !key.isEmpty, let secret = environment["AWS_SECRET_ACCESS_KEY"], !secret.isEmpty {
            let token = environment["AWS_SESSION_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
            let credentials = AWSCredentials(accessKeyID: key, secretAccessKey: secret, sessionToken: token)
            context.secrets += credentials.secrets
            return credentials
        }
        guard let tokenFile = environment["AWS_WEB_IDENTITY_TOKEN_FILE"], let role = environment["AWS_ROLE_ARN"] else {
            throw context.error(
                .authentication, nil,
                "no AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN")
        }
        guard let webToken = Self.readTokenFile(tokenFile), !webToken.isEmpty else {
            throw context.error(.authentication, nil, "cannot read the web identity token file \(tokenFile) (AWS_WEB_IDENTITY_TOKEN_FILE)")
        }
        context.secrets.append(webToken)
        let endpoint = configuration.stsEndpoint ?? "https://sts.\(region).amazonaws.com/"
        guard let url = RegistryURL(parsing: endpoint) else {
            throw context.error(.configuration, nil, "the STS endpoint \"\(endpoint)\" is not an http(s) URL")
        }
        let session = environment["AWS_ROLE_SESSION_NAME"].flatMap { $0.isEmpty ? nil : $0 } ?? "ferry-\(transport.unixTime())"
        var exchange = HTTPExchange(method: .POST, url: url)
        exchange.headers = [("Content-Type", "application/x-www-form-urlencoded"), ("Accept", "application/xml")]
        exchange.body = Array(PercentEncoding.form([
            ("Action", "AssumeRoleWithWebIdentity"), ("Version", "2011-06-15"), ("RoleArn", role), ("RoleSessionName", session),
            ("WebIdentityToken", webToken),
        ]).utf8)
        let reply = try await transport.send(exchange, context: &context)
        let body = String(decoding: reply.body.readableBytesView, as: UTF8.self)
        guard reply.status == 200 else {
            let detail = ProviderErrorText.extract(Array(reply.body.readableBytesView)).map { ": \($0)" } ?? ""
            throw context.error(.authentication, exchange, status: reply.status, "STS AssumeRoleWithWebIdentity for \(role) failed\(detail)")
        }
        guard let key = XMLText.element("AccessKeyId", in: body), let secret = XMLText.element("SecretAccessKey", in: body) else {
            throw context.error(.malformedResponse, exchange, status: 200, "the STS answer has no AccessKeyId and SecretAccessKey")
        }
        let credentials = AWSCredentials(accessKeyID: key, secretAccessKey: secret, sessionToken: XMLText.element("SessionToken", in: body))
        context.secrets += credentials.secrets
        return credentials
    }
}
