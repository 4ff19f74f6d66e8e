import FerryCore
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
}
