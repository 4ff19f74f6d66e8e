import FerryCore
import FerryGit
import Foundation
import Testing

/// What goes wrong, and what the messages say (and never say).
@Suite struct GitFailureTests {
    static func expectFailure(
        _ job: GitAutomationJob, workspace: GitCommandLineWorkspace = GitJobs.workspace(), code: GitError.Code, mentions: [String] = [],
        sourceLocation: SourceLocation = #_sourceLocation
    ) async -> GitError? {
        do {
            _ = try await workspace.run(job) { _ in .unchanged }
            Issue.record("expected a \(code) failure", sourceLocation: sourceLocation)
            return nil
        } catch let error as GitError {
            #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
            for text in mentions { #expect(error.description.contains(text), "\(error) should mention \(text)", sourceLocation: sourceLocation) }
            return error
        } catch {
            Issue.record("unexpected \(error)", sourceLocation: sourceLocation)
            return nil
        }
    }

    @Test func serverDown() async throws {
        let source = GitSourceSpec(url: try GitURL(try GitTestServer.variable("FERRY_TEST_GIT_CLOSED_URL")), reference: .init(branch: "main"))
        _ = await Self.expectFailure(try GitJobs.job(source), code: .connectionFailed, mentions: ["fetching branch 'main'", "closed.git"])
    }

    @Test func badCredentials() async throws {
        let repo = try await GitTestServer.makeRepository("bad-credentials")
        let url = try GitURL("\(try GitTestServer.variable("FERRY_TEST_GIT_HTTP_URL"))/\(repo.name).git")
        let secret = [
            "username": Array(try GitTestServer.variable("FERRY_TEST_GIT_HTTP_USER").utf8), "password": Array("not-the-password-9431".utf8),
        ]
        let source = GitSourceSpec(url: url, reference: .init(branch: "main"), authentication: try GitAuthentication(url: url, secretData: secret))
        let error = await Self.expectFailure(try GitJobs.job(source), code: .authenticationFailed, mentions: [repo.name])
        #expect(error.map { !$0.description.contains("not-the-password-9431") } ?? false)
        // No credentials at all: refused, not prompted for.
        _ = await Self.expectFailure(try GitJobs.job(GitSourceSpec(url: url, reference: .init(branch: "main"))), code: .authenticationFailed)
    }

    /// A URL on the server that accepts connections and never answers, unique to the test.
    static func silentURL() throws -> (url: GitURL, marker: String) {
        let marker = "never-\(UUID().uuidString.prefix(8)).git"
        let base = try GitTestServer.variable("FERRY_TEST_GIT_SILENT_URL").replacingOccurrences(of: "never.git", with: marker)
        return (try GitURL(base), marker)
    }

    @Test func timeoutStopsAServerThatNeverAnswers() async throws {
        let silent = try Self.silentURL()
        let source = GitSourceSpec(url: silent.url, reference: .init(branch: "main"), timeout: .seconds(1))
        let error = await Self.expectFailure(try GitJobs.job(source), code: .timedOut, mentions: ["did not finish within 1s"])
        #expect(error != nil)
        #expect(try leftoverProcesses(mentioning: silent.marker).isEmpty)
    }

    @Test func wrongSSHHostKeyIsRefused() async throws {
        let repo = try await GitTestServer.makeRepository("host-key")
        let url = try GitURL("\(try GitTestServer.variable("FERRY_TEST_GIT_SSH_URL"))/\(repo.name).git")
        let secret = [
            "identity": try GitTestServer.file("FERRY_TEST_GIT_SSH_KEY"),
            "known_hosts": try GitTestServer.file("FERRY_TEST_GIT_SSH_WRONG_KNOWN_HOSTS"),
        ]
        let source = GitSourceSpec(url: url, reference: .init(branch: "main"), authentication: try GitAuthentication(url: url, secretData: secret))
        _ = await Self.expectFailure(try GitJobs.job(source), code: .hostKeyRejected, mentions: ["host key", "known_hosts"])
    }

    @Test func wrongSSHKeyIsRefused() async throws {
        let repo = try await GitTestServer.makeRepository("ssh-key")
        let url = try GitURL("\(try GitTestServer.variable("FERRY_TEST_GIT_SSH_URL"))/\(repo.name).git")
        // The signing key is a valid key the server does not know.
        let secret = [
            "identity": try GitTestServer.file("FERRY_TEST_GIT_SSH_SIGNING_KEY"),
            "known_hosts": try GitTestServer.file("FERRY_TEST_GIT_SSH_KNOWN_HOSTS"),
            "password": Array(try GitTestServer.variable("FERRY_TEST_GIT_SSH_SIGNING_PASSWORD").utf8),
        ]
        let source = GitSourceSpec(url: url, reference: .init(branch: "main"), authentication: try GitAuthentication(url: url, secretData: secret))
        _ = await Self.expectFailure(try GitJobs.job(source), code: .authenticationFailed)
    }

    @Test func missingRepository() async throws {
        let source = try GitTestServer.Transport.http.source(for: "no-such-repo-\(UUID().uuidString.prefix(6))")
        _ = await Self.expectFailure(try GitJobs.job(source), code: .repositoryNotFound)
    }

    /// Cancelling the task ends git and its children at once, whatever the timeout.
    @Test func cancellationEndsTheChild() async throws {
        let silent = try Self.silentURL()
        let source = GitSourceSpec(url: silent.url, reference: .init(branch: "main"), timeout: .seconds(600))
        let job = try GitJobs.job(source)
        let log = TraceLog()
        let task = Task { try await GitJobs.workspace(trace: log.record).run(job) { _ in .unchanged } }
        // Wait until git is running against the silent server (bounded by the wall clock, generously for a loaded
        // machine), then cancel.
        let deadline = ContinuousClock.now + .seconds(120)
        var started = try !leftoverProcesses(mentioning: silent.marker).isEmpty
        while !started, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
            started = try !leftoverProcesses(mentioning: silent.marker).isEmpty
        }
        #expect(started, "git never started against the silent server")
        task.cancel()
        await #expect(throws: (any Error).self) { _ = try await task.value }
        #expect(try leftoverProcesses(mentioning: silent.marker).isEmpty)
    }

    /// Secrets planted in every credential field never show up in an error or in the trace
    /// (arguments, exit statuses, standard error) of any command.
    @Test func secretsNeverLeak() async throws {
        let planted = ["hunter2-basic-pass", "tok-bearer-77a1", "proxy-pass-5b2", "gpg-pass-c3d4", "ssh-pass-e5f6", "url-pass-0912"]
        let log = TraceLog()
        let workspace = GitJobs.workspace(trace: log.record)
        var errors: [String] = []
        let repo = try await GitTestServer.makeRepository("secrets")
        let base = try GitTestServer.variable("FERRY_TEST_GIT_HTTP_URL")
        let user = try GitTestServer.variable("FERRY_TEST_GIT_HTTP_USER")

        // Wrong basic password in the Secret, password in the URL, bearer token, proxy password.
        let http = try GitURL("\(base)/\(repo.name).git")
        let withUser = try GitURL(base.replacingOccurrences(of: "http://", with: "http://\(user):url-pass-0912@") + "/\(repo.name).git")
        let sources = [
            GitSourceSpec(
                url: http, reference: .init(branch: "main"),
                authentication: try GitAuthentication(
                    url: http, secretData: ["username": Array(user.utf8), "password": Array("hunter2-basic-pass".utf8)])),
            GitSourceSpec(url: withUser, reference: .init(branch: "main"), authentication: try GitAuthentication(url: withUser, secretData: [:])),
            GitSourceSpec(
                url: http, reference: .init(branch: "main"),
                authentication: try GitAuthentication(url: http, secretData: ["bearerToken": Array("tok-bearer-77a1".utf8)])),
            GitSourceSpec(
                url: http, reference: .init(branch: "main"), proxy: GitProxy(address: "http://127.0.0.1:9", username: "p", password: "proxy-pass-5b2")
            ),
            GitSourceSpec(
                url: try GitURL(
                    try GitTestServer.variable("FERRY_TEST_GIT_CLOSED_URL").replacingOccurrences(of: "http://", with: "http://u:url-pass-0912@")),
                reference: .init(branch: "main")),
        ]
        for source in sources {
            do {
                _ = try await workspace.run(try GitJobs.job(source)) { _ in .unchanged }
            } catch {
                errors.append(String(describing: error))
            }
        }
        // Signing with wrong passphrases, and an SSH identity whose password is wrong.
        let gpg = GitSigningKey.openPGP(armoredKey: try GitTestServer.file("FERRY_TEST_GIT_GPG_KEY"), passphrase: "gpg-pass-c3d4", secretName: "s")
        let ssh = GitSigningKey.ssh(identity: try GitTestServer.file("FERRY_TEST_GIT_SSH_SIGNING_KEY"), password: "ssh-pass-e5f6", secretName: "s")
        for key in [gpg, ssh] {
            do {
                _ = try await workspace.run(
                    try GitJobs.job(try GitTestServer.Transport.file.source(for: repo.name), signing: key),
                    update: GitJobs.write("apps/app.yaml", "x\n"))
            } catch {
                errors.append(String(describing: error))
            }
        }
        let sshURL = try GitURL("\(try GitTestServer.variable("FERRY_TEST_GIT_SSH_URL"))/\(repo.name).git")
        let sshSource = GitSourceSpec(
            url: sshURL, reference: .init(branch: "main"),
            authentication: try GitAuthentication(
                url: sshURL,
                secretData: [
                    "identity": try GitTestServer.file("FERRY_TEST_GIT_SSH_SIGNING_KEY"),
                    "known_hosts": try GitTestServer.file("FERRY_TEST_GIT_SSH_KNOWN_HOSTS"),
                    "password": Array("ssh-pass-e5f6".utf8),
                ]))
        do {
            _ = try await workspace.run(try GitJobs.job(sshSource)) { _ in .unchanged }
        } catch {
            errors.append(String(describing: error))
        }

        #expect(errors.count == 8, "every planted secret is wrong, so every run fails: \(errors)")
        let traced = log.all.map { ($0.arguments.joined(separator: " "), $0.description) }
        #expect(!traced.isEmpty)
        let key = String(decoding: try GitTestServer.file("FERRY_TEST_GIT_SSH_SIGNING_KEY"), as: UTF8.self)
        let keyLine = key.split(separator: "\n").dropFirst().first.map(String.init) ?? "unreachable"
        for secret in planted + [keyLine] {
            for text in errors { #expect(!text.contains(secret), "error leaks \(secret): \(text)") }
            for (arguments, description) in traced {
                #expect(!arguments.contains(secret), "arguments leak \(secret): \(arguments)")
                #expect(!description.contains(secret), "trace leaks \(secret): \(description)")
            }
        }
    }

    /// Processes whose command line mentions the text (children of this test process only matter,
    /// but any match is a leak).
    private func leftoverProcesses(mentioning text: String) throws -> [String] {
        var found: [String] = []
        for entry in try FileManager.default.contentsOfDirectory(atPath: "/proc") where entry.allSatisfy(\.isNumber) {
            guard let data = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline"), !data.isEmpty else { continue }
            let line = String(decoding: data.map { $0 == 0 ? 32 : $0 }, as: UTF8.self)
            if line.contains(text) && !line.contains("python3") { found.append(line) }
        }
        return found
    }
}
