import FerryCore
import Foundation
import Testing

@testable import FerryWorkspace

/// Flux's setter trees, updated in place on disk: afterwards the whole tree equals `expected/`, byte for byte, with
/// the dangling symbolic link untouched.
struct WorkspaceConformanceTests {
    struct PolicyResult: Decodable {
        var image: String
        var tag: String
        var digest: String?
    }

    struct CaseFile: Decodable {
        var updatePath: String?
        var changedFiles: [String]
    }

    static let names = ["applier-multiple-policies", "applier-one-policy", "applier-update-path", "source-no-change", "update-with-setters"]

    static func policies(_ name: String) throws -> [PolicyLatestRef] {
        let data = try Data(contentsOf: SharedFixtures.setters.appendingPathComponent("\(name)/policies.json"))
        let table = try JSONDecoder().decode([String: PolicyResult].self, from: data)
        return try table.keys.sorted().map { key in
            let parts = key.split(separator: ":").map(String.init)
            let value = try #require(table[key])
            return PolicyLatestRef(namespace: parts[0], name: parts[1], image: value.image, tag: value.tag, digest: value.digest)
        }
    }

    /// Regular files' bytes and links' targets, by relative path.
    static func snapshot(_ directory: URL) throws -> [String: String] {
        var result: [String: String] = [:]
        for relative in FileManager.default.enumerator(atPath: directory.path)?.allObjects as? [String] ?? [] {
            let path = directory.appendingPathComponent(relative).path
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            switch attributes[.type] as? FileAttributeType {
            case .typeSymbolicLink?: result[relative] = "-> " + (try FileManager.default.destinationOfSymbolicLink(atPath: path))
            case .typeRegular?: result[relative] = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
            default: break
            }
        }
        return result
    }

    @Test(arguments: names)
    func updatesInPlace(_ name: String) throws {
        let tree = try TemporaryTree()
        let source = SharedFixtures.setters.appendingPathComponent(name)
        try tree.copy(from: source.appendingPathComponent("input"))
        let testCase = try JSONDecoder().decode(CaseFile.self, from: Data(contentsOf: source.appendingPathComponent("case.json")))

        let update = try ManifestUpdater.update(root: tree.path, updatePath: testCase.updatePath ?? ".", policies: Self.policies(name), dryRun: false)

        let prefix = testCase.updatePath.map { String($0.dropFirst(2)) + "/" } ?? ""
        #expect(update.rewrite.changedFiles.map { prefix + $0.path }.sorted() == testCase.changedFiles.sorted())
        #expect(update.written == !testCase.changedFiles.isEmpty)
        #expect(try Self.snapshot(tree.url) == Self.snapshot(source.appendingPathComponent("expected")))
    }

    @Test func screeningMatchesFluxsReader() throws {
        let tree = try TemporaryTree()
        try tree.copy(from: SharedFixtures.setters.appendingPathComponent("update-with-setters/input"))
        let scan = try ManifestTree(root: tree.path).readCandidates()
        #expect(scan.files.map(\.path) == ["Kustomization", "kustomization.yml", "marked.yaml", "otherns.yaml"])
        #expect(scan.filesRead == 5)
        #expect(
            scan.diagnostics.map(\.description) == ["test.yaml: skipped a symbolic link: Ferry does not follow symbolic links below the update path"])
    }
}
