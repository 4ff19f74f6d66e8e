/// A repository's tags, stored compactly: their UTF-8 bytes back to back and where each ends.
///
/// A list of 100,000 tags is two allocations instead of one string each, and selection reads
/// the bytes directly; a `String` is made only for a tag that is asked for.
///
/// ```swift
/// let tags = try TagList(lines: Array("1.0.0\n# a comment\n 1.1.0 \n".utf8))
/// tags.count  // 2
/// tags[1]     // "1.1.0"
/// ```
public struct TagList: Sendable, Hashable, RandomAccessCollection {
    /// The UTF-8 the tags are stored in (for a list read from lines, the text itself).
    private var storage: [UInt8] = []
    /// For each tag, where its bytes start in ``storage``.
    private var starts: [UInt32] = []
    /// For each tag, the offset in ``storage`` just past its last byte.
    private var ends: [UInt32] = []

    /// An empty list.
    public init() {}

    /// A list holding `tags`, in order.
    /// - Parameter tags: The tags.
    public init(_ tags: some Sequence<String>) {
        for tag in tags { append(tag) }
    }

    /// Reads a list of tags, one a line, as `ferry policy select` takes it: spaces, tabs and
    /// carriage returns around a tag are removed, and empty lines and lines starting with `#`
    /// are skipped.
    ///
    /// - Parameter bytes: The text, in UTF-8.
    /// - Throws: ``TagListError`` naming the first line that is not valid UTF-8.
    public init(lines bytes: [UInt8]) throws(TagListError) {
        guard bytes.count < Int(UInt32.max) else { preconditionFailure("invariant: a tag list holds less than 4 GiB of tags") }
        storage = bytes
        // Every tag takes at least one byte and a newline, so this many slots always suffice;
        // the pages past those written are never touched.
        let capacity = (bytes.count + 1) / 2 + 1
        var invalidLine: Int?
        var tagCount = 0
        let starts = [UInt32](unsafeUninitializedCapacity: capacity) { starts, startCount in
            ends = [UInt32](unsafeUninitializedCapacity: capacity) { ends, endCount in
                bytes.withUnsafeBufferPointer { buffer in
                    guard let base = buffer.baseAddress else { return }
                    let ascii = UTF8Validation.isASCII(buffer)
                    var lineNumber = 0
                    var lineStart = 0
                    let count = buffer.count
                    while lineStart < count {
                        lineNumber += 1
                        let lineEnd = Self.nextNewline(base, from: lineStart, count: count)
                        var first = lineStart
                        var last = lineEnd
                        while first < last, Self.isBlank(base[first]) { first += 1 }
                        while last > first, Self.isBlank(base[last - 1]) { last -= 1 }
                        lineStart = lineEnd + 1
                        guard first < last, base[first] != UInt8(ascii: "#") else { continue }
                        if !ascii, !UTF8Validation.isValid(UnsafeBufferPointer(rebasing: buffer[first..<last])) {
                            invalidLine = lineNumber
                            return
                        }
                        starts[tagCount] = UInt32(truncatingIfNeeded: first)
                        ends[tagCount] = UInt32(truncatingIfNeeded: last)
                        tagCount += 1
                    }
                }
                endCount = tagCount
            }
            startCount = tagCount
        }
        self.starts = starts
        if let invalidLine { throw TagListError(line: invalidLine) }
    }

    /// The tags one a line, each ending in `\n`: the form ``init(lines:)`` reads back.
    public var lineBytes: [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(storage.count + count)
        withTagBytes { (tags: TagBytes) in
            for index in indices {
                bytes.append(contentsOf: tags[index])
                bytes.append(UInt8(ascii: "\n"))
            }
        }
        return bytes
    }

    /// Adds a tag at the end.
    /// - Parameter tag: The tag.
    public mutating func append(_ tag: String) {
        var tag = tag
        tag.withUTF8 { append(bytes: $0) }
    }

    /// Adds a tag given as valid UTF-8.
    mutating func append(bytes: UnsafeBufferPointer<UInt8>) {
        let start = storage.count
        storage.append(contentsOf: bytes)
        guard let end = UInt32(exactly: storage.count) else {
            preconditionFailure("invariant: a tag list holds less than 4 GiB of tags")
        }
        starts.append(UInt32(truncatingIfNeeded: start))
        ends.append(end)
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { ends.count }

    /// The tag at `position`.
    public subscript(position: Int) -> String {
        storage.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[range(of: position)]), as: UTF8.self) }
    }

    /// Two lists are equal when they hold the same tags in the same order.
    public static func == (lhs: TagList, rhs: TagList) -> Bool {
        guard lhs.count == rhs.count else { return false }
        return lhs.withTagBytes { (left: TagBytes) in
            rhs.withTagBytes { (right: TagBytes) in lhs.indices.allSatisfy { left[$0].elementsEqual(right[$0]) } }
        }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        withTagBytes { (bytes: TagBytes) in
            for index in indices {
                hasher.combine(bytes[index].count)
                hasher.combine(bytes: UnsafeRawBufferPointer(bytes[index]))
            }
        }
    }

    /// The byte range of the tag at `position` in ``storage``.
    @inline(__always)
    private func range(of position: Int) -> Range<Int> {
        Int(starts[position])..<Int(ends[position])
    }

    /// The length in bytes of the tag at `position`.
    @inline(__always)
    func utf8Count(at position: Int) -> Int {
        Int(ends[position] &- starts[position])
    }

    /// Calls `body` with a reader of every tag's bytes.
    func withTagBytes<R, E: Error>(_ body: (TagBytes) throws(E) -> R) throws(E) -> R {
        let result: Result<R, E> = storage.withUnsafeBufferPointer { buffer in
            starts.withUnsafeBufferPointer { starts in
                ends.withUnsafeBufferPointer { ends in
                    Result { () throws(E) -> R in try body(TagBytes(storage: buffer, starts: starts, ends: ends)) }
                }
            }
        }
        return try result.get()
    }

    /// The offset of the first `\n` at or after `start`, or `count`; eight bytes at a time.
    @inline(__always)
    private static func nextNewline(_ base: UnsafePointer<UInt8>, from start: Int, count: Int) -> Int {
        let raw = UnsafeRawPointer(base)
        var index = start
        while index + 8 <= count {
            let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) ^ 0x0A0A_0A0A_0A0A_0A0A
            let zero = (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080
            if zero != 0 { return index + (zero.littleEndian.trailingZeroBitCount >> 3) }
            index += 8
        }
        while index < count, base[index] != UInt8(ascii: "\n") { index += 1 }
        return index
    }

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
    }
}

/// Borrowed access to the bytes of each tag of a ``TagList``; valid only inside
/// ``TagList/withTagBytes(_:)``.
struct TagBytes {
    let storage: UnsafeBufferPointer<UInt8>
    let starts: UnsafeBufferPointer<UInt32>
    let ends: UnsafeBufferPointer<UInt32>

    /// The UTF-8 of the tag at `position`.
    @inline(__always)
    subscript(position: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: storage[Int(starts[position])..<Int(ends[position])])
    }
}

/// A tag list whose text is not valid UTF-8.
public struct TagListError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The first line (from 1) that is not valid UTF-8.
    public let line: Int

    public var description: String { "line \(line): not valid UTF-8" }
}

/// UTF-8 validation by the Unicode standard's rules (no overlong forms, no surrogates,
/// nothing above U+10FFFF), as Swift's decoder applies them.
enum UTF8Validation {
    /// Whether every byte is below 0x80, eight at a time.
    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        var index = 0
        var seen: UInt64 = 0
        while index + 8 <= bytes.count {
            seen |= raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            index += 8
        }
        while index < bytes.count {
            seen |= UInt64(base[index])
            index += 1
        }
        return seen & 0x8080_8080_8080_8080 == 0
    }

    static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            let length: Int
            var lower: UInt8 = 0x80
            var upper: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; lower = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; upper = 0x9F
            case 0xF0: length = 4; lower = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; upper = 0x8F
            default: return false
            }
            guard index + length <= bytes.count else { return false }
            guard bytes[index + 1] >= lower, bytes[index + 1] <= upper else { return false }
            for offset in 2..<length where bytes[index + offset] & 0xC0 != 0x80 { return false }
            index += length
        }
        return true
    }
}
