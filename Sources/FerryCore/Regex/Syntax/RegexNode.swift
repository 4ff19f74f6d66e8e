/// The operators of a parsed expression, in Go's `regexp/syntax` order: the parser compares them
/// (a character class is "more complex" than a literal) and everything from `leftParen` on only
/// lives on the parse stack.
enum RegexOp: UInt8, Comparable {
    case noMatch = 1
    case emptyMatch
    case literal
    case charClass
    case anyCharNotNL
    case anyChar
    case beginLine
    case endLine
    case beginText
    case endText
    case wordBoundary
    case noWordBoundary
    case capture
    case star
    case plus
    case quest
    case `repeat`
    case concat
    case alternate
    case leftParen = 128
    case verticalBar

    static func < (lhs: RegexOp, rhs: RegexOp) -> Bool {
        lhs.rawValue < rhs.rawValue
    }

    /// Whether this is a parse-stack marker rather than an expression.
    var isPseudo: Bool {
        self >= .leftParen
    }
}

/// Parse flags, with Go's bit values.
struct ParseFlags: OptionSet, Hashable {
    let rawValue: UInt16

    static let foldCase = ParseFlags(rawValue: 1 << 0)
    static let literal = ParseFlags(rawValue: 1 << 1)
    static let classNL = ParseFlags(rawValue: 1 << 2)
    static let dotNL = ParseFlags(rawValue: 1 << 3)
    static let oneLine = ParseFlags(rawValue: 1 << 4)
    static let nonGreedy = ParseFlags(rawValue: 1 << 5)
    static let perlX = ParseFlags(rawValue: 1 << 6)
    static let unicodeGroups = ParseFlags(rawValue: 1 << 7)
    static let wasDollar = ParseFlags(rawValue: 1 << 8)

    /// The flags `regexp.Compile` parses with.
    static let perl: ParseFlags = [.classNL, .oneLine, .perlX, .unicodeGroups]
}

/// A node of the parse tree. The parser rewrites nodes in place (merging literals, factoring
/// alternations), so nodes are objects; they never leave the compiler.
final class RegexNode {
    var op: RegexOp
    var flags: ParseFlags
    var subs: [RegexNode] = []
    /// Literal code points, or class ranges as flat `lo, hi` pairs.
    var runes: [Int] = []
    var min = 0
    var max = 0
    /// The capture group number (left parens: 0 for non-capturing groups).
    var cap = 0
    var name = ""
    /// Where a left paren stands in the pattern, for error offsets.
    var offset = 0
    /// Memoized compiled-size estimate and tree height for the parser's limit checks (-1: unknown).
    var cachedSize: Int = -1
    var cachedHeight: Int = -1

    init(_ op: RegexOp, flags: ParseFlags = []) {
        self.op = op
        self.flags = flags
    }

    /// Whether the node matches exactly one character from a set (Go's `isCharClass`).
    var isCharClassLike: Bool {
        (op == .literal && runes.count == 1) || op == .charClass || op == .anyCharNotNL || op == .anyChar
    }

    /// Whether the node matches `rune` when it is character-class-like.
    func matchesRune(_ rune: Int) -> Bool {
        switch op {
        case .literal: runes.count == 1 && runes[0] == rune
        case .charClass: stride(from: 0, to: runes.count, by: 2).contains { runes[$0] <= rune && rune <= runes[$0 + 1] }
        case .anyCharNotNL: rune != 0x0A
        case .anyChar: true
        default: false
        }
    }

    /// Structural equality as Go's `Regexp.Equal` defines it.
    func isEqual(to other: RegexNode) -> Bool {
        guard op == other.op else { return false }
        switch op {
        case .endText:
            return flags.contains(.wasDollar) == other.flags.contains(.wasDollar)
        case .literal, .charClass:
            return runes == other.runes
        case .alternate, .concat:
            return subs.count == other.subs.count && zip(subs, other.subs).allSatisfy { $0.isEqual(to: $1) }
        case .star, .plus, .quest:
            return flags.contains(.nonGreedy) == other.flags.contains(.nonGreedy) && subs[0].isEqual(to: other.subs[0])
        case .repeat:
            return flags.contains(.nonGreedy) == other.flags.contains(.nonGreedy) && min == other.min && max == other.max
                && subs[0].isEqual(to: other.subs[0])
        case .capture:
            return cap == other.cap && name == other.name && subs[0].isEqual(to: other.subs[0])
        default:
            return true
        }
    }

    /// The highest capture group number in the tree.
    var maxCap: Int {
        subs.reduce(op == .capture ? cap : 0) { Swift.max($0, $1.maxCap) }
    }

    /// Records the name of every capture group in the tree into `names`, indexed by group number.
    func collectCaptureNames(into names: inout [String]) {
        if op == .capture {
            names[cap] = name
        }
        for sub in subs {
            sub.collectCaptureNames(into: &names)
        }
    }
}
