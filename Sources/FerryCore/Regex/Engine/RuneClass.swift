/// A character class laid out for matching: a bitmap for ASCII and sorted ranges for the rest.
struct RuneClass: Sendable {
    private var asciiLow: UInt64 = 0
    private var asciiHigh: UInt64 = 0
    /// Inclusive ranges above ASCII as flat `lo, hi` pairs, sorted and disjoint.
    private var wideRanges: [UInt32] = []

    /// A class holding the clean ranges `ranges` (flat `lo, hi` pairs).
    init(ranges: [Int]) {
        for index in stride(from: 0, to: ranges.count, by: 2) {
            let lo = ranges[index]
            let hi = ranges[index + 1]
            if lo < 0x80 {
                for rune in lo...Swift.min(hi, 0x7F) {
                    if rune < 64 { asciiLow |= 1 << UInt64(rune) } else { asciiHigh |= 1 << UInt64(rune - 64) }
                }
            }
            if hi >= 0x80 {
                wideRanges.append(UInt32(Swift.max(lo, 0x80)))
                wideRanges.append(UInt32(hi))
            }
        }
    }

    /// Whether the class holds the ASCII code point `rune` (below 0x80).
    @inline(__always)
    func containsASCII(_ rune: Int) -> Bool {
        rune < 64 ? asciiLow & (1 << UInt64(rune)) != 0 : asciiHigh & (1 << UInt64(rune - 64)) != 0
    }

    /// Whether the class holds `rune`.
    @inline(__always)
    func contains(_ rune: Int) -> Bool {
        if rune < 0x80 {
            return containsASCII(rune)
        }
        return containsWide(UInt32(rune))
    }

    private func containsWide(_ rune: UInt32) -> Bool {
        var low = 0
        var high = wideRanges.count / 2
        while low < high {
            let middle = (low + high) / 2
            if rune < wideRanges[2 * middle] {
                high = middle
            } else if rune > wideRanges[2 * middle + 1] {
                low = middle + 1
            } else {
                return true
            }
        }
        return false
    }

    /// Adds the bytes a rune of this class can start with (every byte from 0x80 for non-ASCII members).
    func addFirstBytes(to set: inout ByteSet) {
        for byte in 0..<0x80 where containsASCII(byte) {
            set.insert(UInt8(byte))
        }
        if !wideRanges.isEmpty {
            for byte in 0x80...0xFF {
                set.insert(UInt8(byte))
            }
        }
    }
}

/// A set of byte values.
struct ByteSet: Sendable {
    private var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    mutating func insert(_ byte: UInt8) {
        let bit = UInt64(1) << UInt64(byte & 63)
        switch byte >> 6 {
        case 0: words.0 |= bit
        case 1: words.1 |= bit
        case 2: words.2 |= bit
        default: words.3 |= bit
        }
    }

    /// Adds the first byte of the UTF-8 encoding of `rune` (or of its invalid-byte stand-ins).
    mutating func insert(firstByteOf rune: Int) {
        if rune == UTF8Decoder.replacement {
            for byte in 0x80...0xFF {
                insert(UInt8(byte))
            }
        } else if let first = UTF8Decoder.encode(rune).first {
            insert(first)
        }
    }

    /// Adds every byte except `excluded`.
    mutating func insertAll(except excluded: UInt8) {
        for byte in 0...0xFF where byte != Int(excluded) {
            insert(UInt8(byte))
        }
    }

    @inline(__always)
    func contains(_ byte: UInt8) -> Bool {
        let bit = UInt64(1) << UInt64(byte & 63)
        switch byte >> 6 {
        case 0: return words.0 & bit != 0
        case 1: return words.1 & bit != 0
        case 2: return words.2 & bit != 0
        default: return words.3 & bit != 0
        }
    }

    /// Whether every byte is in the set (then it filters nothing).
    var isFull: Bool {
        words.0 == .max && words.1 == .max && words.2 == .max && words.3 == .max
    }
}
