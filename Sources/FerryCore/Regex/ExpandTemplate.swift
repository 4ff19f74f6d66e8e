/// A replacement template with Go's `Regexp.ExpandString` rules, parsed once.
///
/// - `$name` takes the longest run of letters, digits and underscores: `$1x` is the group named
///   `1x`, not group 1 followed by `x`; write `${1}x` for that.
/// - A name of ASCII digits without a leading zero is a group number (`$1`, `${10}`).
/// - `$$` is a literal `$`; a `$` not followed by a valid name (or an unclosed `${`) stays as is.
/// - Groups that do not exist or did not take part expand to nothing; with several groups of one
///   name, the first one that took part is used.
///
/// ```swift
/// let template = ExpandTemplate("$ts")
/// template.references  // [.name("ts")]
/// ```
public struct ExpandTemplate: Sendable, Hashable {
    /// A group a template refers to.
    public enum Reference: Sendable, Hashable {
        /// A group by number, as in `$1` or `${2}`.
        case number(Int)
        /// A group by name, as in `$ts` or `${ts}`.
        case name(String)
    }

    /// A run of the template: literal text or a group reference.
    public enum Piece: Sendable, Hashable {
        /// Text copied as is.
        case literal(String)
        /// The text of a group.
        case group(Reference)
    }

    /// The template text as given.
    public let template: String
    /// The template split into literal text and group references, in order.
    public let pieces: [Piece]

    /// Parses `template`.
    /// - Parameter template: Text with `$name`, `${name}` and `$$` references.
    public init(_ template: String) {
        self.template = template
        pieces = Self.parse(Array(template.unicodeScalars))
    }

    /// The groups the template mentions, in order of first mention, so a caller can reject a
    /// template naming a group its expression lacks.
    public var references: [Reference] {
        var seen: [Reference] = []
        for case let .group(reference) in pieces where !seen.contains(reference) {
            seen.append(reference)
        }
        return seen
    }

    /// Expands the template for `match`, found by `regexp` in `subject`.
    /// - Parameters:
    ///   - match: A match of `regexp` in `subject`.
    ///   - subject: The string that was searched.
    ///   - regexp: The expression that matched, for its group names.
    /// - Returns: The template with each reference replaced by its group's text.
    public func expand(match: GoRegexpMatch, subject: String, regexp: GoRegexp) -> String {
        var result = ""
        for piece in pieces {
            switch piece {
            case let .literal(text):
                result += text
            case let .group(.number(number)):
                if let text = match[number, in: subject] {
                    result += text
                }
            case let .group(.name(name)):
                for (index, groupName) in regexp.groupNames.enumerated() where groupName == name {
                    if let text = match[index, in: subject] {
                        result += text
                        break
                    }
                }
            }
        }
        return result
    }

    private static func parse(_ scalars: [Unicode.Scalar]) -> [Piece] {
        var pieces: [Piece] = []
        var literal = String.UnicodeScalarView()
        var index = 0
        func flush() {
            if !literal.isEmpty {
                pieces.append(.literal(String(literal)))
                literal = String.UnicodeScalarView()
            }
        }
        while index < scalars.count {
            let scalar = scalars[index]
            index += 1
            guard scalar == "$" else {
                literal.append(scalar)
                continue
            }
            if index < scalars.count && scalars[index] == "$" {
                literal.append("$")
                index += 1
                continue
            }
            guard let (reference, next) = extractReference(scalars, at: index) else {
                literal.append("$")
                continue
            }
            flush()
            pieces.append(.group(reference))
            index = next
        }
        flush()
        return pieces
    }

    /// The reference after a `$` at `start` (`name` or `{name}`) and the index after it, as Go's `extract`.
    private static func extractReference(_ scalars: [Unicode.Scalar], at start: Int) -> (Reference, Int)? {
        var index = start
        let braced = index < scalars.count && scalars[index] == "{"
        if braced { index += 1 }
        let nameStart = index
        while index < scalars.count && isNameScalar(scalars[index]) {
            index += 1
        }
        guard index > nameStart else { return nil }
        let name = scalars[nameStart..<index]
        if braced {
            guard index < scalars.count && scalars[index] == "}" else { return nil }
            index += 1
        }
        var number = 0
        for scalar in name {
            guard ("0"..."9").contains(scalar), number < 100_000_000 else {
                number = -1
                break
            }
            number = number * 10 + Int(scalar.value) - 0x30
        }
        if name.count > 1 && name.first == "0" {
            number = -1
        }
        let text = String(String.UnicodeScalarView(name))
        return (number >= 0 ? .number(number) : .name(text), index)
    }

    /// Letters, decimal digits and underscore (Go's `unicode.IsLetter`, `unicode.IsDigit`, `_`).
    private static func isNameScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .decimalNumber:
            return true
        default:
            return scalar == "_"
        }
    }
}

extension ExpandTemplate {
    /// The template bound to one expression: each group name resolved once to the group numbers
    /// it may stand for, so expanding many matches does no name lookups.
    struct Bound: Sendable {
        enum Piece: Sendable {
            case literal(String)
            /// The first of these groups that took part in the match.
            case groups([Int])
        }

        let pieces: [Piece]

        init(_ template: ExpandTemplate, regexp: GoRegexp) {
            pieces = template.pieces.map { piece in
                switch piece {
                case .literal(let text):
                    return .literal(text)
                case .group(.number(let number)):
                    return .groups([number])
                case .group(.name(let name)):
                    return .groups(regexp.groupNames.indices.filter { regexp.groupNames[$0] == name })
                }
            }
        }

        /// Appends the expansion for a match with Go's flat `offsets` in the UTF-8 `subject` to
        /// `output`; the same text as ``ExpandTemplate/expand(match:subject:regexp:)``.
        func expand(offsets: [Int], subject: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
            for piece in pieces {
                switch piece {
                case .literal(let text):
                    output.append(contentsOf: text.utf8)
                case .groups(let groups):
                    for group in groups where 2 * group + 1 < offsets.count && offsets[2 * group] >= 0 {
                        output.append(contentsOf: UnsafeBufferPointer(rebasing: subject[offsets[2 * group]..<offsets[2 * group + 1]]))
                        break
                    }
                }
            }
        }
    }
}
