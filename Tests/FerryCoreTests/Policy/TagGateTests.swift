import FerryCore
import Testing

@Suite("TagGate: quarantine and minimum age in the selection")
struct TagGateTests {
    let semver = try! TagSelector(policy: ImagePolicyChoice(semver: SemVerPolicy(range: ">=1.0.0")))
    let tags = TagList(["1.0.2", "1.0.1", "1.0.0", "0.9.0"])
    let now = Timestamp(secondsSinceEpoch: 10_000)

    @Test func anOpenGateChangesNothing() throws {
        #expect(TagGate.open.isOpen)
        #expect(try semver.select(from: tags, gate: .open).tag == "1.0.2")
        #expect(semver.explain(tags, gate: .open).decisions == semver.explain(tags).decisions)
    }

    @Test func quarantinedTagsAreSkipped() throws {
        let gate = TagGate(quarantined: ["1.0.2": "rolled back", "1.0.1": ""])
        #expect(try semver.select(from: tags, gate: gate).tag == "1.0.0")
        let explanation = semver.explain(tags, gate: gate)
        #expect(explanation.decisions.map(\.tag) == Array(tags), "decisions stay in input order")
        #expect(explanation.decisions[0] == TagDecision(tag: "1.0.2", value: nil, outcome: .dropped, reason: "quarantined: rolled back", rule: .quarantine))
        #expect(explanation.decisions[1].reason == "quarantined")
        #expect(explanation.decisions[2].outcome == .selected)
        #expect(explanation.decisions[3].rule == .semverRange)
        #expect(try explanation.result.get().tag == "1.0.0")
    }

    @Test(arguments: [
        (seenAgo: Int64(599), held: true), (seenAgo: Int64(600), held: false), (seenAgo: Int64(3_600), held: false),
    ])
    func minimumAgeHoldsYoungTags(seenAgo: Int64, held: Bool) throws {
        let seen = ["1.0.2": Timestamp(secondsSinceEpoch: 10_000 - seenAgo), "1.0.1": Timestamp(secondsSinceEpoch: 1_000), "1.0.0": Timestamp(secondsSinceEpoch: 1_000)]
        let gate = TagGate(minimumAge: .minutes(10), firstSeen: seen, now: now)
        #expect(try semver.select(from: tags, gate: gate).tag == (held ? "1.0.1" : "1.0.2"))
        if held {
            #expect(gate.hold("1.0.2") == .tooYoung(age: .seconds(seenAgo), required: .minutes(10)))
            #expect(gate.hold("1.0.2")?.description == "seen for 9m59s, less than the minimum age 10m0s")
            #expect(semver.explain(tags, gate: gate).decisions[0].rule == .minimumAge)
        }
    }

    @Test func aTagNoScanHasSeenIsTooYoung() {
        let gate = TagGate(minimumAge: .minutes(5), firstSeen: [:], now: now)
        #expect(gate.hold("1.0.0") == .tooYoung(age: nil, required: .minutes(5)))
        #expect(throws: SelectionError.self) { try semver.select(from: tags, gate: gate) }
    }

    @Test func theSelectedTagIsNotHeldForItsAge() throws {
        let gate = TagGate(minimumAge: .minutes(5), firstSeen: ["1.0.2": now], now: now, current: "1.0.0")
        #expect(gate.hold("1.0.0") == nil)
        #expect(try semver.select(from: tags, gate: gate).tag == "1.0.0")
        #expect(TagGate(quarantined: ["1.0.0": "bad"], current: "1.0.0").hold("1.0.0") == .quarantined(reason: "bad"), "a quarantine still holds it")
    }

    @Test func quarantineIsToldBeforeAge() {
        let gate = TagGate(quarantined: ["1.0.2": "bad"], minimumAge: .minutes(5), firstSeen: [:], now: now)
        #expect(gate.hold("1.0.2") == .quarantined(reason: "bad"))
    }

    @Test func aZeroMinimumAgeIsNone() {
        #expect(TagGate(minimumAge: .zero).isOpen)
    }

    @Test func quarantineWithAnExtractLetsTheOtherTagWithTheSameValueStand() throws {
        let selector = try TagSelector(
            policy: ImagePolicyChoice(numerical: OrderPolicy(order: "asc")),
            filterTags: TagFilterSpec(pattern: "^main-[a-f0-9]+-(?P<ts>[0-9]+)$", extract: "$ts"))
        let builds = TagList(["main-bbb-200", "main-aaa-200", "main-ccc-100"])
        #expect(try selector.select(from: builds).tag == "main-aaa-200")
        #expect(try selector.select(from: builds, gate: TagGate(quarantined: ["main-aaa-200": "bad"])).tag == "main-bbb-200")
    }
}

@Suite("ImagePolicyDecisions with gates")
struct ImagePolicyGateDecisionTests {
    func policy(annotations: [String: String] = [:]) -> ImagePolicy {
        var meta = ObjectMeta(name: "app", namespace: "flux-system")
        meta.annotations = annotations
        return ImagePolicy(
            metadata: meta, spec: ImagePolicy.Spec(imageRepositoryRef: NamespacedObjectReference(name: "app"), policy: ImagePolicyChoice(semver: SemVerPolicy(range: ">=1.0.0"))))
    }

    @Test func theMinimumAgeAnnotationIsValidated() throws {
        #expect(try policy(annotations: ["ferry.dev/minimum-age": "10m"]).minimumAge.get() == .minutes(10))
        #expect(try policy().minimumAge.get() == nil)
        let errors = policy(annotations: ["ferry.dev/minimum-age": "ten minutes"]).validationErrors()
        #expect(errors.count == 1)
        #expect(errors.first?.field == "metadata.annotations[ferry.dev/minimum-age]")
        #expect(errors.first?.value == "ten minutes")
    }

    @Test func aHeldWinnerIsNamedInTheReadyMessage() {
        let gate = ImagePolicyDecisions.gate(
            policy(), quarantined: [QuarantinedTag(tag: "1.0.1", reason: "rolled back by ferry rollback", since: "2026-01-01T00:00:00Z", commit: "abcdef0123")],
            firstSeen: [:], now: Timestamp(secondsSinceEpoch: 0))
        let tags = TagList(["1.0.1", "1.0.0"])
        #expect(ImagePolicyDecisions.select(policy(), tags: tags, gate: gate) == .tag("1.0.0", value: "1.0.0"))
        let held = ImagePolicyDecisions.heldWinner(policy(), tags: tags, gate: gate)
        #expect(ImagePolicyDecisions.heldNote(held) == " (1.0.1 held back: quarantined: rolled back by ferry rollback (commit abcdef0))")
    }

    @Test func everythingHeldFailsWithAMessage() {
        let gate = TagGate(quarantined: ["1.0.0": "x"])
        guard case .failed(let message) = ImagePolicyDecisions.select(policy(), tags: TagList(["1.0.0"]), gate: gate) else {
            Issue.record("expected a failure")
            return
        }
        #expect(message.hasPrefix("all 1 tags are held back"))
    }

    @Test func theNextMaturityIsTheYoungestHeldTag() {
        let seen = ["1.0.2": Timestamp(secondsSinceEpoch: 900), "1.0.1": Timestamp(secondsSinceEpoch: 600), "1.0.0": Timestamp(secondsSinceEpoch: 0)]
        let gate = TagGate(minimumAge: .seconds(500), firstSeen: seen, now: Timestamp(secondsSinceEpoch: 1_000))
        #expect(ImagePolicyDecisions.nextMaturity(TagList(["1.0.2", "1.0.1", "1.0.0"]), gate: gate) == .seconds(100))
        #expect(ImagePolicyDecisions.nextMaturity(TagList(["1.0.0"]), gate: gate) == nil)
    }
}
