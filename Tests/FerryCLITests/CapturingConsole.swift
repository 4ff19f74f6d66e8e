import FerryCLI
import Synchronization

extension Console {
    /// A console that reads the given input and records what is written, for tests.
    ///
    /// - Parameters:
    ///   - stdin: What standard input holds.
    ///   - files: Files by path.
    /// - Returns: The console and the recorder of its output.
    static func capturing(stdin: String = "", files: [String: String] = [:]) -> (Console, CapturedOutput) {
        let output = CapturedOutput()
        let console = Console(
            writeOutput: { output.append(stdout: $0) },
            writeError: { output.append(stderr: $0) },
            readInput: { () throws(ConsoleError) in Array(stdin.utf8) },
            readFile: { path throws(ConsoleError) in
                guard let text = files[path] else { throw ConsoleError(path: path, reason: "No such file or directory") }
                return Array(text.utf8)
            },
            inputIsTerminal: false
        )
        return (console, output)
    }
}

/// What a capturing console received.
final class CapturedOutput: Sendable {
    private let state = Mutex<(stdout: String, stderr: String)>(("", ""))

    /// Everything written to standard output.
    var stdout: String { state.withLock { $0.stdout } }
    /// Everything written to standard error.
    var stderr: String { state.withLock { $0.stderr } }

    func append(stdout text: String) { state.withLock { $0.stdout += text } }
    func append(stderr text: String) { state.withLock { $0.stderr += text } }
}
