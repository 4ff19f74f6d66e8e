import FerryCore
import Foundation
import Testing

@testable import FerryWorkspace

#if canImport(Glibc)
    import Glibc
#endif

/// Atomic writes: modes kept, nothing left behind, all or nothing.
struct ManifestTreeWriteTests {
    static let marked = ManifestTreePathTests.marked
    static let updated = "kind: A\nimage: example.com/app:1.0.0 # {\"$imagepolicy\": \"ns:p\"}\n"
    static let policy = ManifestTreePathTests.policy

    static func inode(_ path: String) -> UInt64 {
        var info = stat()
        return stat(path, &info) == 0 ? UInt64(info.st_ino) : 0
    }

    @Test func writesReplaceFilesKeepingTheirModes() throws {
        let tree = try TemporaryTree()
        try tree.write("a.yaml", Self.marked, mode: 0o640)
        try tree.write("bin/b.yaml", Self.marked, mode: 0o755)
        try tree.write("c.yaml", "kind: A\n")
        let before = Self.inode(tree.path + "/a.yaml")
        let update = try ManifestUpdater.update(root: tree.path, policies: [Self.policy], dryRun: false)
        #expect(update.written)
        #expect(try tree.read("a.yaml") == Self.updated)
        #expect(try tree.read("bin/b.yaml") == Self.updated)
        #expect(try tree.mode("a.yaml") == 0o640)
        #expect(try tree.mode("bin/b.yaml") == 0o755)
        #expect(Self.inode(tree.path + "/a.yaml") != before)
        #expect(tree.listing() == ["a.yaml", "bin", "bin/b.yaml", "c.yaml"])
    }

    @Test func dryRunWritesNothing() throws {
        let tree = try TemporaryTree()
        try tree.write("a.yaml", Self.marked)
        let update = try ManifestUpdater.update(root: tree.path, policies: [Self.policy], dryRun: true)
        #expect(!update.written)
        #expect(update.rewrite.changedFiles.map(\.path) == ["a.yaml"])
        #expect(update.originals["a.yaml"] == Array(Self.marked.utf8))
        #expect(try tree.read("a.yaml") == Self.marked)
    }

    @Test func failedRenameRestoresTheFilesAlreadyReplaced() throws {
        let tree = try TemporaryTree()
        for name in ["a.yaml", "b.yaml", "c.yaml"] { try tree.write(name, Self.marked) }
        var resolved = try ManifestTree(root: tree.path)
        resolved.faults.rename["c.yaml"] = ENOSPC
        let rewriter = try SetterRewriter(policies: [Self.policy])
        let error = try #require(throws: WorkspaceError.self) { try ManifestUpdater.update(resolved, with: rewriter, dryRun: false) }
        #expect(error.kind == .io)
        #expect(
            error.message == "cannot replace c.yaml: No space left on device; the 2 file(s) already replaced were restored, so no file was changed")
        for name in ["a.yaml", "b.yaml", "c.yaml"] { #expect(try tree.read(name) == Self.marked) }
        #expect(tree.listing() == ["a.yaml", "b.yaml", "c.yaml"])
    }

    @Test func failedTemporaryWriteChangesNothing() throws {
        let tree = try TemporaryTree()
        for name in ["a.yaml", "b.yaml"] { try tree.write(name, Self.marked) }
        var resolved = try ManifestTree(root: tree.path)
        resolved.faults.write["b.yaml"] = EIO
        let rewriter = try SetterRewriter(policies: [Self.policy])
        let error = try #require(throws: WorkspaceError.self) { try ManifestUpdater.update(resolved, with: rewriter, dryRun: false) }
        #expect(error.message == "cannot write b.yaml: Input/output error; no file was changed")
        for name in ["a.yaml", "b.yaml"] { #expect(try tree.read(name) == Self.marked) }
        #expect(tree.listing() == ["a.yaml", "b.yaml"])
    }

    @Test func fileReplacedByADirectoryBeforeTheWriteChangesNothing() throws {
        let tree = try TemporaryTree()
        for name in ["a.yaml", "b.yaml"] { try tree.write(name, Self.marked) }
        let resolved = try ManifestTree(root: tree.path)
        let plan = try SetterRewriter(policies: [Self.policy]).rewrite(resolved.readCandidates().files)
        #expect(plan.changedFiles.count == 2)
        // Something else changes the tree between reading and writing.
        try FileManager.default.removeItem(atPath: tree.path + "/b.yaml")
        try FileManager.default.createDirectory(atPath: tree.path + "/b.yaml", withIntermediateDirectories: false)
        let error = try #require(throws: WorkspaceError.self) { try resolved.write(plan.changedFiles) }
        #expect(error.message == "cannot write b.yaml: it is no longer a regular file; no file was changed")
        #expect(try tree.read("a.yaml") == Self.marked)
        #expect(tree.listing() == ["a.yaml", "b.yaml"])
    }

    @Test func aFileTurnedIntoASymbolicLinkIsNotWrittenThrough() throws {
        let outside = try TemporaryTree()
        try outside.write("target.yaml", "kind: Other\n")
        let tree = try TemporaryTree()
        try tree.write("a.yaml", Self.marked)
        let resolved = try ManifestTree(root: tree.path)
        let plan = try SetterRewriter(policies: [Self.policy]).rewrite(resolved.readCandidates().files)
        try FileManager.default.removeItem(atPath: tree.path + "/a.yaml")
        try tree.link("a.yaml", to: outside.path + "/target.yaml")
        #expect(throws: WorkspaceError.self) { try resolved.write(plan.changedFiles) }
        #expect(try outside.read("target.yaml") == "kind: Other\n")
    }
}
