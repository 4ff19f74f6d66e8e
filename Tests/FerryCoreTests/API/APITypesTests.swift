import FerryCore
import Testing

/// API times, conditions and label selectors.
struct APITypesTests {
    @Test(arguments: [
        ("2026-11-22T04:11:54Z", "2026-11-22T04:11:54Z", "2026-11-22T04:11:54.000000Z"),
        ("2026-11-22T04:13:10.25Z", "2026-11-22T04:13:10Z", "2026-11-22T04:13:10.250000Z"),
        ("2026-11-22T04:12:00.123456789Z", "2026-11-22T04:12:00Z", "2026-11-22T04:12:00.123456Z"),
        ("2026-11-22T06:11:54+02:00", "2026-11-22T04:11:54Z", "2026-11-22T04:11:54.000000Z"),
        ("1970-01-01T00:00:00Z", "1970-01-01T00:00:00Z", "1970-01-01T00:00:00.000000Z"),
        ("2024-02-29T23:59:59Z", "2024-02-29T23:59:59Z", "2024-02-29T23:59:59.000000Z"),
    ])
    func parsesAndFormatsTimes(input: String, time: String, micro: String) throws {
        let parsed = try #require(APITime(parsing: input))
        #expect(parsed.rfc3339 == time)
        #expect(parsed.rfc3339Micro == micro)
    }

    @Test(arguments: [
        "", "2026-11-22", "2026-11-22T04:11:54", "2026-13-01T00:00:00Z", "2025-02-29T00:00:00Z", "2026-11-22T04:11:54.Z", "2026-11-22 04:11:54Z",
    ])
    func rejectsMalformedTimes(input: String) {
        #expect(APITime(parsing: input) == nil)
    }

    @Test func knownEpochValues() {
        #expect(APITime(secondsSinceEpoch: 1_795_320_714).rfc3339 == "2026-11-22T04:11:54Z")
        #expect(APITime(parsing: "2026-11-22T04:11:54Z")?.secondsSinceEpoch == 1_795_320_714)
        #expect(APITime(secondsSinceEpoch: -1).rfc3339 == "1969-12-31T23:59:59Z")
    }

    @Test func setConditionKeepsTheTransitionTimeUnlessTheStatusChanges() {
        let first = APITime(secondsSinceEpoch: 100)
        var conditions: [Condition] = []
        conditions.set(Condition(type: "Ready", status: .false, reason: "Progressing", message: "a", lastTransitionTime: first))
        conditions.set(
            Condition(
                type: "Ready", status: .false, reason: "Failed", message: "b", observedGeneration: 2,
                lastTransitionTime: APITime(secondsSinceEpoch: 200)))
        #expect(conditions.count == 1)
        #expect(conditions[type: "Ready"]?.lastTransitionTime == first)
        #expect(conditions[type: "Ready"]?.reason == "Failed")
        #expect(conditions[type: "Ready"]?.observedGeneration == 2)
        conditions.set(
            Condition(type: "Ready", status: .true, reason: "Succeeded", message: "c", lastTransitionTime: APITime(secondsSinceEpoch: 300)))
        #expect(conditions[type: "Ready"]?.lastTransitionTime == APITime(secondsSinceEpoch: 300))
        conditions.set(
            Condition(type: "Reconciling", status: .true, reason: "Progressing", message: "reconciliation in progress", lastTransitionTime: first))
        #expect(conditions.map(\.type) == ["Ready", "Reconciling"])
        let removed = conditions.remove(type: "Reconciling")
        let absent = conditions.remove(type: "Stalled")
        #expect(removed && !absent)
    }

    @Test func conditionTimesAreWholeSeconds() {
        let condition = Condition(
            type: "Ready", status: .true, reason: "Succeeded", message: "", lastTransitionTime: APITime(microsecondsSinceEpoch: 1_500_000))
        #expect(condition.lastTransitionTime == APITime(secondsSinceEpoch: 1))
    }

    @Test func labelSelectorsMatchAndRenderAsQueries() {
        let selector = LabelSelector(
            matchLabels: ["app": "web"],
            matchExpressions: [
                .init(key: "tier", operator: "In", values: ["b", "a"]), .init(key: "legacy", operator: "DoesNotExist"),
                .init(key: "team", operator: "Exists"), .init(key: "env", operator: "NotIn", values: ["prod"]),
            ])
        #expect(selector.matches(["app": "web", "tier": "a", "team": "x"]))
        #expect(!selector.matches(["app": "web", "tier": "c", "team": "x"]))
        #expect(!selector.matches(["app": "web", "tier": "a", "team": "x", "legacy": "1"]))
        #expect(!selector.matches(["app": "web", "tier": "a", "team": "x", "env": "prod"]))
        #expect(selector.queryString == "app=web,tier in (a,b),!legacy,team,env notin (prod)")
        #expect(LabelSelector().matches([:]))
    }

    @Test func imageRefPrintsAsFluxDoes() {
        #expect(ImageRef(name: "ghcr.io/org/app", tag: "1.0.0").description == "ghcr.io/org/app:1.0.0")
        #expect(ImageRef(name: "app", tag: "1", digest: "sha256:ab").description == "app:1@sha256:ab")
    }
}
