public import FerryCore

/// Reads the history of a local clone (a working tree an automation pass handed over): the
/// commits that touched a path, the files a commit changed and a file's bytes at a commit.
/// Only local `git` commands, no network, no credentials.
///
/// ```swift
/// let history = GitLocalHistory(directory: tree.path)
/// for commit in try await history.commits(touching: "apps", limit: 200) { … }
/// ```
public struct GitLocalHistory: Sendable {
    /// One commit of `git log`.
    public struct Commit: Sendable, Hashable {
        /// The full hash.
        public var hash: String
        /// The parents' hashes (none for a root commit, two or more for a merge).
        public var parents: [String]
        /// The author's name.
        public var authorName: String
        /// The author's email.
        public var authorEmail: String
        /// The first line of the message.
        public var subject: String
        /// The whole message.
        public var message: String
    }

    /// The working tree.
    public let directory: String
    let runner: CommandRunner
    let timeout: Duration

    /// Reads the clone at `directory` (absolute).
    public init(directory: String, timeout: Duration = .seconds(60)) {
        self.directory = directory
        self.timeout = timeout
        runner = CommandRunner(
            environment: [
                "PATH": GitCommandLineWorkspace.inheritedPath, "HOME": directory, "GIT_CONFIG_NOSYSTEM": "1", "LC_ALL": "C",
                "GIT_TERMINAL_PROMPT": "0",
            ], redaction: GitRedaction(secrets: []))
    }

    /// The commits reachable from `HEAD` that touched `path` (`nil` or `.`: any), newest first.
    public func commits(touching path: String?, limit: Int) async throws -> [Commit] {
        var arguments = ["log", "--format=%H%x1f%P%x1f%an%x1f%ae%x1f%s%x1f%B%x1e", "-n", String(limit), "HEAD"]
        if let path, !path.isEmpty, path != "." { arguments += ["--", path] }
        let output = try await git(arguments, operation: "reading the history of \(directory)")
        return output.split(separator: "\u{1e}").compactMap { record in
            let fields = record.trimmingCharacters(inNewlines: true).split(separator: "\u{1f}", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 6, !fields[0].isEmpty else { return nil }
            return Commit(
                hash: fields[0], parents: fields[1].split(separator: " ").map(String.init), authorName: fields[2], authorEmail: fields[3], subject: fields[4], message: fields[5])
        }
    }

    /// The paths (relative to the repository root) a commit changed against its first parent.
    public func changedFiles(_ commit: Commit) async throws -> [String] {
        let output = try await git(
            ["diff-tree", "--no-commit-id", "--name-only", "-r", "-z", "--root", commit.hash], operation: "listing the files of commit \(commit.hash)")
        return output.split(separator: "\0").map(String.init).filter { !$0.isEmpty }
    }

    /// The bytes of `path` at `revision`, or `nil` when it is not there.
    public func file(_ path: String, at revision: String) async throws -> [UInt8]? {
        let output = try await runner.run(
            "git", ["show", "\(revision):\(path)"], in: directory, timeout: timeout, operation: "reading \(path) at \(revision)")
        guard output.succeeded else { return nil }
        return Array(output.standardOutput.utf8)
    }

    private func git(_ arguments: [String], operation: String) async throws -> String {
        let output = try await runner.run("git", arguments, in: directory, timeout: timeout, operation: operation)
        guard output.succeeded else {
            throw GitError(code: .commandFailed, description: "\(operation): git \(arguments.first ?? "") failed: \(output.standardError.trimmingSuffixNewlines)")
        }
        return output.standardOutput
    }
}

extension Substring {
    fileprivate func trimmingCharacters(inNewlines: Bool) -> Substring {
        var text = self
        while let first = text.first, first.isNewline { text = text.dropFirst() }
        while let last = text.last, last.isNewline { text = text.dropLast() }
        return text
    }
}
