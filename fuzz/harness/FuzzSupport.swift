// Shared by every harness: reading libFuzzer's input and failing loudly when a property does not hold.
// Each harness is compiled with this file into its own executable (scripts/fuzz); libFuzzer supplies `main`.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The input libFuzzer hands to `LLVMFuzzerTestOneInput`, as bytes.
struct FuzzInput {
    let bytes: [UInt8]

    init(_ start: UnsafeRawPointer?, _ count: Int) {
        guard let start, count > 0 else {
            bytes = []
            return
        }
        bytes = Array(UnsafeRawBufferPointer(start: start, count: count))
    }

    /// The input as text (invalid UTF-8 becomes U+FFFD, as it would coming off the wire).
    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// The input split at the first `count - 1` newlines into `count` parts (missing parts are empty).
    func fields(_ count: Int) -> [[UInt8]] {
        var parts: [[UInt8]] = []
        var rest = bytes[...]
        while parts.count < count - 1, let newline = rest.firstIndex(of: 0x0A) {
            parts.append(Array(rest[..<newline]))
            rest = rest[(newline + 1)...]
        }
        parts.append(Array(rest))
        while parts.count < count { parts.append([]) }
        return parts
    }

    /// The input split at every newline.
    var lines: [String] {
        bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
    }
}

/// Stops the run with a message when a property does not hold: libFuzzer records an abort as a crash and keeps the
/// input (`crash-…`), which is what a broken property is.
func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String, file: StaticString = #fileID, line: UInt = #line) {
    guard !condition() else { return }
    let text = "fuzz property failed (\(file):\(line)): \(message())\n"
    var bytes = Array(text.utf8)
    _ = bytes.withUnsafeMutableBytes { write(2, $0.baseAddress, $0.count) }
    abort()
}

/// A short, printable rendering of a value for property messages.
func show(_ value: some Any) -> String {
    let text = String(reflecting: value)
    return text.count > 300 ? String(text.prefix(300)) + "…" : text
}
