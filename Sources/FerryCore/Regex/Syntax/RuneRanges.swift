/// Operations on character classes held as flat arrays of inclusive `lo, hi` code point pairs.
///
/// A class is *clean* when its pairs are sorted, disjoint and not adjacent; the append functions
/// may leave a class unclean and `cleaned` restores the invariant.
enum RuneRanges {
    /// Adds `lo...hi`, widening one of the last two ranges instead when they overlap or touch.
    static func append(_ ranges: inout [Int], _ lo: Int, _ hi: Int) {
        let count = ranges.count
        for back in [2, 4] where count >= back {
            let rangeLo = ranges[count - back]
            let rangeHi = ranges[count - back + 1]
            if lo <= rangeHi + 1 && rangeLo <= hi + 1 {
                ranges[count - back] = Swift.min(rangeLo, lo)
                ranges[count - back + 1] = Swift.max(rangeHi, hi)
                return
            }
        }
        ranges.append(lo)
        ranges.append(hi)
    }

    /// Adds `lo...hi` and every code point case-fold-equivalent to one of them.
    static func appendFolded(_ ranges: inout [Int], _ lo: Int, _ hi: Int) {
        append(&ranges, lo, hi)
        UnicodeData.forEachFoldPartner(in: lo, hi) { append(&ranges, $0, $0) }
    }

    /// Adds every range of `other`.
    static func append(_ ranges: inout [Int], class other: [Int]) {
        for index in stride(from: 0, to: other.count, by: 2) {
            append(&ranges, other[index], other[index + 1])
        }
    }

    /// Adds every range of `other` with its case folding partners.
    static func appendFolded(_ ranges: inout [Int], class other: [Int]) {
        for index in stride(from: 0, to: other.count, by: 2) {
            appendFolded(&ranges, other[index], other[index + 1])
        }
    }

    /// Adds the complement of the clean class `other`.
    static func appendNegated(_ ranges: inout [Int], class other: [Int]) {
        var nextLo = 0
        for index in stride(from: 0, to: other.count, by: 2) {
            if nextLo <= other[index] - 1 {
                append(&ranges, nextLo, other[index] - 1)
            }
            nextLo = other[index + 1] + 1
        }
        if nextLo <= UnicodeData.maxRune {
            append(&ranges, nextLo, UnicodeData.maxRune)
        }
    }

    /// The class sorted by low end (longer first on ties) with overlapping and adjacent ranges merged.
    static func cleaned(_ ranges: [Int]) -> [Int] {
        guard ranges.count > 2 else { return ranges }
        var pairs: [(lo: Int, hi: Int)] = []
        pairs.reserveCapacity(ranges.count / 2)
        for index in stride(from: 0, to: ranges.count, by: 2) {
            pairs.append((ranges[index], ranges[index + 1]))
        }
        pairs.sort { $0.lo < $1.lo || ($0.lo == $1.lo && $0.hi > $1.hi) }
        var result: [Int] = [pairs[0].lo, pairs[0].hi]
        for pair in pairs.dropFirst() {
            if pair.lo <= result[result.count - 1] + 1 {
                result[result.count - 1] = Swift.max(result[result.count - 1], pair.hi)
            } else {
                result.append(pair.lo)
                result.append(pair.hi)
            }
        }
        return result
    }

    /// The complement of the clean class `ranges` within `0...0x10FFFF`.
    static func negated(_ ranges: [Int]) -> [Int] {
        var result: [Int] = []
        appendNegated(&result, class: ranges)
        return result
    }

    /// Whether the clean class `ranges` holds `rune`.
    static func contains(_ ranges: [Int], _ rune: Int) -> Bool {
        var low = 0
        var high = ranges.count / 2
        while low < high {
            let middle = (low + high) / 2
            if rune < ranges[2 * middle] {
                high = middle
            } else if rune > ranges[2 * middle + 1] {
                low = middle + 1
            } else {
                return true
            }
        }
        return false
    }
}
