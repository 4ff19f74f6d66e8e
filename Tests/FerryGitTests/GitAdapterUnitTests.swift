import FerryCore
import Foundation
import Testing

@testable import FerryGit

/// The adapter's pure helpers: failure classification, durations, cache names, sparse paths.
@Suite struct GitAdapterUnitTests {
    @Test(arguments: [
        ("fatal: Authentication failed for 'https://h/r.git/'", GitError.Code.authenticationFailed),
        ("git@h: Permission denied (publickey).\nfatal: Could not read from remote repository.", .authenticationFailed),
        ("Host key verification failed.\nfatal: Could not read from remote repository.", .hostKeyRejected),
        ("fatal: couldn't find remote ref refs/heads/nope", .referenceNotFound),
        ("fatal: repository 'http://h/x.git/' not found", .repositoryNotFound),
        ("fatal: unable to access 'http://h/x.git/': Failed to connect to h port 1: Connection refused", .connectionFailed),
        ("error: gpg failed to sign the data\nfatal: failed to write commit object", .signingFailed),
        ("fatal: something else entirely", .commandFailed),
    ])
    func classification(_ standardError: String, _ code: GitError.Code) {
        let error = GitFailure.classify(CommandOutput(status: 128, standardOutput: "", standardError: standardError), operation: "fetching x")
        #expect(error.code == code)
        #expect(error.description.hasPrefix("fetching x failed: "))
        #expect(error.shortDescription == code.description)
    }

    @Test func hostKeyMessagesDropTheBanner() {
        let banner = """
            @@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@
            @    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @
            IT IS POSSIBLE THAT SOMEONE IS DOING SOMETHING NASTY!
            The fingerprint for the ED25519 key sent by the remote host is
            SHA256:abc.
            Host key verification failed.
            """
        let error = GitFailure.classify(CommandOutput(status: 128, standardOutput: "", standardError: banner), operation: "fetching")
        #expect(error.code == .hostKeyRejected)
        #expect(!error.description.contains("@@@"))
        #expect(error.description.contains("SHA256:abc."))
        #expect(error.description.contains("Host key verification failed."))
    }

    @Test(arguments: [
        (Duration.seconds(60), "1m0s"), (.seconds(1), "1s"), (.milliseconds(1500), "1.5s"), (.seconds(3725), "1h2m5s"), (.milliseconds(250), "0.25s"),
    ])
    func goDurations(_ duration: Duration, _ text: String) {
        #expect(GitError.format(duration) == text)
    }

    @Test func cacheEntriesDependOnURLAndKey() throws {
        let url = try GitURL("https://u:p@git.example.com/team/fleet.git")
        let plain = try GitURL("https://git.example.com/team/fleet.git")
        let name = GitCommandLineWorkspace.cacheEntryName(url: url, key: "ns/a")
        #expect(name == GitCommandLineWorkspace.cacheEntryName(url: plain, key: "ns/a"))
        #expect(name != GitCommandLineWorkspace.cacheEntryName(url: plain, key: "ns/b"))
        #expect(name.hasPrefix("git.example.com_team_fleet.git-"))
        #expect(!name.contains("/") && !name.contains("p@"))
    }

    @Test(arguments: [
        ("./apps", "apps" as String?), ("apps/prod/", "apps/prod"), (".", nil), ("", nil), ("../outside", nil), ("/clusters//a", "clusters/a"),
    ])
    func sparseDirectories(_ path: String, _ expected: String?) {
        #expect(AutomationPass.sparseDirectory(path) == expected)
    }

    /// Clone and cache directories are made absolute, so git never resolves them against the
    /// current directory (where it could find, and act on, an enclosing repository).
    @Test func pathsAreMadeAbsolute() {
        let current = FileManager.default.currentDirectoryPath
        #expect(LocalFiles.absolute("cache/git") == (current == "/" ? "" : current) + "/cache/git")
        #expect(LocalFiles.absolute("/var/cache") == "/var/cache")
        #expect(LocalFiles.parent(of: "/tmp/ferry-git-x") == "/tmp")
        #expect(LocalFiles.parent(of: "/top") == "/")
    }

    /// A clone directory inside another repository: git works on the clone only.
    @Test func anEnclosingRepositoryIsNeverTouched() async throws {
        let outer = NSTemporaryDirectory() + "ferry-outer-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: outer) }
        try await GitTestServer.git(["init", "--quiet", "-b", "outer", outer])
        try "outer\n".write(toFile: outer + "/outer.txt", atomically: true, encoding: .utf8)
        try await GitTestServer.git(["add", "outer.txt"], in: outer)
        try await GitTestServer.git(["commit", "--quiet", "-m", "outer"], in: outer)
        let before = try await GitTestServer.git(["rev-parse", "HEAD"], in: outer)
        let repo = try await GitTestServer.makeRepository("enclosed")
        let job = try GitJobs.job(try GitTestServer.Transport.file.source(for: repo.name))
        let outcome = try await GitJobs.workspace(cache: outer + "/cache").run(job, update: GitJobs.write("apps/app.yaml", "enclosed\n"))
        #expect(outcome.push != nil)
        #expect(try await GitTestServer.git(["rev-parse", "HEAD"], in: outer) == before)
        #expect(try await GitTestServer.git(["branch", "--list"], in: outer) == "* outer")
        #expect(try await GitTestServer.git(["status", "--porcelain", "--untracked-files=no"], in: outer) == "")
    }
}
