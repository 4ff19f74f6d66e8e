import Foundation
import Testing

@testable import FerryCore

/// The setter trees from Flux's own tests (`Fixtures/conformance/setters`, see the README there): each case's input
/// tree, screened and rewritten in memory, must give its expected tree byte for byte, and the recorded result where
/// the case asserts one.
struct SetterConformanceTests {
    struct Case: Decodable, CustomTestStringConvertible, Sendable {
        struct PolicyResult: Decodable, Sendable {
            var image: String
            var tag: String
            var digest: String?
        }

        struct ExpectedResult: Decodable, Sendable {
            struct FileEntry: Decodable, Sendable {
                var file: String
                var objects: [ObjectEntry]
            }

            struct ObjectEntry: Decodable, Sendable {
                var object: [String: String]
                var changes: [[String: String]]
            }

            var FileChanges: [FileEntry]
        }

        var name = ""
        var updatePath: String?
        var changedFiles: [String]
        var screenedFiles: [String]?
        var expectedResult: ExpectedResult?

        var testDescription: String { name }

        enum CodingKeys: String, CodingKey {
            case updatePath, changedFiles, screenedFiles, expectedResult
        }

        var directory: URL { Fixtures.root.appendingPathComponent("conformance/setters/\(name)") }

        func policies() throws -> [PolicyLatestRef] {
            let data = try Data(contentsOf: directory.appendingPathComponent("policies.json"))
            let table = try JSONDecoder().decode([String: PolicyResult].self, from: data)
            return table.keys.sorted().map { key in
                let parts = key.split(separator: ":").map(String.init)
                let value = table[key]!
                return PolicyLatestRef(namespace: parts[0], name: parts[1], image: value.image, tag: value.tag, digest: value.digest)
            }
        }
    }

    static let cases: [Case] = {
        let root = Fixtures.root.appendingPathComponent("conformance/setters")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return names.sorted().compactMap { name in
            guard let data = try? Data(contentsOf: root.appendingPathComponent("\(name)/case.json")),
                var decoded = try? JSONDecoder().decode(Case.self, from: data)
            else { return nil }
            decoded.name = name
            return decoded
        }
    }()

    /// Every regular file under `directory`, relative paths with `/`; symbolic links are listed separately.
    static func tree(_ directory: URL) throws -> (files: [String: [UInt8]], links: [String]) {
        var files: [String: [UInt8]] = [:]
        var links: [String] = []
        let enumerator = FileManager.default.enumerator(atPath: directory.path)
        while let relative = enumerator?.nextObject() as? String {
            let url = directory.appendingPathComponent(relative)
            let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
            switch attributes[.type] as? FileAttributeType {
            case .typeSymbolicLink?: links.append(relative)
            case .typeRegular?: files[relative] = Array(try Data(contentsOf: url))
            default: break
            }
        }
        return (files, links.sorted())
    }

    static func isCandidate(_ path: String) -> Bool {
        let base = path.split(separator: "/").last.map(String.init) ?? path
        return base.hasSuffix(".yaml") || base.hasSuffix(".yml") || base == "Kustomization"
    }

    @Test func allCasesLoad() {
        #expect(
            Self.cases.map(\.name) == [
                "applier-multiple-policies", "applier-one-policy", "applier-update-path", "source-no-change", "update-with-setters",
            ])
    }

    @Test(arguments: cases)
    func rewritesTheTreeAsFluxDoes(_ testCase: Case) throws {
        let input = try Self.tree(testCase.directory.appendingPathComponent("input"))
        let expected = try Self.tree(testCase.directory.appendingPathComponent("expected"))
        let prefix = testCase.updatePath.map { $0.hasPrefix("./") ? String($0.dropFirst(2)) + "/" : $0 + "/" } ?? ""
        let candidates = input.files.keys.sorted().filter { $0.hasPrefix(prefix) && Self.isCandidate($0) }
        let screened = candidates.filter { MarkerScreen.containsMarkerKey(input.files[$0]![...]) }
        if let screenedFiles = testCase.screenedFiles { #expect(screened == screenedFiles.sorted()) }
        let files = screened.map { ManifestFile(path: String($0.dropFirst(prefix.count)), bytes: input.files[$0]!) }

        let output = try SetterRewriter.rewrite(files, policies: testCase.policies())

        #expect(output.changedFiles.map { prefix + $0.path }.sorted() == testCase.changedFiles.sorted())
        var after = input.files
        for file in output.changedFiles { after[prefix + file.path] = file.bytes }
        #expect(after.keys.sorted() == expected.files.keys.sorted())
        for (path, bytes) in expected.files {
            #expect(after[path] == bytes, "\(path) differs from expected/\(path)")
        }
        #expect(input.links == expected.links)

        if let expectedResult = testCase.expectedResult {
            var result = UpdateResult()
            for entry in expectedResult.FileChanges {
                for object in entry.objects {
                    let id = ResourceIdentifier(
                        apiVersion: object.object["APIVersion"] ?? "", kind: object.object["Kind"] ?? "", name: object.object["Name"] ?? "",
                        namespace: object.object["Namespace"] ?? "")
                    result.fileChanges[entry.file, default: [:]][id] = object.changes.map {
                        SetterChange(oldValue: $0["OldValue"] ?? "", newValue: $0["NewValue"] ?? "", setter: $0["Setter"] ?? "")
                    }
                }
            }
            #expect(output.result == result)
        }
    }

    @Test func unknownPolicyInTheFluxTreeIsReported() throws {
        let testCase = try #require(Self.cases.first { $0.name == "update-with-setters" })
        let input = try Self.tree(testCase.directory.appendingPathComponent("input"))
        let file = ManifestFile(path: "otherns.yaml", bytes: input.files["otherns.yaml"]!)
        let output = try SetterRewriter.rewrite([file], policies: testCase.policies())
        #expect(output.changedFiles.isEmpty)
        #expect(output.diagnostics.map(\.code) == [.unknownPolicy])
        #expect(output.diagnostics.first?.description.hasPrefix("otherns.yaml:11:28: no policy \"other-namespace:policy\" was given") == true)
    }
}
