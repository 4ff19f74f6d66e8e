extension RegexParser {
    /// Go's guards against patterns whose trees or programs would be enormous: too many code points
    /// in classes, too large an estimated program, or too deep a tree.
    mutating func checkLimits(_ re: RegexNode) throws(GoRegexpError) {
        if runeCount > Self.maxRunes || Self.estimatedSize(re, force: true) > Self.maxSize {
            throw error(.expressionTooLarge, 0..<pattern.count, at: nil)
        }
        if nodeCount >= Self.maxHeight && Self.height(re, force: true) > Self.maxHeight {
            throw error(.nestingDepth, 0..<pattern.count, at: nil)
        }
    }

    /// The number of instructions `re` will compile to, pessimistically (Go's `calcSize`),
    /// memoized in the nodes.
    static func estimatedSize(_ re: RegexNode, force: Bool) -> Int {
        if !force && re.cachedSize >= 0 {
            return re.cachedSize
        }
        var size = 0
        switch re.op {
        case .literal:
            size = re.runes.count
        case .capture, .star:
            size = 2 + estimatedSize(re.subs[0], force: false)
        case .plus, .quest:
            size = 1 + estimatedSize(re.subs[0], force: false)
        case .concat:
            size = re.subs.reduce(0) { $0 + estimatedSize($1, force: false) }
        case .alternate:
            size = re.subs.reduce(0) { $0 + estimatedSize($1, force: false) } + Swift.max(0, re.subs.count - 1)
        case .repeat:
            let sub = estimatedSize(re.subs[0], force: false)
            if re.max == -1 {
                size = re.min == 0 ? 2 + sub : 1 + re.min * sub
            } else {
                size = re.max * sub + (re.max - re.min)
            }
        default:
            break
        }
        size = Swift.max(1, size)
        re.cachedSize = size
        return size
    }

    /// The height of the tree under `re`, memoized in the nodes.
    static func height(_ re: RegexNode, force: Bool) -> Int {
        if !force && re.cachedHeight >= 0 {
            return re.cachedHeight
        }
        let result = 1 + re.subs.reduce(0) { Swift.max($0, height($1, force: false)) }
        re.cachedHeight = result
        return result
    }
}
