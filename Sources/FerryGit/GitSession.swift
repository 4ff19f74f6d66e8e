import FerryCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The private surroundings of one automation pass: a 0700 directory holding `HOME`, the
/// helper scripts and any key file, and the environment every child gets. Nothing of the
/// user's or the system's Git, SSH or GnuPG configuration is read.
///
/// Credentials reach the children through environment variables that only the helper scripts
/// read (never through arguments, so never in a process listing); files are written only where
/// a tool needs one (SSH identity, client key, CA), with mode 0600, and go with the directory.
struct GitSession: Sendable {
    /// The session directory.
    let root: String
    /// The runner with the session environment.
    let runner: CommandRunner
    /// The remote URL as git is given it (no password in it).
    let remoteURL: String
    /// The time limit of network operations.
    let networkTimeout: Duration
    /// The time limit of local operations.
    let localTimeout: Duration

    /// Sets up a session for a job.
    static func create(
        for job: GitAutomationJob, temporaryRoot: String, basePath: String, localTimeout: Duration,
        trace: (@Sendable (GitTraceEvent) -> Void)?
    ) throws(GitError) -> GitSession {
        let root = try LocalFiles.makeTemporaryDirectory(in: temporaryRoot, prefix: "ferry-git-")
        do {
            return try build(job: job, root: root, basePath: basePath, localTimeout: localTimeout, trace: trace)
        } catch {
            LocalFiles.removeTree(root)
            throw error
        }
    }

    private static func build(
        job: GitAutomationJob, root: String, basePath: String, localTimeout: Duration, trace: (@Sendable (GitTraceEvent) -> Void)?
    ) throws(GitError) -> GitSession {
        let source = job.source
        let auth = source.authentication
        let home = "\(root)/home"
        try LocalFiles.makeDirectories(home)
        try LocalFiles.writeFile("\(root)/credential-helper", text: credentialHelperScript, mode: 0o700)
        try LocalFiles.writeFile("\(root)/askpass", text: askpassScript, mode: 0o700)

        var environment: [String: String] = [
            "PATH": basePath,
            "HOME": home,
            "XDG_CONFIG_HOME": "\(home)/.config",
            "LC_ALL": "C",
            "LANG": "C",
            "TMPDIR": root,
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_CONFIG_GLOBAL": "/dev/null",
            "GIT_TERMINAL_PROMPT": "0",
            "GIT_ASKPASS": "\(root)/askpass",
            "SSH_ASKPASS": "\(root)/askpass",
            "SSH_ASKPASS_REQUIRE": "force",
            "GNUPGHOME": "\(root)/gnupg",
            // Never discover a repository above the session directory (commands in a clone name it with GIT_DIR).
            "GIT_CEILING_DIRECTORIES": LocalFiles.parent(of: root),
        ]
        var config: [(String, String)] = [
            ("core.hooksPath", "/dev/null"),
            ("core.fsmonitor", "false"),
            ("init.defaultBranch", "master"),
            ("advice.detachedHead", "false"),
            ("gc.autoDetach", "false"),
            ("maintenance.auto", "false"),
            ("fetch.recurseSubmodules", "false"),
            ("protocol.file.allow", "always"),
            ("credential.interactive", "never"),
        ]
        var remoteURL = source.url.withoutCredentials
        if source.url.scheme == "file" { remoteURL = source.url.path }

        if source.url.isHTTP {
            if !auth.bearerToken.isEmpty {
                config.append(("http.extraHeader", "Authorization: Bearer \(auth.bearerToken)"))
            } else if !auth.username.isEmpty {
                config.append(("credential.helper", "\(root)/credential-helper"))
                environment["FERRY_GIT_USERNAME"] = auth.username
                environment["FERRY_GIT_PASSWORD"] = auth.password
            }
            if !auth.caCertificate.isEmpty {
                try LocalFiles.writeFile("\(root)/ca.crt", contents: auth.caCertificate, mode: 0o600)
                config.append(("http.sslCAInfo", "\(root)/ca.crt"))
            }
            if !auth.clientCertificate.isEmpty && !auth.clientKey.isEmpty {
                try LocalFiles.writeFile("\(root)/tls.crt", contents: auth.clientCertificate, mode: 0o600)
                try LocalFiles.writeFile("\(root)/tls.key", contents: auth.clientKey, mode: 0o600)
                config.append(("http.sslCert", "\(root)/tls.crt"))
                config.append(("http.sslKey", "\(root)/tls.key"))
            }
            if let proxy = source.proxy {
                config.append(("http.proxy", proxyURL(proxy)))
            }
        }
        if source.url.isSSH {
            remoteURL = source.url.withUser(auth.username)
            var identity = auth.sshIdentity
            if identity.last != UInt8(ascii: "\n") { identity.append(UInt8(ascii: "\n")) }
            try LocalFiles.writeFile("\(root)/identity", contents: identity, mode: 0o600)
            try LocalFiles.writeFile("\(root)/known_hosts", contents: auth.sshKnownHosts, mode: 0o600)
            var ssh = [
                "ssh", "-F", "/dev/null", "-i", quoted("\(root)/identity"), "-o", "IdentitiesOnly=yes",
                "-o", quoted("UserKnownHostsFile=\(root)/known_hosts"), "-o", "GlobalKnownHostsFile=/dev/null",
                "-o", "StrictHostKeyChecking=yes", "-o", "UpdateHostKeys=no", "-o", "PasswordAuthentication=no",
                "-o", "KbdInteractiveAuthentication=no", "-o", "ConnectTimeout=\(max(1, Int(source.timeout.components.seconds)))",
            ]
            if auth.password.isEmpty {
                ssh += ["-o", "BatchMode=yes"]
            } else {
                ssh += ["-o", "NumberOfPasswordPrompts=1"]
                environment["FERRY_GIT_ASKPASS_VALUE"] = auth.password
            }
            environment["GIT_SSH_COMMAND"] = ssh.joined(separator: " ")
            environment["GIT_SSH_VARIANT"] = "ssh"
        }
        environment["GIT_CONFIG_COUNT"] = String(config.count)
        for (index, entry) in config.enumerated() {
            environment["GIT_CONFIG_KEY_\(index)"] = entry.0
            environment["GIT_CONFIG_VALUE_\(index)"] = entry.1
        }
        let runner = CommandRunner(environment: environment, redaction: GitRedaction(secrets: job.secrets), trace: trace)
        return GitSession(root: root, runner: runner, remoteURL: remoteURL, networkTimeout: source.timeout, localTimeout: localTimeout)
    }

    /// Removes the session directory and everything in it (keys included).
    func close() {
        LocalFiles.removeTree(root)
    }

    /// Scrubs a text of the job's secrets and URL credentials.
    func redact(_ text: String) -> String { runner.redaction.apply(text) }

    /// `git <arguments>`; returns the output whatever the status.
    ///
    /// In a clone (any `directory` other than the session's own), git is told the repository
    /// explicitly (`GIT_DIR`, `GIT_WORK_TREE`), so it can never act on a repository that happens
    /// to enclose the directory.
    func git(
        _ arguments: [String], in directory: String?, network: Bool = false, extraEnvironment: [String: String] = [:],
        input: [UInt8]? = nil, operation: String
    ) async throws -> CommandOutput {
        var environment = extraEnvironment
        if let directory, directory != root {
            precondition(directory.hasPrefix("/"), "invariant: clone directories are absolute")
            environment["GIT_DIR"] = "\(directory)/.git"
            environment["GIT_WORK_TREE"] = directory
        }
        return try await runner.run(
            "git", arguments, in: directory, extraEnvironment: environment, input: input,
            timeout: network ? networkTimeout : localTimeout, operation: operation
        )
    }

    /// `git <arguments>` that must succeed; a failure becomes a classified ``GitError``.
    @discardableResult
    func gitChecked(
        _ arguments: [String], in directory: String?, network: Bool = false, extraEnvironment: [String: String] = [:],
        input: [UInt8]? = nil, operation: String
    ) async throws -> String {
        let output = try await git(arguments, in: directory, network: network, extraEnvironment: extraEnvironment, input: input, operation: operation)
        guard output.succeeded else { throw GitFailure.classify(output, operation: operation) }
        return output.standardOutput
    }

    /// Reads a `git` answer from a credential helper's `get`: from the environment only, never stored.
    private static let credentialHelperScript = """
        #!/bin/sh
        # Ferry's git credential helper: answers "get" from variables Ferry set; stores nothing.
        [ "$1" = get ] || exit 0
        while IFS= read -r line && [ -n "$line" ]; do :; done
        printf 'username=%s\\npassword=%s\\n' "$FERRY_GIT_USERNAME" "$FERRY_GIT_PASSWORD"

        """

    /// Answers an askpass prompt (an SSH key passphrase) from the environment, or refuses.
    private static let askpassScript = """
        #!/bin/sh
        # Ferry's askpass: answers only when Ferry set a value for this command; never prompts.
        [ -n "${FERRY_GIT_ASKPASS_VALUE+set}" ] || exit 1
        printf '%s\\n' "$FERRY_GIT_ASKPASS_VALUE"

        """

    private static func proxyURL(_ proxy: GitProxy) -> String {
        guard !proxy.username.isEmpty, let separator = proxy.address.firstRange(of: "://") else { return proxy.address }
        var userinfo = GitURL.percentEncodedUser(proxy.username)
        if !proxy.password.isEmpty { userinfo += ":" + GitURL.percentEncodedUser(proxy.password) }
        return String(proxy.address[..<separator.upperBound]) + userinfo + "@" + String(proxy.address[separator.upperBound...])
    }

    /// Single-quotes a word for the shell git runs `GIT_SSH_COMMAND` with.
    private static func quoted(_ word: String) -> String {
        "'" + word.replacing("'", with: "'\\''") + "'"
    }
}
