/// UTF-8 decoding with Go's `unicode/utf8` rules: anything that is not the shortest encoding of a
/// scalar value (overlong forms, surrogates, values past U+10FFFF, truncated or broken sequences)
/// decodes as U+FFFD with width 1, so every byte of any input belongs to exactly one rune.
enum UTF8Decoder {
    /// The replacement character invalid bytes decode to.
    static let replacement = 0xFFFD

    /// The rune starting at `index` and its width in bytes; `index` must be below `end`.
    @inline(__always)
    static func decode(_ bytes: UnsafePointer<UInt8>, at index: Int, end: Int) -> (rune: Int, width: Int) {
        let b0 = Int(bytes[index])
        if b0 < 0x80 {
            return (b0, 1)
        }
        return decodeMultibyte(bytes, at: index, end: end, lead: b0)
    }

    private static func decodeMultibyte(_ bytes: UnsafePointer<UInt8>, at index: Int, end: Int, lead: Int) -> (rune: Int, width: Int) {
        let invalid = (replacement, 1)
        let available = end - index
        switch lead {
        case 0xC2...0xDF:
            guard available >= 2, let b1 = continuation(bytes[index + 1], 0x80...0xBF) else { return invalid }
            return ((lead & 0x1F) << 6 | b1, 2)
        case 0xE0...0xEF:
            let secondRange: ClosedRange<Int> = lead == 0xE0 ? 0xA0...0xBF : (lead == 0xED ? 0x80...0x9F : 0x80...0xBF)
            guard available >= 3, let b1 = continuation(bytes[index + 1], secondRange),
                let b2 = continuation(bytes[index + 2], 0x80...0xBF)
            else { return invalid }
            return ((lead & 0x0F) << 12 | b1 << 6 | b2, 3)
        case 0xF0...0xF4:
            let secondRange: ClosedRange<Int> = lead == 0xF0 ? 0x90...0xBF : (lead == 0xF4 ? 0x80...0x8F : 0x80...0xBF)
            guard available >= 4, let b1 = continuation(bytes[index + 1], secondRange),
                let b2 = continuation(bytes[index + 2], 0x80...0xBF), let b3 = continuation(bytes[index + 3], 0x80...0xBF)
            else { return invalid }
            return ((lead & 0x07) << 18 | b1 << 12 | b2 << 6 | b3, 4)
        default:
            return invalid
        }
    }

    /// The payload bits of `byte` when it lies in `range`.
    @inline(__always)
    private static func continuation(_ byte: UInt8, _ range: ClosedRange<Int>) -> Int? {
        let value = Int(byte)
        return range.contains(value) ? value & 0x3F : nil
    }

    /// Decodes `bytes[index...]` held in an array.
    static func decode(_ bytes: [UInt8], at index: Int) -> (rune: Int, width: Int) {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else {
                preconditionFailure("invariant: decode is only called below the end of a non-empty buffer")
            }
            return decode(base, at: index, end: buffer.count)
        }
    }

    /// The UTF-8 encoding of `rune` (which must be a scalar value or U+FFFD).
    static func encode(_ rune: Int) -> [UInt8] {
        guard let scalar = Unicode.Scalar(UInt32(rune)) else { return [0xEF, 0xBF, 0xBD] }
        var bytes: [UInt8] = []
        UTF8.encode(scalar) { bytes.append($0) }
        return bytes
    }
}
