import FerryCore
import Foundation
import Testing

@testable import FerryWorkspace

/// The update path is joined to the root securely.
struct ManifestTreePathTests {
    static let marked = "kind: A\nimage: old # {\"$imagepolicy\": \"ns:p\"}\n"
    static let policy = PolicyLatestRef(namespace: "ns", name: "p", image: "example.com/app", tag: "1.0.0")

    @Test(arguments: [".", "", "./", "apps/..", "/"])
    func pathsThatMeanTheRoot(_ path: String) throws {
        let tree = try TemporaryTree()
        let resolved = try ManifestTree(root: tree.path, updatePath: path == "/" ? tree.path : path)
        #expect(resolved.start == resolved.root)
        #expect(resolved.startIsDirectory)
    }

    @Test func subdirectoryAndSingleFile() throws {
        let tree = try TemporaryTree()
        try tree.write("apps/web/deploy.yaml", Self.marked)
        let directory = try ManifestTree(root: tree.path, updatePath: "./apps//web/")
        #expect(directory.start.hasSuffix("/apps/web"))
        #expect(try directory.readCandidates().files.map(\.path) == ["deploy.yaml"])
        let file = try ManifestTree(root: tree.path, updatePath: "apps/web/deploy.yaml")
        #expect(!file.startIsDirectory)
        #expect(try file.readCandidates().files.map(\.path) == ["deploy.yaml"])
        let update = try ManifestUpdater.update(root: tree.path, updatePath: "apps/web/deploy.yaml", policies: [Self.policy], dryRun: false)
        #expect(update.written)
        #expect(try tree.read("apps/web/deploy.yaml") == "kind: A\nimage: example.com/app:1.0.0 # {\"$imagepolicy\": \"ns:p\"}\n")
    }

    @Test func absolutePathInsideTheRoot() throws {
        let tree = try TemporaryTree()
        try tree.write("apps/deploy.yaml", Self.marked)
        let resolved = try ManifestTree(root: tree.path, updatePath: tree.path + "/apps")
        #expect(try resolved.readCandidates().files.count == 1)
    }

    @Test(arguments: ["..", "../", "apps/../../x", "./../other", "a/b/../../.."])
    func dotDotCannotLeaveTheRoot(_ path: String) throws {
        let tree = try TemporaryTree()
        try tree.write("apps/deploy.yaml", Self.marked)
        let error = try #require(throws: WorkspaceError.self) { try ManifestTree(root: tree.path, updatePath: path) }
        #expect(error.kind == .invalidPath)
        #expect(error.message.contains("leaves the root"))
        #expect(error.message.contains("\"\(path)\""))
    }

    @Test func absolutePathOutsideTheRootIsRejected() throws {
        let tree = try TemporaryTree()
        let error = try #require(throws: WorkspaceError.self) { try ManifestTree(root: tree.path + "/..", updatePath: "/etc") }
        #expect(error.kind == .invalidPath)
        #expect(error.message.contains("is an absolute path outside the root"))
    }

    @Test func symbolicLinkOutOfTheRootIsRejected() throws {
        let outside = try TemporaryTree()
        try outside.write("secret.yaml", Self.marked)
        let tree = try TemporaryTree()
        try tree.link("escape", to: outside.path)
        try tree.link("inner/deeper", to: "../../" + outside.url.lastPathComponent)
        for path in ["escape", "escape/secret.yaml", "inner/deeper"] {
            let error = try #require(throws: WorkspaceError.self) { try ManifestTree(root: tree.path, updatePath: path) }
            #expect(error.kind == .invalidPath)
            #expect(error.message.contains("outside the root") || error.message.contains("cannot be used"))
        }
        #expect(try outside.read("secret.yaml") == Self.marked)
    }

    @Test func symbolicLinkInsideTheRootIsFollowedForTheUpdatePath() throws {
        let tree = try TemporaryTree()
        try tree.write("real/apps/deploy.yaml", Self.marked)
        try tree.link("current", to: "real/apps")
        let resolved = try ManifestTree(root: tree.path, updatePath: "current")
        #expect(resolved.start.hasSuffix("/real/apps"))
        #expect(try resolved.readCandidates().files.map(\.path) == ["deploy.yaml"])
    }

    @Test func missingRootOrPath() throws {
        let tree = try TemporaryTree()
        let missingRoot = try #require(throws: WorkspaceError.self) { try ManifestTree(root: tree.path + "/nope") }
        #expect(missingRoot.kind == .invalidPath)
        #expect(missingRoot.message.hasSuffix("cannot be used: No such file or directory"))
        try tree.write("file.yaml", "a: b\n")
        let fileRoot = try #require(throws: WorkspaceError.self) { try ManifestTree(root: tree.path + "/file.yaml") }
        #expect(fileRoot.message.hasSuffix("is not a directory"))
        let missingPath = try #require(throws: WorkspaceError.self) { try ManifestTree(root: tree.path, updatePath: "clusters/prod") }
        #expect(missingPath.message == "the update path \"clusters/prod\" cannot be used: No such file or directory")
    }

    @Test func invalidPolicyReferenceIsReportedBeforeAnyFileIsRead() throws {
        let tree = try TemporaryTree()
        let bad = PolicyLatestRef(namespace: "ns", name: "p", image: "UPPER/case", tag: "1")
        let error = try #require(throws: WorkspaceError.self) { try ManifestUpdater.update(root: tree.path, policies: [bad], dryRun: true) }
        #expect(error.kind == .invalidPolicy)
        #expect(error.message == "encountered invalid image ref \"UPPER/case:1\": could not parse reference: UPPER/case:1")
    }
}
