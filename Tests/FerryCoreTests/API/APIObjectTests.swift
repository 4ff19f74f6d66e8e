import Foundation
import Testing

@testable import FerryCore

struct APIObjectTests {
    private func decode<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(json.utf8))
    }

    @Test func imageRepositoryDecodesWithDefaults() throws {
        let repository = try decode(
            ImageRepository.self,
            #"{"apiVersion":"image.toolkit.fluxcd.io/v1","kind":"ImageRepository","metadata":{"name":"podinfo","namespace":"flux-system"},"spec":{"image":"ghcr.io/stefanprodan/podinfo","interval":"5m"}}"#)
        #expect(repository.spec.interval == .minutes(5))
        #expect(repository.spec.effectiveTimeout == .minutes(5))
        #expect(repository.spec.effectiveExclusionList == ["^.*\\.sig$"])
        #expect(repository.spec.effectiveProvider == "generic")
        #expect(repository.validationErrors().isEmpty)
        #expect(repository.status == ImageRepository.Status())
        #expect(repository.status.observedGeneration == -1)
        #expect(repository.metadata.labels.isEmpty)
    }

    @Test func statusRoundTripsAndLeavesOutWhatIsUnset() throws {
        var status = ImagePolicy.Status()
        status.latestRef = ImagePolicy.ImageRef(name: "ghcr.io/a/b", tag: "1.2.3")
        let json = String(decoding: try JSONEncoder().encode(status), as: UTF8.self)
        #expect(!json.contains("conditions"))
        #expect(!json.contains("observedPreviousRef"))
        #expect(try decode(ImagePolicy.Status.self, json) == status)
        let policy = try decode(
            ImagePolicy.self,
            #"{"metadata":{"name":"p","namespace":"ns"},"spec":{"imageRepositoryRef":{"name":"r","namespace":""},"policy":{"semver":{"range":"1.x"}}},"status":{"conditions":[{"type":"Ready","status":"True","reason":"Succeeded","message":"ok","lastTransitionTime":"2026-01-01T00:00:00Z"}]}}"#)
        #expect(policy.status.conditions.isReady)
        #expect(policy.kind == "ImagePolicy")
        #expect(policy.repositoryKey.namespace == "ns", "an empty namespace means the policy's own")
    }

    @Test func timeoutIsClampedToOneSecond() {
        var spec = ImageRepository.Spec(image: "a", interval: .minutes(1), timeout: .milliseconds(10))
        #expect(spec.effectiveTimeout == .seconds(1))
        spec.timeout = nil
        spec.interval = .milliseconds(500)
        #expect(spec.effectiveTimeout == .seconds(1))
    }

    @Test func imageRepositoryValidationNamesFieldsAndValues() {
        var spec = ImageRepository.Spec(image: "", interval: .minutes(1), timeout: .minutes(90), exclusionList: ["^ok$", "(unclosed"], provider: "docker")
        spec.serviceAccountName = String(repeating: "a", count: 254)
        let errors = ImageRepository(metadata: ObjectMeta(name: "r"), spec: spec).validationErrors().map(\.description)
        #expect(errors.contains("spec.image is required"))
        #expect(errors.contains("spec.timeout: invalid value \"1h30m0s\": must be given in ms, s or m (the CRD pattern has no h)"))
        #expect(errors.contains("spec.provider: invalid value \"docker\": must be one of generic, aws, azure, gcp"))
        #expect(errors.contains { $0.hasPrefix("spec.exclusionList[1]: invalid value \"(unclosed\": ") && $0.contains("missing closing )") })
        #expect(errors.contains { $0.hasPrefix("spec.serviceAccountName: invalid value") && $0.hasSuffix("must be at most 253 characters") })
        #expect(errors.count == 5)
    }

    @Test func badDurationIsADecodingErrorThatNamesTheField() {
        #expect {
            try decode(ImageRepository.Spec.self, #"{"image":"a","interval":"5 minutes"}"#)
        } throws: { error in
            guard case DecodingError.dataCorrupted(let context) = error else { return false }
            return context.codingPath.map(\.stringValue) == ["interval"] && context.debugDescription == "time: unknown unit \" minutes\" in duration \"5 minutes\""
        }
    }

    @Test func imagePolicyDecodesAllPolicyKinds() throws {
        let policy = try decode(
            ImagePolicy.self,
            #"{"apiVersion":"image.toolkit.fluxcd.io/v1beta2","kind":"ImagePolicy","metadata":{"name":"p","namespace":"apps"},"spec":{"imageRepositoryRef":{"name":"podinfo"},"filterTags":{"pattern":"^main-[a-f0-9]+-(?P<ts>[0-9]+)","extract":"$ts"},"policy":{"numerical":{"order":"asc"}}}}"#)
        #expect(policy.spec.policy.numerical?.order == "asc")
        #expect(policy.spec.filterTags?.extract == "$ts")
        #expect(policy.repositoryKey == ObjectID(kind: "ImageRepository", namespace: "apps", name: "podinfo"))
        #expect(policy.validationErrors().isEmpty)
    }

    @Test func imagePolicyCELRulesAndEmptyPolicy() {
        var policy = ImagePolicy(
            metadata: ObjectMeta(name: "p"),
            spec: ImagePolicy.Spec(imageRepositoryRef: NamespacedObjectReference(name: "r"), policy: ImagePolicyChoice(), interval: .minutes(5)))
        var errors = policy.validationErrors().map(\.description)
        #expect(errors.contains("spec.policy: invalid value \"{}\": set one of semver, alphabetical or numerical"))
        #expect(errors.contains("spec.interval: invalid value \"5m0s\": is only accepted when spec.digestReflectionPolicy is set to 'Always'"))
        policy.spec.interval = nil
        policy.spec.digestReflectionPolicy = .always
        policy.spec.policy = ImagePolicyChoice(alphabetical: OrderPolicy(order: "ASC"))
        errors = policy.validationErrors().map(\.description)
        #expect(errors == [
            "spec.policy.alphabetical.order: invalid value \"ASC\": must be one of asc, desc",
            "spec.interval must be set when spec.digestReflectionPolicy is set to 'Always'",
        ])
    }

    @Test func latestRefPrintsWithAndWithoutDigest() {
        #expect(ImagePolicy.ImageRef(name: "ghcr.io/a/b", tag: "1.0.0").description == "ghcr.io/a/b:1.0.0")
        #expect(ImagePolicy.ImageRef(name: "b", tag: "1", digest: "sha256:ab").description == "b:1@sha256:ab")
    }

    @Test func updateAutomationDecodesTheSeedShape() throws {
        let automation = try decode(
            ImageUpdateAutomation.self,
            #"{"apiVersion":"image.toolkit.fluxcd.io/v1beta2","kind":"ImageUpdateAutomation","metadata":{"name":"flux-system","namespace":"flux-system"},"spec":{"interval":"30m","sourceRef":{"kind":"GitRepository","name":"flux-system"},"git":{"checkout":{"ref":{"branch":"main"}},"commit":{"author":{"email":"fluxcdbot@users.noreply.github.com","name":"fluxcdbot"},"messageTemplate":"{{range .Updated.Images}}{{println .}}{{end}}"},"push":{"branch":"main"}},"update":{"path":"./clusters/my-cluster","strategy":"Setters"}}}"#)
        #expect(automation.spec.git?.checkout?.ref.branch == "main")
        #expect(automation.spec.git?.push?.branch == "main")
        #expect(automation.spec.update?.path == "./clusters/my-cluster")
        #expect(automation.sourceKey == ObjectID(kind: "GitRepository", namespace: "flux-system", name: "flux-system"))
        #expect(automation.validationErrors().isEmpty)
    }

    @Test func updateAutomationValidation() {
        let spec = ImageUpdateAutomation.Spec(
            sourceRef: CrossNamespaceObjectReference(kind: "Bucket", name: ""),
            git: ImageUpdateAutomation.GitSpec(commit: .init(author: .init(email: ""), signingKey: .init(secretRef: .init(name: "k"), type: "x509"))),
            interval: .minutes(1), policySelector: LabelSelector(matchExpressions: [.init(key: "a", operator: "Has")]),
            update: .init(strategy: "Regex"))
        let errors = ImageUpdateAutomation(metadata: ObjectMeta(name: "u"), spec: spec).validationErrors().map(\.description)
        #expect(errors == [
            "spec.sourceRef.kind: invalid value \"Bucket\": must be one of GitRepository",
            "spec.sourceRef.name is required",
            "spec.git.commit.author.email is required",
            "spec.git.commit.signingKey.type: invalid value \"x509\": must be one of gpg, ssh",
            "spec.update.strategy: invalid value \"Regex\": must be one of Setters",
            "spec.policySelector \"Has\" is not a valid label selector operator",
        ])
    }

    @Test func gitRepositoryURLs() {
        for url in ["https://github.com/a/b", "ssh://git@github.com/a/b", "git@github.com:a/b.git", "file:///tmp/x", "http://127.0.0.1:8080/x"] {
            #expect(GitRepository(metadata: ObjectMeta(name: "g"), spec: .init(url: url)).validationErrors().isEmpty, "\(url)")
        }
        #expect(GitRepository(metadata: ObjectMeta(name: "g"), spec: .init(url: "ftp://x/y")).validationErrors().map(\.description)
            == ["spec.url: invalid value \"ftp://x/y\": must start with http://, https://, ssh:// or file://"])
        #expect(GitRepository.Spec(url: "x").effectiveTimeout == .seconds(60))
    }

    @Test func secretValuesMergeDataAndStringData() throws {
        let secret = Secret(metadata: ObjectMeta(name: "s"), data: ["username": Base64.encode(Array("bob".utf8)), "password": "c2VjcmV0"], stringData: ["password": "override"])
        let values = try secret.values()
        #expect(values["username"] == Array("bob".utf8))
        #expect(values["password"] == Array("override".utf8))
        let broken = Secret(metadata: ObjectMeta(name: "s"), data: ["token": "not base64!"])
        #expect(throws: SpecError(field: "data.token", value: "(hidden)", problem: "is not valid base64")) { try broken.values() }
    }

    @Test(arguments: ["", "f", "fo", "foo", "foob", "fooba", "foobar", "\u{0}\u{FF}"])
    func base64RoundTripsAndMatchesFoundation(_ text: String) {
        let bytes = Array(text.utf8)
        let encoded = Base64.encode(bytes)
        #expect(encoded == Data(bytes).base64EncodedString())
        #expect(Base64.decode(encoded) == bytes)
        #expect(Base64.decode(encoded + "\n") == bytes)
    }

    @Test(arguments: ["a", "abcde", "ab=c", "a===", "Zm9v!", "Zm9vY"])
    func base64RejectsMalformed(_ text: String) {
        #expect(Base64.decode(text) == nil)
    }

    @Test func labelSelectors() {
        let selector = LabelSelector(
            matchLabels: ["app": "web"],
            matchExpressions: [.init(key: "tier", operator: "In", values: ["front", "edge"]), .init(key: "legacy", operator: "DoesNotExist")])
        #expect(selector.matches(["app": "web", "tier": "edge"]))
        #expect(!selector.matches(["app": "web", "tier": "back"]))
        #expect(!selector.matches(["app": "web", "tier": "edge", "legacy": "1"]))
        #expect(!selector.matches(["tier": "edge"]))
        #expect(LabelSelector().matches([:]))
        #expect(LabelSelector(matchExpressions: [.init(key: "a", operator: "In")]).validationErrors().count == 1)
    }

    @Test func conditionsKeepTransitionTimeWhileStatusHolds() {
        var conditions: [Condition] = []
        conditions.set(Condition(type: "Ready", status: .true, reason: "Succeeded", message: "a", lastTransitionTime: Timestamp(secondsSinceEpoch: 1)))
        conditions.set(Condition(type: "Ready", status: .true, reason: "Succeeded", message: "b", lastTransitionTime: Timestamp(secondsSinceEpoch: 2)))
        #expect(conditions.condition("Ready")?.lastTransitionTime == Timestamp(secondsSinceEpoch: 1))
        #expect(conditions.condition("Ready")?.message == "b")
        conditions.set(Condition(type: "Ready", status: .false, reason: "Failed", message: "c", lastTransitionTime: Timestamp(secondsSinceEpoch: 3)))
        #expect(conditions.condition("Ready")?.lastTransitionTime == Timestamp(secondsSinceEpoch: 3))
        #expect(!conditions.isReady)
        conditions.remove("Ready")
        #expect(conditions.isEmpty)
    }

    @Test func scanResultAlwaysWritesRevisionAndOmitsEmptyLatestTags() throws {
        let encoded = String(decoding: try JSONEncoder().encode(ImageRepository.ScanResult(revision: "", tagCount: 0, scanTime: nil, latestTags: [])), as: UTF8.self)
        #expect(encoded.contains("\"revision\":\"\""))
        #expect(!encoded.contains("latestTags"))
    }
}
