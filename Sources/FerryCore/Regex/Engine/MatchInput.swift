/// The subject of one match call: UTF-8 bytes, read the way Go's matchers read them.
struct MatchInput {
    let bytes: UnsafePointer<UInt8>
    let count: Int
    /// Where the search starts; assertions still see the bytes before it (Go's `pos`).
    var start = 0

    /// The rune at `position` and its width; `(-1, 0)` at the end of the text.
    @inline(__always)
    func rune(at position: Int) -> (rune: Int, width: Int) {
        guard position < count else { return (-1, 0) }
        let byte = bytes[position]
        if byte < 0x80 {
            return (Int(byte), 1)
        }
        return UTF8Decoder.decode(bytes, at: position, end: count)
    }

    /// The byte before `position` as assertions see it: -1 at the start, 0x80 for any non-ASCII byte.
    @inline(__always)
    func contextBefore(_ position: Int) -> Int {
        guard position > 0 else { return -1 }
        let byte = bytes[position - 1]
        return byte < 0x80 ? Int(byte) : 0x80
    }

    /// The byte at `position` as assertions see it: -1 at the end, 0x80 for any non-ASCII byte.
    @inline(__always)
    func contextAfter(_ position: Int) -> Int {
        guard position < count else { return -1 }
        let byte = bytes[position]
        return byte < 0x80 ? Int(byte) : 0x80
    }

    /// Whether the text begins with `needle`.
    @inline(__always)
    func hasPrefix(_ needle: [UInt8]) -> Bool {
        guard needle.count <= count else { return false }
        for index in needle.indices where bytes[index] != needle[index] { return false }
        return true
    }

    /// The offset of the first occurrence of `needle` at or after `position`, if any.
    func index(of needle: [UInt8], from position: Int) -> Int? {
        guard let first = needle.first, needle.count <= count else { return needle.isEmpty ? position : nil }
        var candidate = position
        let last = count - needle.count
        while candidate <= last {
            if bytes[candidate] == first {
                var matched = 1
                while matched < needle.count && bytes[candidate + matched] == needle[matched] {
                    matched += 1
                }
                if matched == needle.count { return candidate }
            }
            candidate += 1
        }
        return nil
    }

    /// The first start position at or after `position` (stepping rune by rune, as Go does) whose
    /// byte is in `firstBytes`; `nil` when there is none. ASCII bytes are always rune starts, so
    /// they are skipped one at a time; other runes are skipped by their decoded width.
    @inline(__always)
    func nextCandidate(from position: Int, firstBytes: ByteSet) -> Int? {
        var candidate = position
        while candidate < count {
            let byte = bytes[candidate]
            if firstBytes.contains(byte) {
                return candidate
            }
            candidate += byte < 0x80 ? 1 : UTF8Decoder.decode(bytes, at: candidate, end: count).width
        }
        return nil
    }
}
