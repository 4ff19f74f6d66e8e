import FerryCore
import FerryGit
import Foundation
import Testing

/// OpenPGP and SSH commit signatures, each checked with `git verify-commit`.
@Suite struct GitSigningTests {
    @Test func openPGPWithPassphrase() async throws {
        let repo = try await GitTestServer.makeRepository("sign-gpg")
        let key = GitSigningKey.openPGP(
            armoredKey: try GitTestServer.file("FERRY_TEST_GIT_GPG_KEY"), passphrase: try GitTestServer.variable("FERRY_TEST_GIT_GPG_PASSPHRASE"),
            secretName: "signing"
        )
        let job = try GitJobs.job(try GitTestServer.Transport.file.source(for: repo.name), signing: key)
        _ = try await GitJobs.workspace().run(job, update: GitJobs.write("apps/app.yaml", "signed\n"))

        let home = NSTemporaryDirectory() + "ferry-verify-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(atPath: home) }
        _ = try await importPublicKey(home: home)
        // verify-commit fails (and so throws) on a bad or missing signature.
        try await GitTestServer.git(["--git-dir", repo.path, "verify-commit", "main"], environment: ["GNUPGHOME": home])
        // G: good and trusted; U: good, key not certified (the test keyring holds it without ownertrust).
        let status = try await GitTestServer.git(["--git-dir", repo.path, "log", "-1", "--format=%G?|%GS", "main"], environment: ["GNUPGHOME": home])
        #expect(status == "G|Ferry Signer <signer@ferry.invalid>" || status == "U|Ferry Signer <signer@ferry.invalid>")
    }

    @Test func openPGPWithoutPassphraseField() async throws {
        let repo = try await GitTestServer.makeRepository("sign-gpg-missing")
        let key = GitSigningKey.openPGP(armoredKey: try GitTestServer.file("FERRY_TEST_GIT_GPG_KEY"), passphrase: nil, secretName: "signing")
        let job = try GitJobs.job(try GitTestServer.Transport.file.source(for: repo.name), signing: key)
        await #expect(throws: GitConfigurationError.signingPassphraseMissing(secret: "signing", field: "passphrase")) {
            _ = try await GitJobs.workspace().run(job, update: GitJobs.write("apps/app.yaml", "x\n"))
        }
    }

    @Test func openPGPUnprotectedKeyAndTwoKeys() async throws {
        let repo = try await GitTestServer.makeRepository("sign-gpg-plain")
        let plain = GitSigningKey.openPGP(armoredKey: try GitTestServer.file("FERRY_TEST_GIT_GPG_PLAIN_KEY"), passphrase: nil, secretName: "plain")
        let job = try GitJobs.job(try GitTestServer.Transport.file.source(for: repo.name), signing: plain)
        _ = try await GitJobs.workspace().run(job, update: GitJobs.write("apps/app.yaml", "plain\n"))
        let raw = try await GitTestServer.git(["--git-dir", repo.path, "cat-file", "commit", "main"])
        #expect(raw.contains("gpgsig -----BEGIN PGP SIGNATURE-----"))

        let two = GitSigningKey.openPGP(armoredKey: try GitTestServer.file("FERRY_TEST_GIT_GPG_TWO_KEYS"), passphrase: "x", secretName: "two")
        let twoJob = try GitJobs.job(try GitTestServer.Transport.file.source(for: repo.name), signing: two)
        await #expect(throws: GitConfigurationError.signingMultipleEntities(secret: "two")) {
            _ = try await GitJobs.workspace().run(twoJob, update: GitJobs.write("apps/app.yaml", "two\n"))
        }
    }

    @Test func sshWithPassword() async throws {
        let repo = try await GitTestServer.makeRepository("sign-ssh")
        let key = GitSigningKey.ssh(
            identity: try GitTestServer.file("FERRY_TEST_GIT_SSH_SIGNING_KEY"),
            password: try GitTestServer.variable("FERRY_TEST_GIT_SSH_SIGNING_PASSWORD"),
            secretName: "ssh-signing"
        )
        let job = try GitJobs.job(try GitTestServer.Transport.ssh.source(for: repo.name), signing: key)
        _ = try await GitJobs.workspace().run(job, update: GitJobs.write("apps/app.yaml", "ssh signed\n"))
        let signers = try GitTestServer.variable("FERRY_TEST_GIT_SSH_ALLOWED_SIGNERS")
        let status = try await GitTestServer.git(
            ["-c", "gpg.ssh.allowedSignersFile=\(signers)", "--git-dir", repo.path, "log", "-1", "--format=%G?|%GS", "main"]
        )
        #expect(status == "G|signer@ferry.invalid")
        try await GitTestServer.git(["-c", "gpg.ssh.allowedSignersFile=\(signers)", "--git-dir", repo.path, "verify-commit", "main"])
    }

    @Test func sshWithoutPasswordField() async throws {
        let repo = try await GitTestServer.makeRepository("sign-ssh-missing")
        let key = GitSigningKey.ssh(identity: try GitTestServer.file("FERRY_TEST_GIT_SSH_SIGNING_KEY"), password: nil, secretName: "ssh-signing")
        let job = try GitJobs.job(try GitTestServer.Transport.file.source(for: repo.name), signing: key)
        await #expect(throws: GitConfigurationError.signingPassphraseMissing(secret: "ssh-signing", field: "password")) {
            _ = try await GitJobs.workspace().run(job, update: GitJobs.write("apps/app.yaml", "x\n"))
        }
        let wrong = GitSigningKey.ssh(
            identity: try GitTestServer.file("FERRY_TEST_GIT_SSH_SIGNING_KEY"), password: "wrong-password", secretName: "ssh-signing")
        await #expect {
            _ = try await GitJobs.workspace().run(
                try GitJobs.job(try GitTestServer.Transport.file.source(for: repo.name), signing: wrong),
                update: GitJobs.write("apps/app.yaml", "x\n"))
        } throws: { error in
            (error as? GitError)?.code == .signingFailed && !String(describing: error).contains("wrong-password")
        }
    }

    private func importPublicKey(home: String) async throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gpg", "--homedir", home, "--batch", "--quiet", "--import", try GitTestServer.variable("FERRY_TEST_GIT_GPG_PUBLIC")]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return home
    }
}
