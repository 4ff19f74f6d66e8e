/// Reads a list of tags, one a line: surrounding spaces, tabs and carriage returns are
/// removed, and empty lines and lines starting with `#` are skipped.
enum TagListReader {
    /// Splits the input into tags.
    ///
    /// - Parameters:
    ///   - bytes: The input.
    ///   - source: A name for the input in messages (a path or `standard input`).
    /// - Throws: ``CommandFailure`` (invalid input) when a line is not valid UTF-8.
    static func tags(from bytes: [UInt8], source: String) throws(CommandFailure) -> [String] {
        var tags: [String] = []
        tags.reserveCapacity(bytes.count / 12)
        var lineNumber = 0
        var lineStart = 0
        while lineStart < bytes.count {
            lineNumber += 1
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
            var first = lineStart
            var last = lineEnd
            while first < last, isBlank(bytes[first]) { first += 1 }
            while last > first, isBlank(bytes[last - 1]) { last -= 1 }
            if first < last, bytes[first] != UInt8(ascii: "#") {
                guard let tag = String(validating: bytes[first..<last], as: UTF8.self) else {
                    throw CommandFailure(.invalidInput, "\(source), line \(lineNumber): not valid UTF-8")
                }
                tags.append(tag)
            }
            lineStart = lineEnd + 1
        }
        return tags
    }

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
    }
}
