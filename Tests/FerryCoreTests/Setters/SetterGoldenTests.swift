import Foundation
import Testing

@testable import FerryCore

/// Golden files under `Fixtures/setters-golden/<case>/`: `input.yaml` rewritten with `policies.json` must give
/// `expected.yaml` byte for byte and the diagnostics in `expected-diagnostics.txt` (one per line). The cases cover odd
/// indentation, flow style, quoting, CR LF, comments, several documents, a byte order mark, no final line break,
/// block scalars, anchors and tags.
///
/// To review a change of behaviour, regenerate the expected files with `FERRY_UPDATE_GOLDENS=1 swift test --filter
/// SetterGoldenTests` and read the diff (`git diff Tests/FerryCoreTests/Fixtures/setters-golden`).
struct SetterGoldenTests {
    static let root = Fixtures.root.appendingPathComponent("setters-golden")

    static let cases: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return names.filter { FileManager.default.fileExists(atPath: root.appendingPathComponent("\($0)/input.yaml").path) }.sorted()
    }()

    static func policies() throws -> [PolicyLatestRef] {
        let data = try Data(contentsOf: root.appendingPathComponent("policies.json"))
        let table = try JSONDecoder().decode([String: SetterConformanceTests.Case.PolicyResult].self, from: data)
        return try table.keys.sorted().map { key in
            let parts = key.split(separator: ":").map(String.init)
            let value = try #require(table[key])
            return PolicyLatestRef(namespace: parts[0], name: parts[1], image: value.image, tag: value.tag, digest: value.digest)
        }
    }

    @Test func casesExist() {
        #expect(Self.cases.count >= 12)
    }

    @Test(arguments: cases)
    func matchesTheGoldenFile(_ name: String) throws {
        let directory = Self.root.appendingPathComponent(name)
        let input = Array(try Data(contentsOf: directory.appendingPathComponent("input.yaml")))
        let output = try SetterRewriter.rewrite([ManifestFile(path: "input.yaml", bytes: input)], policies: Self.policies())
        let actual = output.changedFiles.first?.bytes ?? input
        let diagnostics = output.diagnostics.map { "\($0.code): \($0)" }.joined(separator: "\n") + (output.diagnostics.isEmpty ? "" : "\n")
        let expectedURL = directory.appendingPathComponent("expected.yaml")
        let diagnosticsURL = directory.appendingPathComponent("expected-diagnostics.txt")
        if ProcessInfo.processInfo.environment["FERRY_UPDATE_GOLDENS"] == "1" {
            try Data(actual).write(to: expectedURL)
            try Data(diagnostics.utf8).write(to: diagnosticsURL)
        }
        let expected = Array(try Data(contentsOf: expectedURL))
        #expect(actual == expected, "\(name): output differs from expected.yaml:\n\(String(decoding: actual, as: UTF8.self))")
        #expect(diagnostics == (try String(contentsOf: diagnosticsURL, encoding: .utf8)))
        // A changed output is valid YAML whose documents keep their identities.
        guard actual != input else { return }
        let before = try YAMLStream(parsing: input)
        let after = try YAMLStream(parsing: actual)
        #expect(after.documents.map(\.name) == before.documents.map(\.name))
        #expect(after.documents.flatMap(\.values).count == before.documents.flatMap(\.values).count)
    }

    /// Outside the changed scalars, every byte stays: removing the changed ranges from both sides leaves equal text.
    @Test(arguments: cases)
    func onlyMarkedScalarsChange(_ name: String) throws {
        let input = Array(try Data(contentsOf: Self.root.appendingPathComponent("\(name)/input.yaml")))
        let output = try SetterRewriter.rewrite([ManifestFile(path: "input.yaml", bytes: input)], policies: Self.policies())
        guard let changed = output.changedFiles.first?.bytes else { return }
        let before = try YAMLStream(parsing: input)
        let after = try YAMLStream(parsing: changed)
        let beforeValues = before.documents.flatMap(\.values).map { before.string(of: before.tokens[$0.token]) }
        let afterValues = after.documents.flatMap(\.values).map { after.string(of: after.tokens[$0.token]) }
        let newValues = Set(output.result.changes.map(\.newValue))
        for (old, new) in zip(beforeValues, afterValues) where old != new {
            #expect(newValues.contains(new), "\(name): \(old) became \(new), which no setter wrote")
        }
        #expect(before.comments.map(\.text) == after.comments.map(\.text))
    }
}
