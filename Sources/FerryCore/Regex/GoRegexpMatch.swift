/// Where a ``GoRegexp`` matched: byte ranges in the subject's UTF-8 for the whole match (group 0)
/// and for each capture group, `nil` for groups that did not take part in the match. A group
/// inside a repetition reports its last iteration, as in Go.
public struct GoRegexpMatch: Sendable, Hashable {
    /// Go's `FindStringSubmatchIndex` result: start and end offsets per group, -1 for groups that
    /// did not take part.
    public let offsets: [Int]

    /// A match with Go's flat offsets (`2 × (groups + 1)` entries).
    /// - Parameter offsets: Start and end offset of the match and of each group, -1 when unset.
    public init(offsets: [Int]) {
        self.offsets = offsets
    }

    /// The byte range of the whole match.
    public var range: Range<Int> {
        offsets[0]..<offsets[1]
    }

    /// The number of capture groups of the expression that matched.
    public var numberOfGroups: Int {
        offsets.count / 2 - 1
    }

    /// The byte range of group `group` (0 is the whole match); `nil` when it did not take part or
    /// does not exist.
    public subscript(group: Int) -> Range<Int>? {
        guard group >= 0, 2 * group + 1 < offsets.count, offsets[2 * group] >= 0 else { return nil }
        return offsets[2 * group]..<offsets[2 * group + 1]
    }

    /// The text of group `group` in `subject`, the string that was matched.
    /// - Parameters:
    ///   - group: The group number (0 is the whole match).
    ///   - subject: The string the match was found in.
    public subscript(group: Int, in subject: String) -> Substring? {
        guard let range = self[group] else { return nil }
        let utf8 = subject.utf8
        let start = utf8.index(utf8.startIndex, offsetBy: range.lowerBound)
        let end = utf8.index(start, offsetBy: range.count)
        return Substring(utf8[start..<end])
    }

    /// The bytes of group `group` in `subject`, the bytes that were matched.
    /// - Parameters:
    ///   - group: The group number (0 is the whole match).
    ///   - subject: The bytes the match was found in.
    public subscript(group: Int, in subject: [UInt8]) -> ArraySlice<UInt8>? {
        guard let range = self[group] else { return nil }
        return subject[range]
    }
}
