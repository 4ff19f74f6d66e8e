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
        let result: Result<[String], CommandFailure> = bytes.withUnsafeBufferPointer { buffer in
            let ascii = buffer.allSatisfy { $0 < 0x80 }
            var tags: [String] = []
            tags.reserveCapacity(buffer.count / 12)
            var lineNumber = 0
            var lineStart = 0
            while lineStart < buffer.count {
                lineNumber += 1
                var lineEnd = lineStart
                while lineEnd < buffer.count, buffer[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
                var first = lineStart
                var last = lineEnd
                while first < last, isBlank(buffer[first]) { first += 1 }
                while last > first, isBlank(buffer[last - 1]) { last -= 1 }
                lineStart = lineEnd + 1
                guard first < last, buffer[first] != UInt8(ascii: "#") else { continue }
                let line = UnsafeBufferPointer(rebasing: buffer[first..<last])
                let tag = String(decoding: line, as: UTF8.self)
                // Decoding repairs invalid UTF-8 with U+FFFD; a repaired line differs from its bytes.
                if !ascii, !tag.utf8.elementsEqual(line) {
                    return .failure(CommandFailure(.invalidInput, "\(source), line \(lineNumber): not valid UTF-8"))
                }
                tags.append(tag)
            }
            return .success(tags)
        }
        return try result.get()
    }

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
    }
}
