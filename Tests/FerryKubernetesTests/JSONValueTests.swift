import FerryCore
@testable import FerryKubernetes
import Testing

struct JSONValueTests {
    @Test func parsesGoEscapesAndKeepsKeyOrder() throws {
        let value = try JSONValue(parsing: "{\"z\":1,\"range\":\"\\u003e=5.0.0\",\"a\":[true,null,1.5,-2],\"e\":\"\\ud83d\\ude00\"}")
        #expect(value["range"] == ">=5.0.0")
        #expect(value.objectMembers?.map(\.0) == ["z", "range", "a", "e"])
        #expect(value["e"] == "😀")
        #expect(value.jsonText == "{\"z\":1,\"range\":\">=5.0.0\",\"a\":[true,null,1.5,-2],\"e\":\"😀\"}")
    }

    @Test(arguments: ["", "{", "{\"a\":}", "[1,]", "\"unterminated", "{\"a\":1} x", "tru"])
    func rejectsInvalidJSON(text: String) {
        #expect(throws: JSONSyntaxError.self) { _ = try JSONValue(parsing: text) }
    }

    @Test func mergePatchesAreComputedAndAppliedPerRFC7386() {
        let old: JSONValue = ["a": 1, "b": ["c": 2, "d": 3], "list": [1, 2], "gone": "x"]
        let new: JSONValue = ["a": 1, "b": ["c": 5, "d": 3], "list": [1], "added": true]
        let patch = JSONValue.mergePatch(from: old, to: new)
        #expect(patch == ["b": ["c": 5], "list": [1], "added": true, "gone": nil])
        #expect(old.applyingMergePatch(patch ?? [:]) == new)
        #expect(JSONValue.mergePatch(from: new, to: new) == nil)
    }
}

/// A status diff never sends `null` for an unchanged field (`nil` is also a JSONValue literal).
struct StatusDiffTests {
    @Test func theDiffOfTwoStatusesTurnsTheOldIntoTheNew() throws {
        var status = ImagePolicy.Status()
        status.observedGeneration = -1
        var next = status
        next.latestRef = ImagePolicy.ImageRef(name: "n", tag: "t")
        let old = try KubernetesObjectSource.json(status)
        let new = try KubernetesObjectSource.json(next)
        let diff = try #require(JSONValue.mergePatch(from: old, to: new))
        #expect(diff == ["latestRef": ["name": "n", "tag": "t"]])
        #expect(old.applyingMergePatch(diff) == new)
    }
}

struct LabelSelectorQueryTests {
    @Test func selectorsRenderInTheAPIServersQuerySyntax() {
        let selector = LabelSelector(
            matchLabels: ["app": "web"],
            matchExpressions: [
                .init(key: "tier", operator: "In", values: ["b", "a"]), .init(key: "legacy", operator: "DoesNotExist"),
                .init(key: "team", operator: "Exists"), .init(key: "env", operator: "NotIn", values: ["prod"]),
            ])
        #expect(selector.queryString == "app=web,tier in (a,b),!legacy,team,env notin (prod)")
        #expect(LabelSelector().queryString == "")
    }

    @Test func microTimesHaveExactlySixDigits() throws {
        #expect(Timestamp(secondsSinceEpoch: 1_795_320_714).rfc3339Micro == "2026-11-22T04:11:54.000000Z")
        let time = try #require(Timestamp(rfc3339: "2026-11-22T04:12:00.123456789Z"))
        #expect(time.rfc3339Micro == "2026-11-22T04:12:00.123456Z")
        #expect(time.adding(.seconds(300)).rfc3339Micro == "2026-11-22T04:17:00.123456Z")
        #expect(time.adding(.seconds(1)).duration(since: time) == .seconds(1))
    }
}
