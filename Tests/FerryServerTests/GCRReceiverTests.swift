import FerryCore
@testable import FerryServer
import Hummingbird
import HummingbirdTesting
import InMemoryLogging
import Logging
import Testing

/// `gcr` Receivers against scripts/services/google-tokeninfo.py, which answers as Google's token-info
/// endpoint does for tokens signed `test-signature`.
@Suite("gcr Receivers")
struct GCRReceiverTests {
    static let email = "pubsub-push@project.iam.gserviceaccount.com"
    static let audience = "https://flux.example.com/hook/0123abcd"
    /// 2100-01-01T00:00:00Z.
    static let farFuture: Int64 = 4_102_444_800

    static func base64URL(_ text: String) -> String {
        String(ByteEncoding.base64(Array(text.utf8)).compactMap { $0 == "+" ? "-" : $0 == "/" ? "_" : $0 == "=" ? nil : $0 })
    }

    /// A token the stand-in accepts when `signature` is `test-signature`.
    static func token(_ claims: [(String, GoJSON)], signature: String = "test-signature") -> String {
        base64URL(#"{"alg":"RS256","kid":"test","typ":"JWT"}"#) + "." + base64URL(GoJSON.fields(claims).text) + "." + signature
    }

    static func claims(
        aud: String = audience, iss: String = "https://accounts.google.com", email: String = email, verified: Bool = true, exp: Int64 = farFuture
    ) -> [(String, GoJSON)] {
        [("aud", .string(aud)), ("iss", .string(iss)), ("email", .string(email)), ("email_verified", .bool(verified)), ("exp", .integer(exp)),
         ("sub", .string("1234567890"))]
    }

    /// A Pub/Sub push of a GCR `INSERT` notification.
    static func push(data: String? = nil) -> String {
        let event = #"{"action":"INSERT","digest":"gcr.io/project/app@sha256:6ec1","tag":"gcr.io/project/app:1.2.3"}"#
        let encoded = data ?? ByteEncoding.base64(Array(event.utf8))
        return #"{"message":{"attributes":{},"data":"\#(encoded)","messageId":"2070443601311540","publishTime":"2026-12-01T08:18:23.123Z"},"#
            + #""subscription":"projects/project/subscriptions/gcr-flux"}"#
    }

    struct Outcome {
        var status: Int
        var requests: [FakePipelineControl.ReconcileRequest]
        var logs: InMemoryLogHandler
    }

    func send(
        authorization: String?, body: String = push(), email: String? = email, audience: String? = audience, tokenInfo: String? = nil,
        now: Timestamp = testNow, tokenInfoTimeout: Duration = .seconds(90)
    ) async throws -> Outcome {
        let endpointURL = try tokenInfo ?? (serviceVariable("FERRY_TEST_GOOGLE_TOKENINFO") + "/tokeninfo")
        let endpoint = testEndpoint(testReceiver("gcr-receiver", type: "gcr"), token: "path-token", email: email, audience: audience)
        let control = FakePipelineControl(endpoints: [endpoint])
        let logs = InMemoryLogHandler()
        let app = testApplication(control: control, logs: logs) {
            $0.googleTokenInfoURL = endpointURL
            $0.now = { now }
            $0.googleTokenInfoTimeout = tokenInfoTimeout
        }
        let fields = try headers(authorization.map { [("Authorization", $0)] } ?? [])
        let status = try await app.test(.router) { client async throws in
            try await client.execute(uri: endpoint.path, method: .post, headers: fields, body: ByteBuffer(string: body)).status.code
        }
        return Outcome(status: status, requests: await control.requests, logs: logs)
    }

    @Test("a push with a valid Google token reconciles", arguments: ["https://accounts.google.com", "accounts.google.com"])
    func accepted(issuer: String) async throws {
        let token = Self.token(Self.claims(iss: issuer))
        let outcome = try await send(authorization: "Bearer " + token)
        #expect(outcome.status == 200)
        #expect(outcome.requests == [.init(resources: testResources, namespace: "flux-system", requestedAt: testNow)])
        let event = try #require(outcome.logs.entries.first { "\($0.message)" == "handling webhook event" })
        #expect(event.metadata["event"] == "GCR event from gcr.io/project/app@sha256:6ec1 for tag gcr.io/project/app:1.2.3")
        #expect(!outcome.logs.loggedText.contains(token))
        #expect(!outcome.logs.loggedText.contains(Self.audience))
    }

    /// A refused token and the reason logged for it.
    struct Refusal: Sendable, CustomTestStringConvertible {
        var label: String
        var authorization: String?
        var reason: String
        var testDescription: String { label }
    }

    static let refusals: [Refusal] = [
        Refusal(
            label: "another audience", authorization: "Bearer " + token(claims(aud: "https://elsewhere.example.com/hook/x")),
            reason: "cannot authenticate GCR request: the token's audience does not match the Secret's 'audience'"),
        Refusal(
            label: "another issuer", authorization: "Bearer " + token(claims(iss: "https://issuer.example.com")),
            reason: "cannot authenticate GCR request: the token's issuer 'https://issuer.example.com' is not 'accounts.google.com' or 'https://accounts.google.com'"),
        Refusal(
            label: "another email", authorization: "Bearer " + token(claims(email: "intruder@example.com")),
            reason: "cannot authenticate GCR request: the token's email 'intruder@example.com' does not match the Secret's 'email'"),
        Refusal(
            label: "email not verified", authorization: "Bearer " + token(claims(verified: false)),
            reason: "cannot authenticate GCR request: the token's email '\(email)' is not verified"),
        Refusal(
            label: "a signature Google did not make", authorization: "Bearer " + token(claims(), signature: "forged"),
            reason: "cannot authenticate GCR request: cannot verify authenticity of payload: the token-info endpoint refused the token (HTTP 400)"),
        Refusal(
            label: "expired (Google refuses it)", authorization: "Bearer " + token(claims(exp: 1_600_000_000)),
            reason: "cannot authenticate GCR request: cannot verify authenticity of payload: the token-info endpoint refused the token (HTTP 400)"),
        Refusal(
            label: "no Authorization", authorization: nil, reason: "cannot authenticate GCR request: Authorization header is missing or malformed"),
        Refusal(
            label: "not a Bearer token", authorization: "Basic " + token(claims()),
            reason: "cannot authenticate GCR request: Authorization header is missing or malformed"),
        Refusal(label: "empty Bearer", authorization: "Bearer ", reason: "cannot authenticate GCR request: Authorization header is missing or malformed"),
    ]

    @Test(arguments: refusals)
    func refused(_ refusal: Refusal) async throws {
        let outcome = try await send(authorization: refusal.authorization)
        #expect(outcome.status == 400)
        #expect(outcome.requests.isEmpty)
        let entry = try #require(outcome.logs.entries.first { "\($0.message)" == "unable to validate payload" })
        #expect(entry.metadata["error"] == .string(refusal.reason))
        if let authorization = refusal.authorization, authorization.count > 7 {
            #expect(!outcome.logs.loggedText.contains(String(authorization.dropFirst(7))))
        }
    }

    @Test("a token Google still accepts but that expired by the server's clock is refused")
    func expiredByServerClock() async throws {
        let outcome = try await send(
            authorization: "Bearer " + Self.token(Self.claims(exp: Self.farFuture)), now: Timestamp(secondsSinceEpoch: Self.farFuture + 60))
        #expect(outcome.status == 400)
        let entry = try #require(outcome.logs.entries.first { "\($0.message)" == "unable to validate payload" })
        #expect(entry.metadata["error"] == "cannot authenticate GCR request: the token expired at 2100-01-01T00:00:00Z")
    }

    @Test("the Secret needs email and audience", arguments: [("email", true), ("audience", false)])
    func secretKeys(missing: String, emailMissing: Bool) async throws {
        let outcome = try await send(
            authorization: "Bearer " + Self.token(Self.claims()), email: emailMissing ? nil : Self.email, audience: emailMissing ? Self.audience : "",
            tokenInfo: "http://127.0.0.1:9/never-asked")
        #expect(outcome.status == 400)
        let entry = try #require(outcome.logs.entries.first { "\($0.message)" == "unable to validate payload" })
        #expect(
            entry.metadata["error"]
                == .string("unable to read token, error: invalid 'flux-system/gcr-receiver-token' secret data: required field '\(missing)' for type gcr"))
    }

    @Test("a token-info endpoint that cannot be reached refuses the request")
    func endpointDown() async throws {
        let outcome = try await send(authorization: "Bearer " + Self.token(Self.claims()), tokenInfo: try serviceVariable("FERRY_TEST_GOOGLE_TOKENINFO_DOWN"),
            // AsyncHTTPClient retries a refused connection until the deadline: keep it short.
            tokenInfoTimeout: .milliseconds(300))
        #expect(outcome.status == 400)
        let entry = try #require(outcome.logs.entries.first { "\($0.message)" == "unable to validate payload" })
        let reason = try #require(entry.metadata["error"]).description
        #expect(reason.hasPrefix("cannot authenticate GCR request: cannot verify authenticity of payload: the token-info endpoint could not be reached"))
    }

    @Test("a token-info answer that is not JSON refuses the request")
    func endpointGarbage() async throws {
        let outcome = try await send(
            authorization: "Bearer " + Self.token(Self.claims()), tokenInfo: try serviceVariable("FERRY_TEST_GOOGLE_TOKENINFO") + "/garbage")
        #expect(outcome.status == 400)
        let entry = try #require(outcome.logs.entries.first { "\($0.message)" == "unable to validate payload" })
        #expect(entry.metadata["error"] == "cannot authenticate GCR request: cannot verify authenticity of payload: the token-info endpoint's answer is not a JSON object")
    }

    @Test("a bad Pub/Sub body is refused after the token is checked", arguments: [
        ("not JSON", "{", "cannot decode GCR webhook payload: unexpected end of JSON input"),
        ("message not an object", #"{"message":"x"}"#, "cannot decode GCR webhook payload: message is not an object"),
        ("data not Base64", push(data: "!!!"), "cannot decode GCR webhook body: message.data is not Base64"),
        ("data not JSON", push(data: ByteEncoding.base64(Array("nope".utf8))), "cannot decode GCR webhook body: invalid character 'o' in literal null (expecting 'u')"),
        ("tag not a string", push(data: ByteEncoding.base64(Array(#"{"tag":1}"#.utf8))), "cannot decode GCR webhook body: tag is not a string"),
        ("bad publishTime", #"{"message":{"data":"e30=","publishTime":"yesterday"}}"#, #"cannot decode GCR webhook payload: message.publishTime "yesterday" is not an RFC 3339 time"#),
    ])
    func badBody(label: String, body: String, reason: String) async throws {
        let outcome = try await send(authorization: "Bearer " + Self.token(Self.claims()), body: body)
        #expect(outcome.status == 400, "\(label)")
        let entry = try #require(outcome.logs.entries.first { "\($0.message)" == "unable to validate payload" })
        #expect(entry.metadata["error"] == .string(reason), "\(label)")
    }

    @Test("the token is sent percent-encoded in the query")
    func escaping() {
        #expect(GoogleTokenInfoClient.queryEscaped("a.b_c-d~e") == "a.b_c-d~e")
        #expect(GoogleTokenInfoClient.queryEscaped("a+b/c=&d e") == "a%2Bb%2Fc%3D%26d%20e")
    }

    @Test("claims as Google writes them: strings for booleans and times, or a list of audiences")
    func claimShapes() throws {
        let strings = try #require(
            TemplateJSON.decode(#"{"aud":"A","iss":"accounts.google.com","email":"e@x","email_verified":"true","exp":"4102444800"}"#).mapValue)
        try GCRVerification.check(claims: strings, email: "e@x", audience: "A", now: testNow)
        let list = try #require(
            TemplateJSON.decode(#"{"aud":["B","A"],"iss":"accounts.google.com","email":"e@x","email_verified":true}"#).mapValue)
        try GCRVerification.check(claims: list, email: "e@x", audience: "A", now: testNow)
        let unverified = try #require(
            TemplateJSON.decode(#"{"aud":"A","iss":"accounts.google.com","email":"e@x","email_verified":"false"}"#).mapValue)
        #expect(throws: ReceiverRefusal.self) { try GCRVerification.check(claims: unverified, email: "e@x", audience: "A", now: testNow) }
    }
}

extension TemplateValue {
    var mapValue: TemplateMap? {
        if case .map(let map) = self { return map }
        return nil
    }
}
