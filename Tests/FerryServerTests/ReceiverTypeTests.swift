import FerryCore
import FerryServer
import Hummingbird
import HummingbirdTesting
import InMemoryLogging
import Logging
import Testing

/// One request to a Receiver of some type, and the answer notification-controller gives it.
struct WebhookCase: Sendable, CustomTestStringConvertible {
    var label: String
    var type: String
    var events: [String] = []
    var body: String
    /// The headers, from the Receiver's token and the body.
    var headers: @Sendable (_ token: String, _ body: [UInt8]) -> [(String, String)] = { _, _ in [] }
    var status: Int

    var testDescription: String { "\(type): \(label)" }
}

private let dockerHubPush = #"{"push_data":{"tag":"1.2.3","pusher":"ci"},"repository":{"repo_url":"https://hub.docker.com/r/team/app","name":"app"}}"#
private let quayPush = #"{"docker_url":"quay.io/team/app","updated_tags":["1.2.3","latest"],"repository":"team/app"}"#
private let nexusPush = #"{"action":"CREATED","repositoryName":"docker-hosted","component":{"name":"app","version":"1.2.3"}}"#
private let acrPush = #"{"id":"1","action":"push","target":{"repository":"team/app","tag":"1.2.3","digest":"sha256:abc"}}"#
private let githubPush = #"{"ref":"refs/heads/main","after":"0123456789abcdef"}"#

let webhookCases: [WebhookCase] = [
    // generic: the path is the only protection; any body, any headers.
    WebhookCase(label: "any request", type: "generic", body: "anything", status: 200),
    WebhookCase(label: "empty body", type: "generic", body: "", status: 200),
    // generic-hmac: X-Signature: <hash>=<hex HMAC of the body>.
    WebhookCase(label: "sha256 signature", type: "generic-hmac", body: "{}", headers: { t, b in [("X-Signature", "sha256=" + hmacHex(.sha256, key: t, b))] }, status: 200),
    WebhookCase(label: "sha1 signature", type: "generic-hmac", body: "{}", headers: { t, b in [("X-Signature", "sha1=" + hmacHex(.sha1, key: t, b))] }, status: 200),
    WebhookCase(label: "sha512 signature", type: "generic-hmac", body: "{}", headers: { t, b in [("X-Signature", "sha512=" + hmacHex(.sha512, key: t, b))] }, status: 200),
    WebhookCase(label: "signature with another key", type: "generic-hmac", body: "{}", headers: { _, b in [("X-Signature", "sha256=" + hmacHex(.sha256, key: "wrong", b))] }, status: 400),
    WebhookCase(label: "signature of another body", type: "generic-hmac", body: "{}", headers: { t, _ in [("X-Signature", "sha256=" + hmacHex(.sha256, key: t, Array("{ }".utf8)))] }, status: 400),
    WebhookCase(label: "no signature", type: "generic-hmac", body: "{}", status: 400),
    WebhookCase(label: "unknown hash", type: "generic-hmac", body: "{}", headers: { t, b in [("X-Signature", "md5=" + hmacHex(.sha256, key: t, b))] }, status: 400),
    WebhookCase(label: "signature not hex", type: "generic-hmac", body: "{}", headers: { _, _ in [("X-Signature", "sha256=zz")] }, status: 400),
    // github: X-Hub-Signature-256 (or X-Hub-Signature), event filter on X-GitHub-Event.
    WebhookCase(
        label: "push, allowed", type: "github", events: ["push"], body: githubPush,
        headers: { t, b in [("X-Hub-Signature-256", "sha256=" + hmacHex(.sha256, key: t, b)), ("X-GitHub-Event", "push")] }, status: 200),
    WebhookCase(
        label: "event compared without case", type: "github", events: ["Push"], body: githubPush,
        headers: { t, b in [("X-Hub-Signature-256", "sha256=" + hmacHex(.sha256, key: t, b)), ("X-GitHub-Event", "push")] }, status: 200),
    WebhookCase(
        label: "legacy sha1 header, no filter", type: "github", body: githubPush,
        headers: { t, b in [("X-Hub-Signature", "sha1=" + hmacHex(.sha1, key: t, b)), ("X-GitHub-Event", "ping")] }, status: 200),
    WebhookCase(
        label: "filtered event", type: "github", events: ["ping"], body: githubPush,
        headers: { t, b in [("X-Hub-Signature-256", "sha256=" + hmacHex(.sha256, key: t, b)), ("X-GitHub-Event", "push")] }, status: 400),
    WebhookCase(
        label: "bad signature", type: "github", body: githubPush,
        headers: { _, b in [("X-Hub-Signature-256", "sha256=" + hmacHex(.sha256, key: "wrong", b)), ("X-GitHub-Event", "push")] }, status: 400),
    WebhookCase(label: "missing signature", type: "github", body: githubPush, headers: { _, _ in [("X-GitHub-Event", "push")] }, status: 400),
    // gitlab: X-Gitlab-Token equals the token, event filter on X-Gitlab-Event.
    WebhookCase(
        label: "token and allowed event", type: "gitlab", events: ["Push Hook"], body: "{}",
        headers: { t, _ in [("X-Gitlab-Token", t), ("X-Gitlab-Event", "Push Hook")] }, status: 200),
    WebhookCase(
        label: "wrong token", type: "gitlab", body: "{}", headers: { t, _ in [("X-Gitlab-Token", t + "x"), ("X-Gitlab-Event", "Push Hook")] }, status: 400),
    WebhookCase(label: "no token", type: "gitlab", body: "{}", headers: { _, _ in [("X-Gitlab-Event", "Push Hook")] }, status: 400),
    WebhookCase(
        label: "filtered event", type: "gitlab", events: ["Push Hook"], body: "{}",
        headers: { t, _ in [("X-Gitlab-Token", t), ("X-Gitlab-Event", "Tag Push Hook")] }, status: 400),
    // bitbucket (Server): HMAC as github, event filter on X-Event-Key.
    WebhookCase(
        label: "signed refs_changed", type: "bitbucket", events: ["repo:refs_changed"], body: "{}",
        headers: { t, b in [("X-Hub-Signature", "sha256=" + hmacHex(.sha256, key: t, b)), ("X-Event-Key", "repo:refs_changed")] }, status: 200),
    WebhookCase(
        label: "filtered event", type: "bitbucket", events: ["repo:refs_changed"], body: "{}",
        headers: { t, b in [("X-Hub-Signature", "sha256=" + hmacHex(.sha256, key: t, b)), ("X-Event-Key", "pr:opened")] }, status: 400),
    WebhookCase(
        label: "bad signature", type: "bitbucket", body: "{}",
        headers: { _, b in [("X-Hub-Signature", "sha256=" + hmacHex(.sha256, key: "wrong", b)), ("X-Event-Key", "repo:refs_changed")] }, status: 400),
    // harbor: Authorization equals the token exactly.
    WebhookCase(label: "Authorization is the token", type: "harbor", body: "{}", headers: { t, _ in [("Authorization", t)] }, status: 200),
    WebhookCase(label: "wrong Authorization", type: "harbor", body: "{}", headers: { t, _ in [("Authorization", "Bearer " + t)] }, status: 400),
    WebhookCase(label: "no Authorization", type: "harbor", body: "{}", status: 400),
    // dockerhub: the payload must decode; no authentication.
    WebhookCase(label: "push payload", type: "dockerhub", body: dockerHubPush, status: 200),
    WebhookCase(label: "not JSON", type: "dockerhub", body: "push", status: 400),
    WebhookCase(label: "push_data not an object", type: "dockerhub", body: #"{"push_data":"1.2.3"}"#, status: 400),
    WebhookCase(label: "tag not a string", type: "dockerhub", body: #"{"push_data":{"tag":123}}"#, status: 400),
    // quay: docker_url and updated_tags must decode.
    WebhookCase(label: "push payload", type: "quay", body: quayPush, status: 200),
    WebhookCase(label: "updated_tags not a list", type: "quay", body: #"{"docker_url":"quay.io/a","updated_tags":"1.0"}"#, status: 400),
    WebhookCase(label: "a JSON array", type: "quay", body: "[]", status: 400),
    // nexus: X-Nexus-Webhook-Signature = hex HMAC-SHA1 of the body; action and repositoryName must decode.
    WebhookCase(label: "signed payload", type: "nexus", body: nexusPush, headers: { t, b in [("X-Nexus-Webhook-Signature", hmacHex(.sha1, key: t, b))] }, status: 200),
    WebhookCase(label: "missing signature", type: "nexus", body: nexusPush, status: 400),
    WebhookCase(
        label: "bad signature", type: "nexus", body: nexusPush, headers: { _, b in [("X-Nexus-Webhook-Signature", hmacHex(.sha1, key: "wrong", b))] },
        status: 400),
    WebhookCase(
        label: "signed bad payload", type: "nexus", body: #"{"action":1}"#, headers: { t, b in [("X-Nexus-Webhook-Signature", hmacHex(.sha1, key: t, b))] },
        status: 400),
    // acr: action, target.repository and target.tag must decode.
    WebhookCase(label: "push payload", type: "acr", body: acrPush, status: 200),
    WebhookCase(label: "tag not a string", type: "acr", body: #"{"action":"push","target":{"repository":"a","tag":5}}"#, status: 400),
    WebhookCase(label: "not JSON", type: "acr", body: "{", status: 400),
    // Types Ferry refuses.
    WebhookCase(label: "not supported", type: "cdevents", body: #"{"context":{},"subject":{}}"#, headers: { _, _ in [("Ce-Type", "dev.cdevents.artifact.published.0.1.0")] }, status: 400),
    WebhookCase(label: "not supported", type: "generic-oidc", body: "{}", headers: { _, _ in [("Authorization", "Bearer x")] }, status: 400),
    WebhookCase(label: "unknown type", type: "bogus", body: "{}", status: 400),
]

@Suite("Receiver types")
struct ReceiverTypeTests {
    @Test(arguments: webhookCases)
    func answersAsFluxDoes(_ example: WebhookCase) async throws {
        let token = "s3cr3t-token-\(example.type)"
        let receiver = testReceiver("app-\(example.type)", type: example.type, events: example.events)
        let endpoint = testEndpoint(receiver, token: token)
        let control = FakePipelineControl(endpoints: [endpoint])
        let logs = InMemoryLogHandler()
        let body = Array(example.body.utf8)
        let fields = try headers(example.headers(token, body))
        try await testApplication(control: control, logs: logs).test(.router) { client async throws in
            let response = try await client.execute(uri: endpoint.path, method: .post, headers: fields, body: ByteBuffer(bytes: body))
            #expect(response.status.code == example.status)
            #expect(response.body.readableBytes == 0)
        }
        let requests = await control.requests
        if example.status == 200 {
            #expect(requests == [.init(resources: testResources, namespace: "flux-system", requestedAt: testNow)])
        } else {
            #expect(requests.isEmpty)
            #expect(logs.entries.contains { "\($0.message)" == "unable to validate payload" })
        }
        #expect(!logs.loggedText.contains(token))
        #expect(!logs.loggedText.contains(String(endpoint.path.dropFirst("/hook/".count))))
    }

    @Test("a refusal is logged with Flux's reason and the Receiver's name")
    func refusalReason() async throws {
        let receiver = testReceiver("github-receiver", type: "github", events: ["ping"])
        let endpoint = testEndpoint(receiver, token: "t0k3n")
        let logs = InMemoryLogHandler()
        let body = Array(githubPush.utf8)
        let fields = try headers([("X-Hub-Signature-256", "sha256=" + hmacHex(.sha256, key: "t0k3n", body)), ("X-GitHub-Event", "push")])
        try await testApplication(control: FakePipelineControl(endpoints: [endpoint]), logs: logs).test(.router) { client async throws in
            let response = try await client.execute(uri: endpoint.path, method: .post, headers: fields, body: ByteBuffer(bytes: body))
            #expect(response.status == .badRequest)
        }
        let entry = try #require(logs.entries.first { "\($0.message)" == "unable to validate payload" })
        #expect(entry.metadata["error"] == "the GitHub event 'push' is not authorised")
        #expect(entry.metadata["receiver.name"] == "github-receiver")
        #expect(entry.metadata["receiver.namespace"] == "flux-system")
    }
}
