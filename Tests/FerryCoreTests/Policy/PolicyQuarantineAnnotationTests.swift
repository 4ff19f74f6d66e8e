import FerryCore
import Testing

@Suite struct PolicyQuarantineAnnotationTests {
    @Test func readsAndWritesEntries() throws {
        let text = #"[{"tag":"1.1.0","reason":"rolled back by ferry rollback","since":"2026-12-01T15:02:11Z","commit":"3f2a9c1"},{"tag":"1.2.0"}]"#
        let entries = try PolicyQuarantineAnnotation.parse(text)
        #expect(entries == [
            QuarantinedTag(tag: "1.1.0", reason: "rolled back by ferry rollback", since: "2026-12-01T15:02:11Z", commit: "3f2a9c1"),
            QuarantinedTag(tag: "1.2.0", reason: "", since: ""),
        ])
        #expect(PolicyQuarantineAnnotation.render(entries)
            == #"[{"tag":"1.1.0","reason":"rolled back by ferry rollback","since":"2026-12-01T15:02:11Z","commit":"3f2a9c1"},{"tag":"1.2.0","reason":"","since":""}]"#)
        #expect(try PolicyQuarantineAnnotation.parse(PolicyQuarantineAnnotation.render(entries)) == entries)
        #expect(try PolicyQuarantineAnnotation.parse("[]").isEmpty)
        #expect(PolicyQuarantineAnnotation.render([]) == "[]")
    }

    @Test(arguments: [
        ("1.1.0", "is not JSON"),
        (#"{"tag":"1.1.0"}"#, "must be a JSON array of objects with a \"tag\""),
        (#"["1.1.0"]"#, "entry 0 is not a JSON object"),
        (#"[{"reason":"x"}]"#, "entry 0 has no tag"),
        (#"[{"tag":""}]"#, "entry 0 has no tag"),
        (#"[{"tag":"1.1.0","why":"x"}]"#, "entry 0 has the member \"why\", but only tag, reason, since and commit are allowed"),
        (#"[{"tag":1}]"#, "entry 0: tag must be a string"),
        (#"[{"tag":"1.1.0"},{"tag":"1.1.0"}]"#, "the tag 1.1.0 appears twice"),
        (#"[{"tag":"1.1.0","since":"yesterday"}]"#, "entry 0: since \"yesterday\" is not an RFC 3339 time"),
    ])
    func refusesBadValues(_ text: String, _ problem: String) {
        #expect(throws: SpecError.self) { try PolicyQuarantineAnnotation.parse(text) }
        do {
            _ = try PolicyQuarantineAnnotation.parse(text)
        } catch {
            #expect(error.field == "metadata.annotations[ferry.dev/quarantined-tags]")
            #expect(error.value == text)
            #expect(error.problem.hasPrefix(problem), "\(error.problem)")
        }
    }

    @Test func theAnnotationReplacesAStoredEntryForTheSameTag() throws {
        var policy = ImagePolicyGateDecisionTests().policy()
        let stored = [QuarantinedTag(tag: "1.1.0", reason: "state", since: ""), QuarantinedTag(tag: "0.9.0", reason: "state", since: "")]
        #expect(try policy.quarantine(stored: stored).get() == stored)
        policy.metadata.annotations[PolicyQuarantineAnnotation.key] = #"[{"tag":"1.1.0","reason":"annotation"}]"#
        #expect(try policy.quarantine(stored: stored).get().map(\.reason) == ["state", "annotation"])
        #expect(try policy.quarantine(stored: stored).get().map(\.tag) == ["0.9.0", "1.1.0"])
    }
}
