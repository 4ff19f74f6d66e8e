import Testing

@testable import FerryCore

struct SetterRewriterTests {
    static let app = PolicyLatestRef(namespace: "flux-system", name: "app", image: "ghcr.io/org/app", tag: "2.0.1")

    static func rewrite(_ text: String, _ policies: [PolicyLatestRef] = [app]) throws -> (text: String, output: SetterRewriteResult) {
        let output = try SetterRewriter.rewrite([ManifestFile(path: "f.yaml", bytes: Array(text.utf8))], policies: policies)
        return (output.changedFiles.first.map { String(decoding: $0.bytes, as: UTF8.self) } ?? text, output)
    }

    static func policy(tag: String) -> PolicyLatestRef {
        PolicyLatestRef(namespace: "ns", name: "p", image: "example.com/app", tag: tag)
    }

    @Test func invalidReferenceAbortsNamingIt() {
        let bad = PolicyLatestRef(namespace: "ns", name: "bad", image: "Example.com/UPPER", tag: "1.0")
        #expect(throws: SetterError.self) { try SetterRewriter(policies: [Self.app, bad]) }
        do {
            _ = try SetterRewriter(policies: [bad])
        } catch {
            #expect(error.policy == "ns:bad")
            #expect(error.description == "encountered invalid image ref \"Example.com/UPPER:1.0\": could not parse reference: Example.com/UPPER:1.0")
        }
    }

    @Test func invalidDigestAbortsToo() {
        let bad = PolicyLatestRef(namespace: "ns", name: "p", image: "example.com/app", tag: "1.0", digest: "sha256:abc")
        #expect(throws: SetterError.self) { try SetterRewriter(policies: [bad]) }
    }

    @Test func digestSetterBlanksWhenThePolicyHasNoDigest() throws {
        let (text, output) = try Self.rewrite("a: sha256:1234 # {\"$imagepolicy\": \"flux-system:app:digest\"}\n")
        #expect(text == "a: \"\" # {\"$imagepolicy\": \"flux-system:app:digest\"}\n")
        #expect(output.result.changes == [SetterChange(oldValue: "sha256:1234", newValue: "", setter: "flux-system:app:digest")])
    }

    @Test func nothingChangesWhenValuesAlreadyMatch() throws {
        let text = "a: ghcr.io/org/app:2.0.1 # {\"$imagepolicy\": \"flux-system:app\"}\nb: 2.0.1 # {\"$imagepolicy\": \"flux-system:app:tag\"}\n"
        let (_, output) = try Self.rewrite(text)
        #expect(output.changedFiles.isEmpty)
        #expect(output.result.isEmpty)
        #expect(output.markerCount == 2)
        #expect(output.filesRead == 1)
    }

    @Test func changesAreRecordedPerDocumentInFileOrder() throws {
        let text = """
            kind: A
            metadata: {name: one}
            x: old # {"$imagepolicy": "flux-system:app:tag"}
            ---
            kind: A
            metadata: {name: one}
            y: old # {"$imagepolicy": "flux-system:app:name"}
            ---
            apiVersion: v2
            kind: B
            z: old # {"$imagepolicy": "flux-system:app"}

            """
        let (_, output) = try Self.rewrite(text)
        let objects = try #require(output.result.fileChanges["f.yaml"])
        #expect(objects.count == 2)
        #expect(
            objects[ResourceIdentifier(kind: "A", name: "one")] == [
                SetterChange(oldValue: "old", newValue: "2.0.1", setter: "flux-system:app:tag"),
                SetterChange(oldValue: "old", newValue: "ghcr.io/org/app", setter: "flux-system:app:name"),
            ])
        #expect(
            objects[ResourceIdentifier(apiVersion: "v2", kind: "B")] == [
                SetterChange(oldValue: "old", newValue: "ghcr.io/org/app:2.0.1", setter: "flux-system:app")
            ])
    }

    @Test func laterPolicyWithTheSameNameWins() throws {
        let newer = PolicyLatestRef(namespace: "flux-system", name: "app", image: "ghcr.io/org/app", tag: "3.0.0")
        let (text, _) = try Self.rewrite("a: x # {\"$imagepolicy\": \"flux-system:app:tag\"}\n", [Self.app, newer])
        #expect(text == "a: 3.0.0 # {\"$imagepolicy\": \"flux-system:app:tag\"}\n")
    }

    /// Writes `value` in place of the first value scalar of `text`, as the rewriter would.
    static func render(_ text: String, _ value: String) throws -> String {
        let stream = try YAMLStream(parsing: Array(text.utf8))
        let scalar = try #require(stream.documents.first?.values.first)
        let edits = ScalarRendering.edits(for: value, replacing: stream.tokens[scalar.token], in: stream)
        return String(decoding: SetterRewriter.FileRewrite.apply(edits, to: stream.input), as: UTF8.self)
    }

    /// What a plain value becomes: quoted when YAML 1.1 would not read it as a string, single-quoted when plain style
    /// cannot carry it.
    @Test(arguments: [
        ("v1.2.3", "v1.2.3"), ("123", "\"123\""), ("1.10", "\"1.10\""), ("yes", "\"yes\""), ("on", "\"on\""), ("Off", "\"Off\""),
        ("y", "\"y\""), ("~", "\"~\""), ("null", "\"null\""), ("1e3", "\"1e3\""), ("0x1F", "\"0x1F\""), ("0o17", "\"0o17\""),
        ("1_000", "\"1_000\""), ("+1", "\"+1\""), (".5", "\".5\""), (".inf", "\".inf\""), ("2024-01-15", "\"2024-01-15\""),
        ("2024-1-5", "\"2024-1-5\""), ("2024-02-30", "2024-02-30"), ("2024-01-15T10:00:00Z", "\"2024-01-15T10:00:00Z\""),
        ("", "\"\""), ("a: b", "\"a: b\""), ("#x", "\"#x\""), ("a #b", "'a #b'"), ("-x", "-x"), ("- x", "\"- x\""), ("it's", "it's"),
        ("[a]", "\"[a]\""), ("*ref", "'*ref'"), ("@x", "'@x'"), ("x:", "\"x:\""), (" lead", "' lead'"), ("tab\there", "\"tab\\there\""),
        ("1e400", "1e400"), ("08", "\"08\""), ("0x", "0x"), ("true", "\"true\""), ("t", "t"), ("<<", "<<"), ("a\nb", "\"a\\nb\""),
    ])
    func plainValueQuoting(_ value: String, _ written: String) throws {
        #expect(try Self.render("a: old # c\n", value) == "a: \(written) # c\n")
    }

    @Test(arguments: [
        ("'old'", "x:1", "'x:1'"), ("'old'", "it's", "'it''s'"), ("'old'", "tab\tx", "\"tab\\tx\""), ("\"old\"", "a\"b", "\"a\\\"b\""),
        ("\"old\"", "caf\u{E9}", "\"caf\u{E9}\""), ("\"old\"", "\u{1F600}", "\"\\U0001F600\""), ("\"old\"", "\u{7F}", "\"\\x7F\""),
    ])
    func quotedStylesAreKept(_ original: String, _ value: String, _ written: String) throws {
        #expect(try Self.render("a: \(original) # c\n", value) == "a: \(written) # c\n")
    }

    @Test func tagsThatNeedQuotesThroughTheRewriter() throws {
        for (tag, written) in [("1.10", "\"1.10\""), ("on", "\"on\""), ("2024-01-15", "\"2024-01-15\""), ("123", "\"123\""), ("v1", "v1")] {
            let (text, _) = try Self.rewrite("a: old # {\"$imagepolicy\": \"ns:p:tag\"}\n", [Self.policy(tag: tag)])
            #expect(text == "a: \(written) # {\"$imagepolicy\": \"ns:p:tag\"}\n")
        }
    }

    @Test func flowContextQuotesIndicators() throws {
        let (text, _) = try Self.rewrite("a: [old, # {\"$imagepolicy\": \"flux-system:app\"}\n  b]\n")
        #expect(text == "a: ['ghcr.io/org/app:2.0.1', # {\"$imagepolicy\": \"flux-system:app\"}\n  b]\n")
    }

    @Test func multiLinePlainAndQuotedValuesAreReplacedWhole() throws {
        let (text, output) = try Self.rewrite(
            "a: old\n  continued # {\"$imagepolicy\": \"flux-system:app:tag\"}\nb: \"x\n  y\" # {\"$imagepolicy\": \"flux-system:app:tag\"}\n")
        #expect(text == "a: 2.0.1 # {\"$imagepolicy\": \"flux-system:app:tag\"}\nb: \"2.0.1\" # {\"$imagepolicy\": \"flux-system:app:tag\"}\n")
        #expect(output.result.changes.map(\.oldValue) == ["old continued", "x y"])
    }

    @Test func blockScalarWithoutContentGetsALine() throws {
        let (text, _) = try Self.rewrite("a: | # {\"$imagepolicy\": \"flux-system:app:tag\"}\nb: c\n")
        #expect(text == "a: |- # {\"$imagepolicy\": \"flux-system:app:tag\"}\n  2.0.1\nb: c\n")
        let (atEnd, _) = try Self.rewrite("a: > # {\"$imagepolicy\": \"flux-system:app:tag\"}")
        #expect(atEnd == "a: >- # {\"$imagepolicy\": \"flux-system:app:tag\"}\n  2.0.1")
    }

    @Test func blockScalarThatCannotCarryTheValueBecomesDoubleQuoted() throws {
        #expect(try Self.render("a: | # c\n  old\n  lines\nb: c\n", "x ") == "a: \"x \" # c\nb: c\n")
        #expect(try Self.render("a: >\n  old\n", " lead") == "a: \" lead\"\n")
    }

    @Test func headCommentOnlyAboveSequenceItemsOrOwnLineValues() throws {
        let text = "l:\n  # {\"$imagepolicy\": \"flux-system:app:tag\"}\n  - old\nm:\n  # {\"$imagepolicy\": \"flux-system:app:tag\"}\n  k: old\n"
        let (out, output) = try Self.rewrite(text)
        #expect(
            out == "l:\n  # {\"$imagepolicy\": \"flux-system:app:tag\"}\n  - 2.0.1\nm:\n  # {\"$imagepolicy\": \"flux-system:app:tag\"}\n  k: old\n")
        #expect(output.diagnostics.map(\.code) == [.detachedMarker])
        #expect(output.diagnostics.first?.line == 5)
    }

    @Test func multiLineHeadCommentIsNotAMarker() throws {
        let text = "l:\n  # note\n  # {\"$imagepolicy\": \"flux-system:app:tag\"}\n  - old\n"
        let (out, output) = try Self.rewrite(text)
        #expect(out == text)
        #expect(output.diagnostics.isEmpty)
    }

    @Test func nonYAMLFileIsSkippedWithAWarningNamingIt() throws {
        let output = try SetterRewriter.rewrite(
            [ManifestFile(path: "chart/templates/deploy.yaml", bytes: Array("a: {{- .Values.x }}\n# \"$imagepolicy\"\n".utf8))], policies: [Self.app])
        #expect(output.filesRead == 0)
        #expect(output.diagnostics.count == 1)
        #expect(output.diagnostics.first?.severity == .warning)
        #expect(output.diagnostics.first?.file == "chart/templates/deploy.yaml")
        #expect(
            output.diagnostics.first?.description.hasPrefix("chart/templates/deploy.yaml:1:6: not valid YAML (did not find expected node content)")
                == true)
    }

    @Test func explicitNonStringTagIsReported() throws {
        let (text, output) = try Self.rewrite("a: !!int 5 # {\"$imagepolicy\": \"flux-system:app:tag\"}\n")
        #expect(text == "a: !!int 2.0.1 # {\"$imagepolicy\": \"flux-system:app:tag\"}\n")
        #expect(output.diagnostics.map(\.code) == [.explicitTag])
    }

    @Test func markerJSON() throws {
        #expect(try MarkerJSON.decodeObjectOfStrings(Array(" {\"a\" :\t\"b\" , \"c\":null}\r\n".utf8)[...]) == ["a": "b", "c": ""])
        #expect(try MarkerJSON.decodeObjectOfStrings(Array("null".utf8)[...]) == nil)
        #expect(try MarkerJSON.decodeObjectOfStrings(Array("{\"a\":\"1\",\"a\":\"2\"}".utf8)[...]) == ["a": "2"])
        #expect(try MarkerJSON.decodeObjectOfStrings(Array("{\"k\":\"\\u00e9\\ud83d\\ude00\\/\"}".utf8)[...]) == ["k": "\u{E9}\u{1F600}/"])
        for bad in ["{\"a\":1}", "{\"a\":\"b\"} x", "{'a':'b'}", "{\"a\":\"b\",}", "[\"a\"]", "", "{\"a\":\"b\"", "{\"a\":\"\\x\"}"] {
            #expect(throws: MarkerJSON.Failure.self) { try MarkerJSON.decodeObjectOfStrings(Array(bad.utf8)[...]) }
        }
    }

    @Test func markerScreen() {
        #expect(MarkerScreen.containsMarkerKey(Array("x # {\"$imagepolicy\": \"a:b\"}".utf8)[...]))
        #expect(MarkerScreen.containsMarkerKey(Array("{\"imagepolicy\":\"a:b\"}".utf8)[...]))
        #expect(!MarkerScreen.containsMarkerKey(Array("kind: ImagePolicy\nimagepolicy: x\n".utf8)[...]))
        #expect(!MarkerScreen.containsMarkerKey(Array("$imagepolicy\"".utf8)[...]))
        #expect(!MarkerScreen.containsMarkerKey([][...]))
    }

    @Test func yaml11Resolution() {
        #expect(YAMLScalarResolution.isYAML11NonString("a: b"))
        #expect(YAMLScalarResolution.isYAML11NonString("!!int 5"))
        #expect(!YAMLScalarResolution.isYAML11NonString("!!str 5"))
        #expect(!YAMLScalarResolution.isYAML11NonString("!!int x"))
        #expect(!YAMLScalarResolution.isYAML11NonString("2024-01-15"))
        #expect(!YAMLScalarResolution.isYAML11NonString("'5'"))
        #expect(YAMLScalarResolution.isYAML11NonString("-9223372036854775809"))
        #expect(YAMLScalarResolution.isYAML11NonString("18446744073709551615"))
        #expect(!YAMLScalarResolution.isYAML11NonString("0xFFFFFFFFFFFFFFFFF"))
        #expect(YAMLScalarResolution.isTimestamp("2024-02-29 10:11:12.5"))
        #expect(!YAMLScalarResolution.isTimestamp("2023-02-29"))
        #expect(!YAMLScalarResolution.isTimestamp("2024-01-15T10:00:00"))
    }
}
