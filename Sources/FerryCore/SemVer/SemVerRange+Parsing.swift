/// Parses range text into alternatives of comparators, reproducing the grammar and the quirks
/// of Masterminds/semver v3 `NewConstraint`:
///
/// 1. Hyphen ranges `A - B` (whitespace on both sides of `-`) are rewritten, left to right, to
///    `>= A, <= B ` by replacing the first occurrence of each matched text.
/// 2. The text is split on `||`.
/// 3. Each alternative must read `ws* OP ws* V ws* ((ws+ | ws* , ws*) OP ws* V ws*)*`, where
///    `OP` is one of `= != > < >= => <= =< ~ ~> ^` or nothing, `V` is
///    `v? X+ (.X+)? (.X+)? (-ID(.ID)*)? (+ID(.ID)*)?`, `X` is a digit, `x`, `X`, `*` or `|`, and
///    `ID` is `[0-9A-Za-z-]+`. Whitespace is Go's `\s`: space, tab, newline, form feed, return.
/// 4. Each `V` becomes a version: a wildcard or missing major gives `0.0.0`, a wildcard or
///    missing minor gives `M.0.0`, a wildcard or missing patch gives `M.m.0` (keeping a
///    prerelease, dropping a `v` and metadata); the result must parse as a lenient version.
enum SemVerRangeParser {
    static func parse(_ text: String) throws(SemVerRangeError) -> [[VersionConstraint]] {
        let bytes = Array(text.utf8)
        let rewritten = rewriteHyphenRanges(bytes)
        let unchanged = rewritten == bytes
        var alternatives: [[VersionConstraint]] = []
        var segmentStart = 0
        for segment in split(rewritten, on: [UInt8(ascii: "|"), UInt8(ascii: "|")]) {
            let offsetBase = unchanged ? segmentStart : nil
            alternatives.append(try parseAlternative(segment, range: text, offsetBase: offsetBase))
            segmentStart += segment.count + 2
        }
        return alternatives
    }

    // MARK: - Alternatives

    private static func parseAlternative(_ bytes: ArraySlice<UInt8>, range: String, offsetBase: Int?) throws(SemVerRangeError)
        -> [VersionConstraint]
    {
        var index = bytes.startIndex
        var constraints: [VersionConstraint] = []
        skipSpace(bytes, &index)
        while true {
            let itemStart = index
            let operatorText = readOperator(bytes, &index)
            skipSpace(bytes, &index)
            guard let parts = scanVersion(bytes, at: index) else {
                throw improper(bytes, range: range, at: itemStart, offsetBase: offsetBase)
            }
            index = parts.end
            constraints.append(try makeConstraint(operatorText, parts, bytes, range: range, offsetBase: offsetBase))
            let versionEnd = index
            skipSpace(bytes, &index)
            if index == bytes.endIndex { return constraints }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                skipSpace(bytes, &index)
            } else if index == versionEnd {
                throw improper(bytes, range: range, at: itemStart, offsetBase: offsetBase)
            }
        }
    }

    private static func makeConstraint(
        _ operatorText: String, _ parts: VersionParts, _ bytes: ArraySlice<UInt8>, range: String, offsetBase: Int?
    ) throws(SemVerRangeError) -> VersionConstraint {
        let major = text(bytes, parts.major)
        let minor = text(bytes, parts.minor)
        let patch = text(bytes, parts.patch)
        let prerelease = text(bytes, parts.prerelease)
        let written = text(bytes, parts.whole)
        var dirty = true
        var minorDirty = false
        var patchDirty = false
        let resolved: String
        if isWildcard(major) {
            resolved = "0.0.0" + prerelease
        } else if minor.isEmpty || isWildcard(minor.dropFirst()) {
            minorDirty = true
            resolved = major + ".0.0" + prerelease
        } else if patch.isEmpty || isWildcard(patch.dropFirst()) {
            patchDirty = true
            resolved = major + minor + ".0" + prerelease
        } else {
            dirty = false
            resolved = written
        }
        guard let version = Version(parsing: resolved) else {
            throw SemVerRangeError.invalidVersion(
                range: range, snippet: operatorText + written, offset: offsetBase.map { $0 + parts.whole.lowerBound - bytes.startIndex })
        }
        return VersionConstraint(
            operatorText: operatorText,
            versionText: written,
            operation: operation(for: operatorText),
            version: version,
            dirty: dirty,
            minorDirty: minorDirty,
            patchDirty: patchDirty
        )
    }

    private static func improper(_ bytes: ArraySlice<UInt8>, range: String, at start: Int, offsetBase: Int?) -> SemVerRangeError {
        var end = start
        while end < bytes.endIndex, !isSpace(bytes[end]) { end += 1 }
        return SemVerRangeError.improperConstraint(
            range: range,
            segment: String(decoding: bytes, as: UTF8.self),
            snippet: String(decoding: bytes[start..<end], as: UTF8.self),
            offset: offsetBase.map { $0 + start - bytes.startIndex }
        )
    }

    private static func operation(for operatorText: String) -> VersionConstraint.Operation {
        switch operatorText {
        case "!=": return .notEqual
        case ">": return .greater
        case "<": return .less
        case ">=", "=>": return .greaterOrEqual
        case "<=", "=<": return .lessOrEqual
        case "~", "~>": return .tilde
        case "^": return .caret
        default: return .equal
        }
    }

    private static func readOperator(_ bytes: ArraySlice<UInt8>, _ index: inout Int) -> String {
        for candidate in ["!=", ">=", "=>", "<=", "=<", "~>", ">", "<", "=", "~", "^"] where starts(bytes, at: index, with: candidate) {
            index += candidate.utf8.count
            return candidate
        }
        return ""
    }

    // MARK: - Versions inside ranges

    /// Byte ranges of the parts of one `V`: `major` excludes the `v`; `minor` and `patch`
    /// include their leading `.`; `prerelease` includes its `-`.
    struct VersionParts {
        var whole: Range<Int>
        var major: Range<Int>
        var minor: Range<Int>
        var patch: Range<Int>
        var prerelease: Range<Int>
        var end: Int { whole.upperBound }
    }

    /// Scans `V` greedily at `start`; `nil` when there is no version there.
    static func scanVersion(_ bytes: ArraySlice<UInt8>, at start: Int) -> VersionParts? {
        var index = start
        if index < bytes.endIndex, bytes[index] == UInt8(ascii: "v") { index += 1 }
        let majorStart = index
        while index < bytes.endIndex, isWildcardDigit(bytes[index]) { index += 1 }
        guard index > majorStart else { return nil }
        let major = majorStart..<index
        let minor = dottedPart(bytes, &index)
        let patch = minor.isEmpty ? index..<index : dottedPart(bytes, &index)
        let prerelease = identifiers(after: UInt8(ascii: "-"), bytes, &index)
        _ = identifiers(after: UInt8(ascii: "+"), bytes, &index)
        return VersionParts(whole: start..<index, major: major, minor: minor, patch: patch, prerelease: prerelease)
    }

    private static func dottedPart(_ bytes: ArraySlice<UInt8>, _ index: inout Int) -> Range<Int> {
        let start = index
        guard index + 1 < bytes.endIndex, bytes[index] == UInt8(ascii: "."), isWildcardDigit(bytes[index + 1]) else { return index..<index }
        index += 1
        while index < bytes.endIndex, isWildcardDigit(bytes[index]) { index += 1 }
        return start..<index
    }

    private static func identifiers(after marker: UInt8, _ bytes: ArraySlice<UInt8>, _ index: inout Int) -> Range<Int> {
        let start = index
        guard index + 1 < bytes.endIndex, bytes[index] == marker, bytes[index + 1].isIdentifierByte else { return index..<index }
        index += 1
        while true {
            while index < bytes.endIndex, bytes[index].isIdentifierByte { index += 1 }
            guard index + 1 < bytes.endIndex, bytes[index] == UInt8(ascii: "."), bytes[index + 1].isIdentifierByte else { break }
            index += 1
        }
        return start..<index
    }

    // MARK: - Hyphen ranges

    /// Rewrites every `A - B` (leftmost first, non-overlapping) to `>= A, <= B `.
    static func rewriteHyphenRanges(_ bytes: [UInt8]) -> [UInt8] {
        var output = bytes
        var searchFrom = 0
        while let found = nextHyphenRange(bytes, from: searchFrom) {
            let replacement = Array(">= ".utf8) + bytes[found.low] + Array(", <= ".utf8) + bytes[found.high] + [UInt8(ascii: " ")]
            replaceFirst(Array(bytes[found.match]), with: replacement, in: &output)
            searchFrom = found.match.upperBound
        }
        return output
    }

    private static func nextHyphenRange(_ bytes: [UInt8], from position: Int) -> (match: Range<Int>, low: Range<Int>, high: Range<Int>)? {
        let slice = bytes[...]
        var start = position
        while start < bytes.count {
            var index = start
            skipSpace(slice, &index)
            if let low = scanVersion(slice, at: index) {
                index = low.end
                let spaceBefore = index
                skipSpace(slice, &index)
                if index > spaceBefore, index < bytes.count, bytes[index] == UInt8(ascii: "-") {
                    index += 1
                    let spaceAfter = index
                    skipSpace(slice, &index)
                    if index > spaceAfter, let high = scanVersion(slice, at: index) {
                        index = high.end
                        skipSpace(slice, &index)
                        return (start..<index, low.whole, high.whole)
                    }
                }
            }
            start += 1
        }
        return nil
    }

    private static func replaceFirst(_ needle: [UInt8], with replacement: [UInt8], in haystack: inout [UInt8]) {
        guard !needle.isEmpty, needle.count <= haystack.count else { return }
        for start in 0...(haystack.count - needle.count) where haystack[start..<(start + needle.count)].elementsEqual(needle) {
            haystack.replaceSubrange(start..<(start + needle.count), with: replacement)
            return
        }
    }

    // MARK: - Bytes

    private static func split(_ bytes: [UInt8], on separator: [UInt8]) -> [ArraySlice<UInt8>] {
        var parts: [ArraySlice<UInt8>] = []
        var start = 0
        var index = 0
        while index + separator.count <= bytes.count {
            if bytes[index..<(index + separator.count)].elementsEqual(separator) {
                parts.append(bytes[start..<index])
                index += separator.count
                start = index
            } else {
                index += 1
            }
        }
        parts.append(bytes[start...])
        return parts
    }

    private static func starts(_ bytes: ArraySlice<UInt8>, at index: Int, with prefix: String) -> Bool {
        var position = index
        for byte in prefix.utf8 {
            guard position < bytes.endIndex, bytes[position] == byte else { return false }
            position += 1
        }
        return true
    }

    private static func skipSpace(_ bytes: ArraySlice<UInt8>, _ index: inout Int) {
        while index < bytes.endIndex, isSpace(bytes[index]) { index += 1 }
    }

    /// Go's `\s`: `[\t\n\f\r ]`.
    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D
    }

    /// The characters Masterminds allows in a range's version numbers: `[0-9|xX*]`.
    private static func isWildcardDigit(_ byte: UInt8) -> Bool {
        byte.isASCIIDigit || byte == UInt8(ascii: "x") || byte == UInt8(ascii: "X") || byte == UInt8(ascii: "*") || byte == UInt8(ascii: "|")
    }

    private static func isWildcard<S: StringProtocol>(_ part: S) -> Bool {
        part == "x" || part == "X" || part == "*"
    }

    private static func text(_ bytes: ArraySlice<UInt8>, _ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }
}
