#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a command reads its input and writes its output. Commands use ``current``; tests run
/// commands inside `Console.$current.withValue(…)` with a ``Console/capturing(stdin:)`` console.
public struct Console: Sendable {
    /// Writes bytes to standard output.
    public var writeOutput: @Sendable (String) -> Void
    /// Writes bytes to standard error.
    public var writeError: @Sendable (String) -> Void
    /// Reads all of standard input.
    public var readInput: @Sendable () throws(ConsoleError) -> [UInt8]
    /// Reads a whole file.
    public var readFile: @Sendable (String) throws(ConsoleError) -> [UInt8]
    /// Whether standard input is a terminal (so reading it waits for the user).
    public var inputIsTerminal: Bool

    /// Creates a console from its parts.
    public init(
        writeOutput: @escaping @Sendable (String) -> Void,
        writeError: @escaping @Sendable (String) -> Void,
        readInput: @escaping @Sendable () throws(ConsoleError) -> [UInt8],
        readFile: @escaping @Sendable (String) throws(ConsoleError) -> [UInt8],
        inputIsTerminal: Bool
    ) {
        self.writeOutput = writeOutput
        self.writeError = writeError
        self.readInput = readInput
        self.readFile = readFile
        self.inputIsTerminal = inputIsTerminal
    }

    /// The console commands use: the process's own streams unless a test sets another.
    @TaskLocal public static var current = Console.process

    /// The process's standard streams and file system.
    public static let process = Console(
        writeOutput: { text in writeAll(1, text) },
        writeError: { text in writeAll(2, text) },
        readInput: { () throws(ConsoleError) in try readAll(descriptor: 0, name: "standard input") },
        readFile: { path throws(ConsoleError) in
            let descriptor = open(path, O_RDONLY)
            guard descriptor >= 0 else { throw ConsoleError(path: path, errno: errno) }
            defer { close(descriptor) }
            return try readAll(descriptor: descriptor, name: path)
        },
        inputIsTerminal: isatty(0) == 1
    )

    /// Writes a line to standard output.
    public func print(_ line: String) { writeOutput(line + "\n") }

    /// Writes a line to standard error.
    public func printError(_ line: String) { writeError(line + "\n") }

    private static func writeAll(_ descriptor: Int32, _ text: String) {
        var text = text
        text.withUTF8 { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return
                }
                offset += written
            }
        }
    }

    /// Reads until end of file, sizing the buffer from `fstat` for regular files.
    private static func readAll(descriptor: Int32, name: String) throws(ConsoleError) -> [UInt8] {
        var info = stat()
        let size = fstat(descriptor, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG ? Int(info.st_size) : 0
        var bytes: [UInt8] = []
        var capacity = max(size + 1, 1 << 16)
        while true {
            var failure: Int32?
            var atEnd = false
            // Read straight into uninitialized capacity: no zeroing of a buffer about to be overwritten.
            let chunk = [UInt8](unsafeUninitializedCapacity: capacity - bytes.count) { buffer, filled in
                filled = 0
                while filled < buffer.count {
                    let count = read(descriptor, buffer.baseAddress.map { $0 + filled }, buffer.count - filled)
                    if count > 0 {
                        filled += count
                    } else if count == 0 {
                        atEnd = true
                        return
                    } else if errno != EINTR {
                        failure = errno
                        return
                    }
                }
            }
            if let failure { throw ConsoleError(path: name, errno: failure) }
            if bytes.isEmpty { bytes = chunk } else { bytes += chunk }
            if atEnd { return bytes }
            capacity *= 2
        }
    }
}

/// A file or stream that cannot be read.
public struct ConsoleError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file (or `standard input`).
    public let path: String
    /// The system's reason.
    public let reason: String

    init(path: String, errno code: Int32) {
        self.path = path
        if let message = strerror(code) {
            reason = String(cString: message)
        } else {
            reason = "error \(code)"
        }
    }

    /// A console error with an explicit reason.
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "cannot read \(path): \(reason)" }
}
