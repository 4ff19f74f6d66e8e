extension Version {
    /// Parses a version leniently, as Masterminds/semver v3 `NewVersion` does.
    ///
    /// Accepted: `1.2.3`, `v1.2.3`, `1.2`, `1`, `01.02.03`, `1.2.3-rc.1+build.5`, `1.2-beta`.
    /// Rejected: `V1.2.3`, `1.2.3.4`, `1.2.beta`, numbers that do not fit in 64 bits,
    /// prerelease identifiers that are numeric with a leading zero (`1.0.0-rc.01`), empty
    /// identifiers (`1.0.0-a..b`), and any surrounding whitespace.
    ///
    /// - Parameter text: The version text.
    /// - Returns: `nil` when the text is not a version.
    public init?(parsing text: String) {
        guard let version = VersionScanner.scan(text) else { return nil }
        self = version
    }

    /// Parses a tag as Flux's tag parser (`fluxcd/pkg/version.ParseVersion`) does before a
    /// SemVer policy considers it: the tag must contain at least two dots (it must split into
    /// three parts on `.`), and then parse leniently.
    ///
    /// So `1.2.3`, `v1.2.3` and `1.2-rc.1` are versions, while `1.2`, `v1` and `1.2.3.4` are not.
    ///
    /// - Parameter tag: The image tag.
    /// - Returns: `nil` when the tag is not a version candidate.
    public init?(fluxTag tag: String) {
        var dots = 0
        for byte in tag.utf8 where byte == UInt8(ascii: ".") {
            dots += 1
            if dots == 2 { break }
        }
        guard dots == 2, let version = VersionScanner.scan(tag) else { return nil }
        self = version
    }
}

extension Version {
    /// A quick test on a tag's UTF-8 that rules out most tags ``init(fluxTag:)`` would reject,
    /// without making a string: it needs exactly two dots among its first parts and must start
    /// with `v` or a digit. A tag it accepts may still be rejected.
    static func mayBeFluxTag(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = bytes.first, first == UInt8(ascii: "v") || first.isASCIIDigit else { return false }
        var dots = 0
        for byte in bytes where byte == UInt8(ascii: ".") {
            dots += 1
            if dots == 2 { return true }
        }
        return false
    }
}

/// The lenient version grammar: `v? N (.N)? (.N)? (-ID(.ID)*)? (+ID(.ID)*)?`, where `N` is one
/// or more ASCII digits and `ID` one or more of `[0-9A-Za-z-]`, matched against the whole text.
enum VersionScanner {
    static func scan(_ text: String) -> Version? {
        var contiguous = text
        return contiguous.withUTF8 { bytes in scan(bytes, original: text) }
    }

    private static func scan(_ bytes: UnsafeBufferPointer<UInt8>, original: String) -> Version? {
        let end = bytes.count
        var index = 0
        if index < end, bytes[index] == UInt8(ascii: "v") { index += 1 }

        guard let major = number(bytes, &index) else { return nil }
        var minor: UInt64 = 0
        var patch: UInt64 = 0
        if index < end, bytes[index] == UInt8(ascii: "."), index + 1 < end, bytes[index + 1].isASCIIDigit {
            index += 1
            guard let value = number(bytes, &index) else { return nil }
            minor = value
            if index < end, bytes[index] == UInt8(ascii: "."), index + 1 < end, bytes[index + 1].isASCIIDigit {
                index += 1
                guard let value = number(bytes, &index) else { return nil }
                patch = value
            }
        }

        var preRange = 0..<0
        if index < end, bytes[index] == UInt8(ascii: "-") {
            let start = index + 1
            guard let after = identifiers(bytes, from: start, rejectLeadingZeros: true) else { return nil }
            preRange = start..<after
            index = after
        }
        var metaRange = 0..<0
        if index < end, bytes[index] == UInt8(ascii: "+") {
            let start = index + 1
            guard let after = identifiers(bytes, from: start, rejectLeadingZeros: false) else { return nil }
            metaRange = start..<after
            index = after
        }
        guard index == end else { return nil }

        return Version(
            major: major,
            minor: minor,
            patch: patch,
            prerelease: substring(original, preRange),
            metadata: substring(original, metaRange),
            original: original
        )
    }

    /// Reads one or more digits as a 64-bit unsigned number; `nil` on no digits or overflow.
    private static func number(_ bytes: UnsafeBufferPointer<UInt8>, _ index: inout Int) -> UInt64? {
        let start = index
        var value: UInt64 = 0
        var overflow = false
        while index < bytes.count, bytes[index].isASCIIDigit {
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(UInt64(bytes[index] &- UInt8(ascii: "0")))
            overflow = overflow || o1 || o2
            value = sum
            index += 1
        }
        guard index > start, !overflow else { return nil }
        return value
    }

    /// Reads `ID(.ID)*` from `start`; returns the offset after it, or `nil` when an identifier
    /// is empty, or (for prereleases) numeric with a leading zero.
    private static func identifiers(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, rejectLeadingZeros: Bool) -> Int? {
        var index = start
        while true {
            let identifierStart = index
            var allDigits = true
            while index < bytes.count, bytes[index].isIdentifierByte {
                allDigits = allDigits && bytes[index].isASCIIDigit
                index += 1
            }
            let length = index - identifierStart
            guard length > 0 else { return nil }
            if rejectLeadingZeros, allDigits, length > 1, bytes[identifierStart] == UInt8(ascii: "0") { return nil }
            guard index < bytes.count, bytes[index] == UInt8(ascii: ".") else { return index }
            index += 1
        }
    }

    private static func substring(_ text: String, _ range: Range<Int>) -> Substring {
        guard !range.isEmpty else { return text[text.endIndex...] }
        let utf8 = text.utf8
        let lower = utf8.index(utf8.startIndex, offsetBy: range.lowerBound)
        let upper = utf8.index(lower, offsetBy: range.count)
        return text[lower..<upper]
    }
}

extension UInt8 {
    var isASCIIDigit: Bool { self >= UInt8(ascii: "0") && self <= UInt8(ascii: "9") }

    /// `[0-9A-Za-z-]`, the characters of prerelease and metadata identifiers.
    var isIdentifierByte: Bool {
        isASCIIDigit || (self >= UInt8(ascii: "a") && self <= UInt8(ascii: "z")) || (self >= UInt8(ascii: "A") && self <= UInt8(ascii: "Z"))
            || self == UInt8(ascii: "-")
    }
}
