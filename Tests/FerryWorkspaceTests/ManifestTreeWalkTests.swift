import FerryCore
import Foundation
import Testing

@testable import FerryWorkspace

#if canImport(Glibc)
    import Glibc
#endif

/// What the walk reads and skips.
struct ManifestTreeWalkTests {
    static let marked = ManifestTreePathTests.marked

    @Test func candidatesAreScreenedAndSortedByName() throws {
        let tree = try TemporaryTree()
        try tree.write("b.yaml", Self.marked)
        try tree.write("a/z.yml", Self.marked)
        try tree.write("a/Kustomization", Self.marked)
        try tree.write("a/kustomization", Self.marked)
        try tree.write("a/notes.txt", Self.marked)
        try tree.write("a/plain.yaml", "kind: A\n")
        try tree.write("c/no-dollar.yaml", "image: x # {\"imagepolicy\": \"ns:p\"}\n")
        let scan = try ManifestTree(root: tree.path).readCandidates()
        #expect(scan.files.map(\.path) == ["a/Kustomization", "a/z.yml", "b.yaml", "c/no-dollar.yaml"])
        #expect(scan.filesRead == 5)
    }

    @Test func gitDirectoriesAreSkipped() throws {
        let tree = try TemporaryTree()
        try tree.write(".git/deploy.yaml", Self.marked)
        try tree.write("apps/.git/deploy.yaml", Self.marked)
        try tree.write(".github/deploy.yaml", Self.marked)
        let scan = try ManifestTree(root: tree.path).readCandidates()
        #expect(scan.files.map(\.path) == [".github/deploy.yaml"])
    }

    @Test func symbolicLinksAreNeverFollowedBelowTheUpdatePath() throws {
        let outside = try TemporaryTree()
        try outside.write("secret.yaml", Self.marked)
        try outside.write("dir/secret.yaml", Self.marked)
        let tree = try TemporaryTree()
        try tree.write("real/deploy.yaml", Self.marked)
        try tree.link("apps/inside.yaml", to: "../real/deploy.yaml")
        try tree.link("apps/outside.yaml", to: outside.path + "/secret.yaml")
        try tree.link("apps/outdir", to: outside.path + "/dir")
        try tree.link("apps/indir", to: "../real")
        try tree.link("apps/dangling.yaml", to: "missing.yaml")
        try tree.link("apps/readme", to: "../real/deploy.yaml")
        let update = try ManifestUpdater.update(
            root: tree.path, updatePath: "apps", policies: [ManifestTreePathTests.policy], dryRun: false)
        #expect(update.rewrite.changedFiles.isEmpty)
        #expect(
            update.diagnostics.map(\.description) == [
                "dangling.yaml: skipped a symbolic link: Ferry does not follow symbolic links below the update path",
                "indir: skipped a symbolic link to a directory: Ferry does not follow symbolic links below the update path",
                "inside.yaml: skipped a symbolic link: Ferry does not follow symbolic links below the update path",
                "outdir: skipped a symbolic link to a directory: Ferry does not follow symbolic links below the update path",
                "outside.yaml: skipped a symbolic link: Ferry does not follow symbolic links below the update path",
            ])
        #expect(update.diagnostics.allSatisfy { $0.severity == .note })
        #expect(try outside.read("secret.yaml") == Self.marked)
        #expect(try outside.read("dir/secret.yaml") == Self.marked)
        #expect(try tree.read("real/deploy.yaml") == Self.marked)
    }

    @Test func fifosAndOtherSpecialFilesAreNotOpened() throws {
        let tree = try TemporaryTree()
        #expect(mkfifo(tree.path + "/pipe.yaml", 0o644) == 0)
        try tree.write("deploy.yaml", Self.marked)
        let scan = try ManifestTree(root: tree.path).readCandidates()
        #expect(scan.files.map(\.path) == ["deploy.yaml"])
    }

    @Test func unreadableFileAbortsNamingIt() throws {
        let tree = try TemporaryTree()
        try tree.write("apps/a.yaml", Self.marked)
        try tree.write("apps/b.yaml", Self.marked)
        var resolved = try ManifestTree(root: tree.path)
        resolved.faults.read["apps/b.yaml"] = EACCES
        let error = try #require(throws: WorkspaceError.self) { try resolved.readCandidates() }
        #expect(error.kind == .io)
        #expect(error.path == "apps/b.yaml")
        #expect(error.message == "cannot read apps/b.yaml: Permission denied")
    }

    @Test func unreadableFileForRealWhenNotRoot() throws {
        // Root reads files whatever their mode; for other users a mode of 000 is a real read failure.
        guard getuid() != 0 else { return }
        let tree = try TemporaryTree()
        try tree.write("a.yaml", Self.marked, mode: 0o000)
        let error = try #require(throws: WorkspaceError.self) { try ManifestTree(root: tree.path).readCandidates() }
        #expect(error.message == "cannot read a.yaml: Permission denied")
    }

    @Test func largeFilesAreReadWhole() throws {
        let tree = try TemporaryTree()
        let padding = String(repeating: "# filler line\n", count: 20_000)
        try tree.write("big.yaml", padding + Self.marked)
        let scan = try ManifestTree(root: tree.path).readCandidates()
        #expect(scan.files.first?.bytes.count == padding.utf8.count + Self.marked.utf8.count)
    }
}
