/// Turns a failed git command into a ``GitError``: the kind from what git and ssh printed, the
/// message from the operation and the (already scrubbed) standard error.
enum GitFailure {
    /// Classifies a failed command.
    static func classify(_ output: CommandOutput, operation: String) -> GitError {
        let text = output.standardError
        let lowered = text.lowercased()
        let code: GitError.Code
        let lead: String
        let hostKeyProblems = ["host key verification failed", "remote host identification has changed", "host key is known", "no matching host key"]
        if containsAny(lowered, hostKeyProblems) {
            code = .hostKeyRejected
            lead = "the SSH host key of the server is not the one known_hosts holds (host key checking is strict)"
        } else if containsAny(lowered, [
            "authentication failed", "could not read username", "could not read password", "permission denied (publickey",
            "access denied", "invalid username or password", "the requested url returned error: 401", "the requested url returned error: 403",
            "incorrect passphrase", "load key", "invalid format",
        ]) {
            code = .authenticationFailed
            lead = "the server refused the credentials"
        } else if containsAny(lowered, ["couldn't find remote ref", "not our ref", "unknown revision", "invalid reference", "bad revision"]) {
            code = .referenceNotFound
            lead = "the reference does not exist"
        } else if containsAny(lowered, [
            "repository not found", "does not appear to be a git repository", "the requested url returned error: 404", "no such repository",
            "not a git repository", "repository '",
        ]) {
            code = .repositoryNotFound
            lead = "there is no repository at that address"
        } else if containsAny(lowered, [
            "connection refused", "could not resolve host", "failed to connect", "unable to connect", "connection timed out",
            "network is unreachable", "no route to host", "connection reset", "ssl", "certificate", "empty reply from server",
            "unable to access", "connection closed", "the remote end hung up", "could not read from remote repository",
        ]) {
            code = .connectionFailed
            lead = "the server could not be reached"
        } else if containsAny(lowered, ["gpg failed to sign", "failed to write commit object", "signing failed", "ssh-keygen"]) {
            code = .signingFailed
            lead = "the commit could not be signed"
        } else {
            code = .commandFailed
            lead = "git exited with status \(output.status)"
        }
        var shown = text
        if code == .hostKeyRejected {
            // OpenSSH's banner is mostly decoration; keep the lines that say which key and why.
            let keep = text.split(whereSeparator: \.isNewline).filter {
                let line = $0.lowercased()
                return !line.hasPrefix("@") && (line.contains("host key") || line.contains("fingerprint") || line.contains("sha256:")
                    || line.contains("offending") || line.contains("no ") && line.contains("key"))
            }
            if !keep.isEmpty { shown = keep.joined(separator: "\n") }
        }
        return GitError(code: code, description: "\(operation) failed: \(lead): \(summary(of: shown, status: output.status))")
    }

    /// The lines of standard error worth showing (no blank lines, no hints), joined with "; ".
    static func summary(of text: String, status: Int32) -> String {
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingPrefix(" ") }.filter {
            !$0.isEmpty && !$0.hasPrefix("hint:")
        }
        if lines.isEmpty { return "no message (exit status \(status))" }
        return lines.prefix(8).joined(separator: "; ")
    }

    private static func containsAny(_ text: String, _ needles: [String]) -> Bool {
        needles.contains { text.contains($0) }
    }
}
