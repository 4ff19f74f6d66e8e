import Testing

@testable import FerryCore

/// The scanner and parser: values found, comments attached as yaml.v3 attaches them, identity, errors.
struct YAMLStreamTests {
    struct Value: Equatable, CustomStringConvertible {
        var value: String
        var line: String?
        var head: String?
        var description: String { "\(value) line=\(line ?? "-") head=\(head ?? "-")" }
    }

    static func values(_ text: String) throws -> [Value] {
        let stream = try YAMLStream(parsing: Array(text.utf8))
        return stream.documents.flatMap(\.values).map { scalar in
            Value(
                value: stream.string(of: stream.tokens[scalar.token]),
                line: stream.commentText(scalar.lineComments).map { String(decoding: $0, as: UTF8.self) },
                head: stream.commentText(scalar.headComments).map { String(decoding: $0, as: UTF8.self) })
        }
    }

    static func error(_ text: String) -> YAMLSyntaxError? {
        do {
            _ = try YAMLStream(parsing: Array(text.utf8))
            return nil
        } catch {
            return error
        }
    }

    @Test func lineCommentBelongsToTheValue() throws {
        #expect(try Self.values("key: value # c\nother: x\n") == [Value(value: "value", line: "# c"), Value(value: "x")])
    }

    @Test func lineCommentAfterAColonBelongsToTheKey() throws {
        #expect(try Self.values("key: # c\n  value\n") == [Value(value: "value")])
    }

    @Test func headAndFootCommentsFollowYAMLv3() throws {
        // yaml.v3's node_test.go case: HC1/HC2 head lc, FC1/FC2 are its foot, HD1 heads ld.
        let text =
            "# DH1\n\n# HA1\nka:\n  # HB1\n  kb:\n    # HC1\n    # HC2\n    - lc # IC\n    # FC1\n    # FC2\n\n"
            + "    # HD1\n    - ld # ID\n    # FD1\n\n# DF1\n"
        #expect(
            try Self.values(text) == [
                Value(value: "lc", line: "# IC", head: "# HC1\n# HC2"),
                Value(value: "ld", line: "# ID", head: "# HD1"),
            ])
    }

    @Test func aCommentDirectlyBelowAnItemThenAnEmptyLineIsAFoot() throws {
        #expect(try Self.values("l:\n- a\n# foot\n\n- b\n") == [Value(value: "a"), Value(value: "b")])
        #expect(try Self.values("l:\n- a\n# head\n- b\n") == [Value(value: "a"), Value(value: "b", head: "# head")])
        #expect(try Self.values("l:\n- a\n\n# head\n- b\n") == [Value(value: "a"), Value(value: "b", head: "# head")])
        #expect(try Self.values("l:\n  # first\n  - a\n") == [Value(value: "a", head: "# first")])
    }

    @Test func crlfMakesACommentLineLookFollowedByAnEmptyLine() throws {
        // yaml.v3 peeks byte-wise: the LF of CR LF after a comment line reads as an empty line.
        #expect(try Self.values("l:\r\n- a\r\n# c\r\n- b\r\n") == [Value(value: "a"), Value(value: "b")])
        #expect(try Self.values("l:\r\n  # c\r\n  - b\r\n") == [Value(value: "b", head: "# c\n")])
    }

    @Test func headCommentOfAValueOnItsOwnLine() throws {
        #expect(try Self.values("key:\n  # c\n  value\n") == [Value(value: "value", head: "# c")])
    }

    @Test func flowCollectionsAndCommentsAfterCommas() throws {
        #expect(
            try Self.values("a: [x, # c1\n  y]\nb: {k: v} # c2\n") == [
                Value(value: "x", line: "# c1"), Value(value: "y"), Value(value: "v"),
            ])
    }

    @Test func quotedAndBlockScalarsDecode() throws {
        let text = "a: 'it''s'\nb: \"tab\\tq\\\"\"\nc: |\n  one\n  two\nd: >-\n  folded\n  line\ne: plain\n  continued\n"
        #expect(try Self.values(text).map(\.value) == ["it's", "tab\tq\"", "one\ntwo\n", "folded line", "plain continued"])
    }

    @Test func anchorsAliasesAndTags() throws {
        let text = "a: &x value # c\nb: *x\nc: !!str 1.0\n"
        #expect(try Self.values(text) == [Value(value: "value", line: "# c"), Value(value: "1.0")])
        let stream = try YAMLStream(parsing: Array(text.utf8))
        #expect(stream.documents[0].values.map(\.explicitTag) == [nil, "tag:yaml.org,2002:str"])
    }

    @Test func keysAreNotValues() throws {
        #expect(try Self.values("? complex\n: v\n{a: b}: c\n") == [Value(value: "v"), Value(value: "c")])
    }

    @Test func identityOfEachDocument() throws {
        let text =
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: one\n  namespace: ns\n---\n# c\nkind: Kustomization\n...\n---\n"
            + "{apiVersion: x/v1, kind: K, metadata: {name: n}}\n"
        let stream = try YAMLStream(parsing: Array(text.utf8))
        #expect(stream.documents.count == 3)
        #expect(stream.documents.map(\.apiVersion) == ["v1", "", "x/v1"])
        #expect(stream.documents.map(\.kind) == ["ConfigMap", "Kustomization", "K"])
        #expect(stream.documents.map(\.name) == ["one", "", "n"])
        #expect(stream.documents.map(\.namespace) == ["ns", "", ""])
    }

    @Test func documentRoots() throws {
        let stream = try YAMLStream(parsing: Array("---\n---\n- a\n--- scalar\n--- ~\n--- {}\n".utf8))
        #expect(stream.documents.map(\.root) == [.null, .sequence, .scalar, .null, .mapping])
    }

    @Test func byteOrderMarkAndCRLF() throws {
        #expect(try Self.values("\u{FEFF}a: b # c\r\nd: e\r\n") == [Value(value: "b", line: "# c"), Value(value: "e")])
    }

    @Test(arguments: [
        ("key: [a, b\n", "did not find expected ',' or ']'"),
        ("spec:\n  resources:\n    {{- toYaml .Values.resources | nindent 4 }}\n", "did not find expected node content"),
        ("{{- if .Values.enabled }}\nkind: Deployment\n{{- end }}\n", "did not find expected node content"),
        ("a: b: c\n", "mapping values are not allowed in this context"),
        ("a:\n\tb: c\n", "found character that cannot start any token"),
        ("a: 'open\n", "found unexpected end of stream"),
        ("a: \"\\q\"\n", "found unknown escape character"),
        ("a: 1\nb\n", "could not find expected ':'"),
        ("- a\nb: c\n", "did not find expected '-' indicator"),
        ("a: *missing\n", "unknown anchor 'missing' referenced"),
        ("a: !e!x y\n", "found undefined tag handle"),
        ("a: b\n...\nc: d\n", "did not find expected <document start>"),
        ("a: \u{7}\n", "control characters are not allowed"),
        ("%YAML 2.0\n---\na: b\n", "found incompatible YAML document"),
        ("a: |0\n  x\n", "found an indentation indicator equal to 0"),
    ])
    func rejectsWhatYAMLv3Rejects(_ text: String, _ problem: String) {
        #expect(Self.error(text)?.problem == problem)
    }

    @Test func someHelmTemplatesAreValidYAML() throws {
        // A plain scalar may contain quotes and spaces, so this is {{include "x" .: null}: null} to yaml.v3 as well.
        #expect(Self.error("key: {{ include \"x\" . }}\n") == nil)
    }

    @Test func errorsCarryLineAndColumn() throws {
        let error = try #require(Self.error("a: 1\nb: c: d\n"))
        #expect(error.line == 2)
        #expect(error.column == 5)
        #expect(error.description == "line 2, column 5: mapping values are not allowed in this context")
    }

    @Test func compactAndWideSequencesAndOddIndentation() throws {
        let text = "a:\n- x\n- y\nb:\n     - z\nc:\n   d:\n         e: f\n"
        #expect(try Self.values(text).map(\.value) == ["x", "y", "z", "f"])
    }
}
