/// A position in a YAML stream: byte offset, 0-based line and 0-based column counted in characters (Unicode scalars),
/// as libyaml and yaml.v3 count them.
struct YAMLMark: Hashable, Sendable {
    var offset: Int
    var line: Int
    var column: Int
}

/// The presentation style of a scalar.
enum YAMLScalarStyle: UInt8, Hashable, Sendable {
    case plain
    case singleQuoted
    case doubleQuoted
    case literal
    case folded
}

/// The kinds of token the scanner produces (libyaml's token set).
enum YAMLTokenKind: UInt8, Hashable, Sendable {
    case streamStart
    case streamEnd
    case versionDirective
    case tagDirective
    case documentStart
    case documentEnd
    case blockSequenceStart
    case blockMappingStart
    case blockEnd
    case flowSequenceStart
    case flowSequenceEnd
    case flowMappingStart
    case flowMappingEnd
    case blockEntry
    case flowEntry
    case key
    case value
    case alias
    case anchor
    case tag
    case scalar
}

/// Where a scalar's decoded value lives: a byte range of the input when the value is spelled exactly as it is
/// stored (one-line plain scalars, quoted scalars without escapes or folding), else an entry of the scanner's table
/// of decoded values.
enum YAMLScalarValue: Hashable, Sendable {
    case raw(Range<Int>)
    case decoded(Int)
}

/// The layout of a block scalar (`|` or `>`), needed to rewrite one in place.
struct YAMLBlockScalarLayout: Hashable, Sendable {
    /// The offset just after the indicators (`|`, `>`, chomping and indentation indicators).
    var indicatorsEnd: Int
    /// The offset of the line break that ends the header line (the input's end when there is none).
    var headerLineEnd: Int
    /// The offset of the first content line, after the header's line break.
    var bodyStart: Int
    /// The end of the last content line, before its line break; equal to `bodyStart` when there is no content.
    var contentEnd: Int
    /// The content indentation in columns.
    var indent: Int
    /// The explicit indentation indicator, or 0.
    var explicitIndent: Int
    /// The line break the header line ends with (`\n`, `\r\n` or `\r`).
    var lineBreak: [UInt8]
}

/// One token. Ranges point into the scanned bytes.
struct YAMLToken: Hashable, Sendable {
    var kind: YAMLTokenKind
    var start: YAMLMark
    var end: YAMLMark
    /// Scalars only.
    var style: YAMLScalarStyle = .plain
    /// Scalars only: the decoded value.
    var value: YAMLScalarValue = .raw(0..<0)
    /// Anchor and alias names; tag handles; `%TAG` handles.
    var first: Range<Int> = 0..<0
    /// Tag suffixes; `%TAG` prefixes.
    var second: Range<Int> = 0..<0
    /// Block scalars only: an index into the scanner's block layouts.
    var blockLayout: Int = -1
    /// Scalars only: the scanner's indentation when the scalar was read (the parent block's column, -1 at the top).
    var parentIndent: Int = -1
    /// Scalars only: whether the scalar is inside a flow collection.
    var inFlow: Bool = false

    init(kind: YAMLTokenKind, start: YAMLMark, end: YAMLMark) {
        self.kind = kind
        self.start = start
        self.end = end
    }
}

/// A comment the scanner attached the way yaml.v3 does: a line comment to the token it follows, or a block of whole
/// comment lines to the node that comes after it (a head comment) or before it (a foot comment).
struct YAMLComment: Hashable, Sendable {
    enum Kind: Hashable, Sendable {
        /// A comment after a token on the same line; `attachedTo` is that token's start offset.
        case line(attachedTo: Int)
        /// Comment lines that belong to the next node.
        case head
        /// Comment lines that belong to the content before them.
        case foot
    }

    var kind: Kind
    /// The offset of the first `#`.
    var start: Int
    /// The end of the last comment line, before its line break.
    var end: Int
    /// 0-based line and column of the first `#`.
    var line: Int
    var column: Int
    /// The comment as yaml.v3 stores it: each line from `#` to its end, lines joined by `\n`, an empty line kept as
    /// an extra `\n`.
    var text: [UInt8]
}
