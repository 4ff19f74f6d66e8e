/// Unicode facts the Go-compatible parser needs: simple case folding orbits and the code point
/// sets behind `\p{Name}`. The data lives in generated extensions
/// (`scripts/generate-unicode-scripts.py`); this file holds the lookups.
enum UnicodeData {
    /// The largest code point.
    static let maxRune = 0x10FFFF

    /// The smallest and largest code points whose simple case folding orbit has several members.
    static let foldBounds: ClosedRange<Int> = {
        guard let first = caseOrbitPairs.first, caseOrbitPairs.count >= 2 else {
            preconditionFailure("invariant: the generated case orbit table is not empty")
        }
        return Int(first)...Int(caseOrbitPairs[caseOrbitPairs.count - 2])
    }()

    /// Go's `unicode.SimpleFold`: the next code point after `rune` in its case folding orbit,
    /// wrapping around to the smallest; `rune` itself when it folds to nothing else.
    static func simpleFold(_ rune: Int) -> Int {
        guard let index = orbitIndex(rune) else { return rune }
        return Int(caseOrbitPairs[2 * index + 1])
    }

    /// The smallest code point in the case folding orbit of `rune`.
    static func minimumFold(_ rune: Int) -> Int {
        var smallest = rune
        var next = simpleFold(rune)
        while next != rune {
            smallest = Swift.min(smallest, next)
            next = simpleFold(next)
        }
        return smallest
    }

    /// The position of `rune` among the orbit table's keys, if it has one.
    private static func orbitIndex(_ rune: Int) -> Int? {
        guard foldBounds.contains(rune) else { return nil }
        var low = 0
        var high = caseOrbitPairs.count / 2
        while low < high {
            let middle = (low + high) / 2
            let key = Int(caseOrbitPairs[2 * middle])
            if key == rune { return middle }
            if key < rune { low = middle + 1 } else { high = middle }
        }
        return nil
    }

    /// Calls `body` with every member of every orbit that has a member in `lo...hi`.
    static func forEachFoldPartner(in lo: Int, _ hi: Int, _ body: (Int) -> Void) {
        guard lo <= foldBounds.upperBound, hi >= foldBounds.lowerBound else { return }
        var low = 0
        var high = caseOrbitPairs.count / 2
        while low < high {
            let middle = (low + high) / 2
            if Int(caseOrbitPairs[2 * middle]) < lo { low = middle + 1 } else { high = middle }
        }
        var index = low
        while index < caseOrbitPairs.count / 2, Int(caseOrbitPairs[2 * index]) <= hi {
            let start = Int(caseOrbitPairs[2 * index])
            var member = Int(caseOrbitPairs[2 * index + 1])
            while member != start {
                body(member)
                member = simpleFold(member)
            }
            index += 1
        }
    }

    /// Ranges (flat `lo, hi` pairs) of generated table entry `index` of `ranges`, `starts`.
    static func ranges(_ index: Int, starts: [Int32], ranges: [UInt32]) -> [Int] {
        let from = Int(starts[index]) * 2
        let to = Int(starts[index + 1]) * 2
        return ranges[from..<to].map { Int($0) }
    }
}
