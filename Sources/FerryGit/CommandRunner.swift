import FerryCore
import Subprocess
import SystemPackage

/// What one command printed and how it ended.
struct CommandOutput: Sendable {
    /// The exit code, or 128 + signal for a process ended by a signal.
    var status: Int32
    /// Standard output.
    var standardOutput: String
    /// Standard error, already scrubbed of secrets.
    var standardError: String

    var succeeded: Bool { status == 0 }
}

/// Runs `git` and its helpers (gpg, ssh-keygen) through swift-subprocess: an argument array,
/// never a shell; a private environment; bounded output; a time limit; and a process group of
/// its own, so that a timeout or a cancelled task ends the child and whatever it started
/// (ssh, git-remote-http).
struct CommandRunner: Sendable {
    /// The complete environment of every child (nothing is inherited).
    var environment: [String: String]
    /// Scrubs secrets from everything that is reported.
    var redaction: GitRedaction
    /// Receives every command that ran (for diagnostics and tests).
    var trace: (@Sendable (GitTraceEvent) -> Void)?

    /// Most bytes read from a child's standard output.
    static let outputLimit = 32 * 1024 * 1024
    /// Most bytes read from a child's standard error.
    static let errorLimit = 1024 * 1024

    /// Runs a command and returns its output whatever its exit status.
    ///
    /// - Parameters:
    ///   - executable: A program name looked up in `PATH`, or an absolute path.
    ///   - arguments: The arguments.
    ///   - directory: The working directory, or `nil` for the current one.
    ///   - extraEnvironment: Variables added for this command only (credentials, signing).
    ///   - input: Bytes written to standard input, or `nil` for none.
    ///   - timeout: The most the command may take; it is then killed.
    ///   - operation: What the command does, for messages (`fetching refs/heads/main from https://…`).
    /// - Throws: ``GitError`` when the command could not start, printed more than the limits, or timed out.
    func run(
        _ executable: String, _ arguments: [String], in directory: String? = nil, extraEnvironment: [String: String] = [:],
        input: [UInt8]? = nil, timeout: Duration, operation: String
    ) async throws -> CommandOutput {
        var variables: [Environment.Key: String] = [:]
        for (key, value) in environment { variables[Environment.Key(stringLiteral: key)] = value }
        for (key, value) in extraEnvironment { variables[Environment.Key(stringLiteral: key)] = value }
        var options = PlatformOptions()
        options.processGroupID = 0
        options.teardownSequence = [.gracefulShutDown(toProcessGroup: true, allowedDurationToNextStep: .milliseconds(300))]
        let configuration = Configuration(
            executable: executable.hasPrefix("/") ? .path(FilePath(executable)) : .name(executable),
            arguments: Arguments(arguments),
            environment: .custom(variables),
            workingDirectory: directory.map { FilePath($0) },
            platformOptions: options
        )
        let clock = ContinuousClock()
        let started = clock.now
        let result: CommandOutput
        do {
            result = try await withThrowingTaskGroup(of: CommandOutput?.self) { group in
                group.addTask {
                    // Both streams are read as they come, into buffers that grow with what was printed: a
                    // `.string(limit:)` capture reserves its whole limit up front (33 MiB a command), which under
                    // concurrent automations made the heap spike by 100+ MB and kept RSS high after.
                    let execution = try await Subprocess.run(configuration, input: .array(input ?? []), output: .sequence, error: .sequence) {
                        execution in
                        async let output = Self.collect(execution.standardOutput, limit: Self.outputLimit, executable: executable, operation: operation)
                        async let error = Self.collect(execution.standardError, limit: Self.errorLimit, executable: executable, operation: operation)
                        return try await (output, error)
                    }
                    let status: Int32
                    switch execution.terminationStatus {
                    case .exited(let code): status = code
                    case .signaled(let signal): status = 128 + signal
                    }
                    return CommandOutput(
                        status: status,
                        standardOutput: String(decoding: execution.closureResult.0, as: UTF8.self),
                        standardError: redaction.apply(String(decoding: execution.closureResult.1, as: UTF8.self))
                    )
                }
                group.addTask {
                    try await Task.sleep(for: timeout)
                    return nil
                }
                guard let first = try await group.next() else { preconditionFailure("invariant: the group has two tasks") }
                group.cancelAll()
                guard let output = first else { throw GitError.timedOut(operation: operation, after: timeout) }
                return output
            }
        } catch let error as GitError {
            trace?(GitTraceEvent(executable: executable, arguments: arguments, status: nil, standardError: error.description,
                                 duration: clock.now - started))
            throw error
        } catch let error as SubprocessError {
            let message: String
            if error.code == .outputLimitExceeded {
                message = "\(operation): \(executable) printed more than the adapter reads; stopped"
            } else if error.code == .executableNotFound {
                message = "\(operation): \(executable) was not found in PATH; install it"
            } else {
                message = "\(operation): could not run \(executable): \(redaction.apply(String(describing: error)))"
            }
            throw GitError.local(message)
        }
        trace?(GitTraceEvent(executable: executable, arguments: arguments, status: result.status, standardError: result.standardError,
                             duration: clock.now - started))
        return result
    }

    /// What a stream printed, at most `limit` bytes.
    /// - Throws: ``GitError`` when it printed more.
    private static func collect(_ stream: SubprocessOutputSequence, limit: Int, executable: String, operation: String) async throws -> [UInt8] {
        var bytes: [UInt8] = []
        for try await buffer in stream {
            guard bytes.count + buffer.count <= limit else {
                throw GitError.local("\(operation): \(executable) printed more than the adapter reads; stopped")
            }
            buffer.withUnsafeBytes { bytes.append(contentsOf: $0) }
        }
        return bytes
    }
}

/// One command the adapter ran, as reported to ``GitCommandLineWorkspace/Configuration/trace``.
/// Arguments never hold secrets (those travel in the environment or on standard input), and
/// standard error is scrubbed.
public struct GitTraceEvent: Sendable, CustomStringConvertible {
    /// The program.
    public var executable: String
    /// Its arguments.
    public var arguments: [String]
    /// The exit status; `nil` when it timed out.
    public var status: Int32?
    /// What it printed on standard error (scrubbed), or the timeout message.
    public var standardError: String
    /// How long it ran.
    public var duration: Duration

    /// `git fetch … → 0 (0.12 s)`.
    public var description: String {
        let status = self.status.map(String.init) ?? "timed out"
        return "\(([executable] + arguments).joined(separator: " ")) → \(status)" + (standardError.isEmpty ? "" : ": \(standardError)")
    }
}
