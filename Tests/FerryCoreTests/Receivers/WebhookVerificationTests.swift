import Testing

@testable import FerryCore

/// Receiver checks as Flux's notification-controller makes them. Expected signatures were
/// computed with Python's `hmac` and `hashlib`.
struct WebhookVerificationTests {
    let body = Array(#"{"a":1}"#.utf8)

    private func request(_ headers: [(String, String)], _ body: String) -> WebhookRequest {
        WebhookRequest(headers: headers.map { (name: $0.0, value: $0.1) }, body: Array(body.utf8))
    }

    @Test func hmacMatchesTheStandardForEveryHash() {
        #expect(HMAC.hex(HMAC.code(.sha256, key: Array("secret".utf8), message: body)) == "aa9e2e3575f5d7098b6caccd790888c36d5fdb63342a73bada2d6a51747a8494")
        #expect(HMAC.hex(HMAC.code(.sha1, key: Array("secret".utf8), message: body)) == "f8446672f033e4b2beafc5ca3a71eafcd2cafb6e")
        #expect(HMAC.hex(HMAC.code(.sha512, key: Array("secret".utf8), message: body)).hasPrefix("42f08c0da01c9a46d4e5663d5f2140526a016507"))
        // A key longer than the block is hashed first.
        #expect(HMAC.hex(HMAC.code(.sha512, key: Array(repeating: UInt8(ascii: "k"), count: 200), message: Array("msg".utf8))).hasPrefix("b5245971beb52a5a9868"))
    }

    @Test func webhookPathIsTheHashOfTokenNameAndNamespace() {
        #expect(WebhookVerification.webhookPath(token: "token", name: "receiver", namespace: "flux-system")
            == "/hook/82c055fa0743ee447b0870be16fa51a43bb6604b21ef8fae7ccf02bdc860b0f9")
    }

    @Test func constantTimeEqualityIsStillEquality() {
        #expect(HMAC.constantTimeEqual([1, 2, 3], [1, 2, 3]))
        #expect(!HMAC.constantTimeEqual([1, 2, 3], [1, 2, 4]))
        #expect(!HMAC.constantTimeEqual([1, 2], [1, 2, 0]))
        #expect(HMAC.constantTimeEqual([], []))
    }

    @Test func genericAcceptsAnything() throws {
        #expect(try WebhookVerification.verify(type: "generic", token: "t", events: [], request: request([], "whatever")) == "generic event")
    }

    @Test(arguments: ["sha1=f8446672f033e4b2beafc5ca3a71eafcd2cafb6e", "sha256=aa9e2e3575f5d7098b6caccd790888c36d5fdb63342a73bada2d6a51747a8494"])
    func genericHMACChecksTheSignature(_ signature: String) throws {
        _ = try WebhookVerification.verify(type: "generic-hmac", token: "secret", events: [], request: request([("x-signature", signature)], #"{"a":1}"#))
    }

    @Test(arguments: [
        ("sha256=00", "unable to validate HMAC signature: payload signature check failed"),
        ("md5=abcd", "unable to validate HMAC signature: error parsing signature \"md5=abcd\""),
        ("", "unable to validate HMAC signature: error parsing signature \"\""),
        ("sha256=zz", "unable to validate HMAC signature: error parsing signature \"sha256=zz\""),
    ])
    func genericHMACRefusesBadSignatures(_ signature: String, _ message: String) {
        #expect(throws: WebhookError(description: message)) {
            try WebhookVerification.verify(type: "generic-hmac", token: "secret", events: [], request: request([("X-Signature", signature)], #"{"a":1}"#))
        }
    }

    @Test func githubPrefersSHA256AndFiltersEvents() throws {
        let signed = [("X-Hub-Signature-256", "sha256=aa9e2e3575f5d7098b6caccd790888c36d5fdb63342a73bada2d6a51747a8494"), ("X-GitHub-Event", "Push")]
        #expect(try WebhookVerification.verify(type: "github", token: "secret", events: ["push"], request: request(signed, #"{"a":1}"#)) == "GitHub event: Push")
        #expect(throws: WebhookError(description: "the GitHub event 'Push' is not authorised")) {
            try WebhookVerification.verify(type: "github", token: "secret", events: ["ping"], request: request(signed, #"{"a":1}"#))
        }
        #expect(throws: WebhookError(description: "the GitHub signature header is invalid, err: missing signature")) {
            try WebhookVerification.verify(type: "github", token: "secret", events: [], request: request([("X-GitHub-Event", "push")], #"{"a":1}"#))
        }
        let legacy = [("X-Hub-Signature", "sha1=f8446672f033e4b2beafc5ca3a71eafcd2cafb6e")]
        _ = try WebhookVerification.verify(type: "bitbucket", token: "secret", events: [], request: request(legacy, #"{"a":1}"#))
        #expect(throws: WebhookError(description: "the Bitbucket server signature header is invalid, err: payload signature check failed")) {
            try WebhookVerification.verify(type: "bitbucket", token: "secret", events: [], request: request(legacy, #"{"a":2}"#))
        }
    }

    @Test func tokenHeaders() throws {
        _ = try WebhookVerification.verify(type: "gitlab", token: "t0k", events: ["Push Hook"], request: request([("X-Gitlab-Token", "t0k"), ("X-Gitlab-Event", "push hook")], ""))
        #expect(throws: WebhookError(description: "the X-Gitlab-Token header value does not match the receiver token")) {
            try WebhookVerification.verify(type: "gitlab", token: "t0k", events: [], request: request([("X-Gitlab-Token", "t0")], ""))
        }
        _ = try WebhookVerification.verify(type: "harbor", token: "t0k", events: [], request: request([("Authorization", "t0k")], ""))
        #expect(throws: WebhookError(description: "the Harbor Authorization header value does not match the receiver token")) {
            try WebhookVerification.verify(type: "harbor", token: "t0k", events: [], request: request([("Authorization", "Bearer t0k")], ""))
        }
    }

    @Test func registryPayloads() throws {
        #expect(try WebhookVerification.verify(type: "dockerhub", token: "", events: [], request: request([], #"{"push_data":{"tag":"1.2.3"},"repository":{"repo_url":"https://hub.docker.com/r/org/app"}}"#))
            == "DockerHub event from https://hub.docker.com/r/org/app for tag 1.2.3")
        #expect(throws: WebhookError(description: "cannot decode DockerHub webhook payload")) {
            try WebhookVerification.verify(type: "dockerhub", token: "", events: [], request: request([], "{not json"))
        }
        _ = try WebhookVerification.verify(type: "quay", token: "", events: [], request: request([], #"{"docker_url":"quay.io/org/app","updated_tags":["1.0"]}"#))
        #expect {
            try WebhookVerification.verify(type: "quay", token: "", events: [], request: request([], #"{"updated_tags":"1.0"}"#))
        } throws: { error in
            (error as? WebhookError)?.description.hasPrefix("cannot decode Quay webhook payload: json: cannot unmarshal string") ?? false
        }
        #expect(try WebhookVerification.verify(type: "acr", token: "", events: [], request: request([], #"{"action":"push","target":{"repository":"app","tag":"v1"}}"#)) == "ACR event from app for tag v1")
        #expect {
            try WebhookVerification.verify(type: "acr", token: "", events: [], request: request([], "[1]"))
        } throws: { error in
            (error as? WebhookError)?.description == "cannot decode ACR webhook payload: json: cannot unmarshal array into Go value of type payload"
        }
    }

    @Test func nexusNeedsItsSignature() throws {
        let payload = #"{"action":"CREATED","repositoryName":"docker-hosted"}"#
        #expect(try WebhookVerification.verify(type: "nexus", token: "nexus", events: [], request: request([("X-Nexus-Webhook-Signature", "0feea89a7d69a75f78b5a2424726883421dd068c")], payload))
            == "Nexus event from docker-hosted")
        #expect(throws: WebhookError(description: "Nexus signature is missing from header")) {
            try WebhookVerification.verify(type: "nexus", token: "nexus", events: [], request: request([], payload))
        }
        #expect(throws: WebhookError(description: "invalid Nexus signature")) {
            try WebhookVerification.verify(type: "nexus", token: "nexus", events: [], request: request([("X-Nexus-Webhook-Signature", "00")], payload))
        }
    }

    @Test func unknownTypesAreRefused() {
        #expect(throws: WebhookError(description: "recevier type 'sourcehut' not supported")) {
            try WebhookVerification.verify(type: "sourcehut", token: "", events: [], request: request([], ""))
        }
    }
}
