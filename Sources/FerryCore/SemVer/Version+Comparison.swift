extension Version: Comparable, Hashable {
    /// Compares two versions by semver precedence, as Masterminds' `Compare`.
    ///
    /// - Returns: -1, 0 or 1.
    public func compare(to other: Version) -> Int {
        if major != other.major { return major < other.major ? -1 : 1 }
        if minor != other.minor { return minor < other.minor ? -1 : 1 }
        if patch != other.patch { return patch < other.patch ? -1 : 1 }
        switch (prerelease.isEmpty, other.prerelease.isEmpty) {
        case (true, true): return 0
        case (true, false): return 1
        case (false, true): return -1
        case (false, false): return Version.comparePrerelease(prerelease, other.prerelease)
        }
    }

    public static func < (lhs: Version, rhs: Version) -> Bool { lhs.compare(to: rhs) < 0 }

    public static func == (lhs: Version, rhs: Version) -> Bool { lhs.compare(to: rhs) == 0 }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(major)
        hasher.combine(minor)
        hasher.combine(patch)
        hasher.combine(prerelease.utf8.count)
        for byte in prerelease.utf8 { hasher.combine(byte) }
    }

    /// Compares dot-separated prerelease identifiers pairwise; a missing identifier ranks
    /// lowest, numeric identifiers compare as numbers and rank below alphanumeric ones, which
    /// compare byte-wise.
    static func comparePrerelease(_ lhs: Substring, _ rhs: Substring) -> Int {
        var left = lhs.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false).makeIterator()
        var right = rhs.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false).makeIterator()
        while true {
            let l = left.next()
            let r = right.next()
            switch (l, r) {
            case (nil, nil):
                return 0
            case (nil, .some):
                return -1
            case (.some, nil):
                return 1
            case let (.some(l), .some(r)):
                let order = compareIdentifier(l, r)
                if order != 0 { return order }
            }
        }
    }

    private static func compareIdentifier(_ lhs: Substring.UTF8View.SubSequence, _ rhs: Substring.UTF8View.SubSequence) -> Int {
        if lhs.elementsEqual(rhs) { return 0 }
        switch (unsignedValue(lhs), unsignedValue(rhs)) {
        case let (.some(l), .some(r)):
            return l > r ? 1 : -1
        case (.some, nil):
            return -1
        case (nil, .some):
            return 1
        case (nil, nil):
            return lhs.lexicographicallyPrecedes(rhs) ? -1 : 1
        }
    }

    /// The identifier as Go's `strconv.ParseUint(s, 10, 64)` reads it: digits only, fitting in
    /// 64 bits; `nil` otherwise (then it is compared as text).
    private static func unsignedValue(_ identifier: Substring.UTF8View.SubSequence) -> UInt64? {
        guard !identifier.isEmpty else { return nil }
        var value: UInt64 = 0
        for byte in identifier {
            guard byte.isASCIIDigit else { return nil }
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(UInt64(byte &- UInt8(ascii: "0")))
            if o1 || o2 { return nil }
            value = sum
        }
        return value
    }
}
