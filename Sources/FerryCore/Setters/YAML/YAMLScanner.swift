/// A YAML tokenizer that follows libyaml's scanner as yaml.v3 (the parser under Flux's kyaml) runs it: the same
/// tokens, the same simple-key and indentation rules, the same errors, and yaml.v3's rules for which node a comment
/// belongs to. It keeps byte offsets for every token so that a value can be replaced without touching anything else.
///
/// The whole stream is tokenized at once (``scan()``); ``YAMLParser`` then builds documents from the tokens.
struct YAMLScanner {
    struct SimpleKey {
        var possible = false
        var required = false
        var tokenNumber = 0
        var mark = YAMLMark(offset: 0, line: 0, column: 0)
    }

    /// yaml.v3's limits on nesting.
    static let maximumFlowLevel = 10_000
    static let maximumIndents = 10_000

    let input: [UInt8]
    var tokens: [YAMLToken] = []
    var comments: [YAMLComment] = []
    var decodedValues: [[UInt8]] = []
    var blockLayouts: [YAMLBlockScalarLayout] = []

    var mark = YAMLMark(offset: 0, line: 0, column: 0)
    /// Line breaks consumed since the last character that is not a blank (yaml.v3's `newlines`).
    var newlines = 0
    var indent = -1
    var indents: [Int] = []
    var flowLevel = 0
    var simpleKeyAllowed = true
    var simpleKeys: [SimpleKey] = []

    init(_ input: [UInt8]) {
        self.input = input
    }

    /// Tokenizes the whole stream, from STREAM-START to STREAM-END.
    mutating func scan() throws(YAMLSyntaxError) {
        try Self.validate(input)
        if isByteOrderMark(0) { mark.offset = 3 }
        indent = -1
        simpleKeys = [SimpleKey()]
        simpleKeyAllowed = true
        tokens.reserveCapacity(input.count / 6)
        tokens.append(YAMLToken(kind: .streamStart, start: mark, end: mark))
        while tokens.last?.kind != .streamEnd {
            try fetchNextToken()
        }
    }

    /// The decoded value of a scalar token.
    func value(of token: YAMLToken) -> ArraySlice<UInt8> {
        switch token.value {
        case .raw(let range): return input[range]
        case .decoded(let index): return decodedValues[index][...]
        }
    }

    /// The decoded value of a scalar token as a string (the input is valid UTF-8: ``validate(_:)`` checked it).
    func string(of token: YAMLToken) -> String {
        String(decoding: value(of: token), as: UTF8.self)
    }

    private mutating func fetchNextToken() throws(YAMLSyntaxError) {
        try scanToNextToken()
        try staleSimpleKeys()
        unrollIndent(column: mark.column)
        let offset = mark.offset
        if isZ(offset) {
            try fetchStreamEnd()
            return
        }
        let c = current
        if mark.column == 0 && c == UInt8(ascii: "%") {
            try fetchDirective()
            return
        }
        if isDocumentIndicator(offset) {
            try fetchDocumentIndicator(c == UInt8(ascii: "-") ? .documentStart : .documentEnd)
            return
        }
        var commentAnchor = offset
        if let last = tokens.last, flowLevel == 0 && c == UInt8(ascii: ":") || flowLevel > 0 && c == UInt8(ascii: ",") {
            commentAnchor = last.start.offset
        }
        try fetchToken(startingWith: c)
        if tokens.last?.kind != .blockEntry {
            scanLineComment(attachedTo: commentAnchor)
        }
    }

    private mutating func fetchToken(startingWith c: UInt8) throws(YAMLSyntaxError) {
        let offset = mark.offset
        switch c {
        case UInt8(ascii: "["): return try fetchFlowCollectionStart(.flowSequenceStart)
        case UInt8(ascii: "{"): return try fetchFlowCollectionStart(.flowMappingStart)
        case UInt8(ascii: "]"): return try fetchFlowCollectionEnd(.flowSequenceEnd)
        case UInt8(ascii: "}"): return try fetchFlowCollectionEnd(.flowMappingEnd)
        case UInt8(ascii: ","): return try fetchFlowEntry()
        default: break
        }
        if c == UInt8(ascii: "-") && isBlankZ(offset + 1) { return try fetchBlockEntry() }
        if c == UInt8(ascii: "?") && (flowLevel > 0 || isBlankZ(offset + 1)) { return try fetchKey() }
        if c == UInt8(ascii: ":") && (flowLevel > 0 || isBlankZ(offset + 1)) { return try fetchValue() }
        switch c {
        case UInt8(ascii: "*"): return try fetchAnchor(.alias)
        case UInt8(ascii: "&"): return try fetchAnchor(.anchor)
        case UInt8(ascii: "!"): return try fetchTag()
        case UInt8(ascii: "|") where flowLevel == 0: return try fetchBlockScalar(literal: true)
        case UInt8(ascii: ">") where flowLevel == 0: return try fetchBlockScalar(literal: false)
        case UInt8(ascii: "'"): return try fetchFlowScalar(single: true)
        case UInt8(ascii: "\""): return try fetchFlowScalar(single: false)
        default: break
        }
        if canStartPlainScalar(c, at: offset) { return try fetchPlainScalar() }
        throw YAMLSyntaxError("found character that cannot start any token", at: mark, context: "while scanning for the next token")
    }

    /// libyaml's rule: any non-blank character except an indicator, or `-`, `?`, `:` followed by a non-blank
    /// (`?` and `:` only in the block context).
    private func canStartPlainScalar(_ c: UInt8, at offset: Int) -> Bool {
        if isBlankZ(offset) { return false }
        switch c {
        case UInt8(ascii: "-"):
            return !isBlank(offset + 1)
        case UInt8(ascii: "?"), UInt8(ascii: ":"):
            return flowLevel == 0 && !isBlankZ(offset + 1)
        case UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "#"),
            UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "|"), UInt8(ascii: ">"), UInt8(ascii: "'"),
            UInt8(ascii: "\""), UInt8(ascii: "%"), UInt8(ascii: "@"), UInt8(ascii: "`"):
            return false
        default:
            return true
        }
    }

    // MARK: Simple keys

    /// A possible simple key stops being one once the line changes or 1024 characters pass. Only the current flow
    /// level's key is checked, as yaml.v3 checks lazily: the others cannot be used before their level is current
    /// again, and staleness only grows (checking them all, as libyaml does, is quadratic in the nesting).
    private mutating func staleSimpleKeys() throws(YAMLSyntaxError) {
        let index = simpleKeys.count - 1
        let key = simpleKeys[index]
        guard key.possible, key.mark.line < mark.line || key.mark.offset + 1024 < mark.offset else { return }
        if key.required {
            throw YAMLSyntaxError("could not find expected ':'", at: mark, context: "while scanning a simple key")
        }
        simpleKeys[index].possible = false
    }

    mutating func saveSimpleKey() throws(YAMLSyntaxError) {
        let required = flowLevel == 0 && indent == mark.column
        guard simpleKeyAllowed else { return }
        try removeSimpleKey()
        simpleKeys[simpleKeys.count - 1] = SimpleKey(possible: true, required: required, tokenNumber: tokens.count, mark: mark)
    }

    mutating func removeSimpleKey() throws(YAMLSyntaxError) {
        let last = simpleKeys.count - 1
        if simpleKeys[last].possible && simpleKeys[last].required {
            throw YAMLSyntaxError("could not find expected ':'", at: mark, context: "while scanning a simple key")
        }
        simpleKeys[last].possible = false
    }

    // MARK: Indentation

    /// Opens a block collection when `column` is deeper than the current indentation.
    private mutating func rollIndent(column: Int, at number: Int?, kind: YAMLTokenKind, mark start: YAMLMark) throws(YAMLSyntaxError) {
        guard flowLevel == 0, indent < column else { return }
        indents.append(indent)
        indent = column
        if indents.count > Self.maximumIndents {
            throw YAMLSyntaxError("exceeded max depth of \(Self.maximumIndents)", at: start, context: "while increasing indent level")
        }
        let token = YAMLToken(kind: kind, start: start, end: start)
        if let number { tokens.insert(token, at: number) } else { tokens.append(token) }
    }

    /// Closes every block collection deeper than `column`.
    mutating func unrollIndent(column: Int) {
        guard flowLevel == 0 else { return }
        while indent > column {
            tokens.append(YAMLToken(kind: .blockEnd, start: mark, end: mark))
            indent = indents.popLast() ?? -1
        }
    }

    // MARK: Fetchers

    private mutating func fetchStreamEnd() throws(YAMLSyntaxError) {
        var end = mark
        if end.column != 0 {
            end.column = 0
            end.line += 1
        }
        unrollIndent(column: -1)
        try removeSimpleKey()
        simpleKeyAllowed = false
        tokens.append(YAMLToken(kind: .streamEnd, start: end, end: end))
    }

    private mutating func fetchDirective() throws(YAMLSyntaxError) {
        unrollIndent(column: -1)
        try removeSimpleKey()
        simpleKeyAllowed = false
        tokens.append(try scanDirective())
    }

    private mutating func fetchDocumentIndicator(_ kind: YAMLTokenKind) throws(YAMLSyntaxError) {
        unrollIndent(column: -1)
        try removeSimpleKey()
        simpleKeyAllowed = false
        let start = mark
        skip()
        skip()
        skip()
        tokens.append(YAMLToken(kind: kind, start: start, end: mark))
    }

    private mutating func fetchFlowCollectionStart(_ kind: YAMLTokenKind) throws(YAMLSyntaxError) {
        try saveSimpleKey()
        simpleKeys.append(SimpleKey(possible: false, required: false, tokenNumber: tokens.count, mark: mark))
        flowLevel += 1
        if flowLevel > Self.maximumFlowLevel {
            throw YAMLSyntaxError("exceeded max depth of \(Self.maximumFlowLevel)", at: mark, context: "while increasing flow level")
        }
        simpleKeyAllowed = true
        appendSingleCharacterToken(kind)
    }

    private mutating func fetchFlowCollectionEnd(_ kind: YAMLTokenKind) throws(YAMLSyntaxError) {
        try removeSimpleKey()
        if flowLevel > 0 {
            flowLevel -= 1
            simpleKeys.removeLast()
        }
        simpleKeyAllowed = false
        appendSingleCharacterToken(kind)
    }

    private mutating func fetchFlowEntry() throws(YAMLSyntaxError) {
        try removeSimpleKey()
        simpleKeyAllowed = true
        appendSingleCharacterToken(.flowEntry)
    }

    private mutating func fetchBlockEntry() throws(YAMLSyntaxError) {
        if flowLevel == 0 {
            guard simpleKeyAllowed else { throw YAMLSyntaxError("block sequence entries are not allowed in this context", at: mark) }
            try rollIndent(column: mark.column, at: nil, kind: .blockSequenceStart, mark: mark)
        }
        try removeSimpleKey()
        simpleKeyAllowed = true
        appendSingleCharacterToken(.blockEntry)
    }

    private mutating func fetchKey() throws(YAMLSyntaxError) {
        if flowLevel == 0 {
            guard simpleKeyAllowed else { throw YAMLSyntaxError("mapping keys are not allowed in this context", at: mark) }
            try rollIndent(column: mark.column, at: nil, kind: .blockMappingStart, mark: mark)
        }
        try removeSimpleKey()
        simpleKeyAllowed = flowLevel == 0
        appendSingleCharacterToken(.key)
    }

    private mutating func fetchValue() throws(YAMLSyntaxError) {
        let last = simpleKeys.count - 1
        let key = simpleKeys[last]
        if key.possible {
            tokens.insert(YAMLToken(kind: .key, start: key.mark, end: key.mark), at: key.tokenNumber)
            try rollIndent(column: key.mark.column, at: key.tokenNumber, kind: .blockMappingStart, mark: key.mark)
            simpleKeys[last].possible = false
            simpleKeyAllowed = false
        } else {
            if flowLevel == 0 {
                guard simpleKeyAllowed else { throw YAMLSyntaxError("mapping values are not allowed in this context", at: mark) }
                try rollIndent(column: mark.column, at: nil, kind: .blockMappingStart, mark: mark)
            }
            simpleKeyAllowed = flowLevel == 0
        }
        appendSingleCharacterToken(.value)
    }

    private mutating func fetchAnchor(_ kind: YAMLTokenKind) throws(YAMLSyntaxError) {
        try saveSimpleKey()
        simpleKeyAllowed = false
        tokens.append(try scanAnchor(kind))
    }

    private mutating func fetchTag() throws(YAMLSyntaxError) {
        try saveSimpleKey()
        simpleKeyAllowed = false
        tokens.append(try scanTag())
    }

    private mutating func fetchBlockScalar(literal: Bool) throws(YAMLSyntaxError) {
        try removeSimpleKey()
        simpleKeyAllowed = true
        tokens.append(try scanBlockScalar(literal: literal))
    }

    private mutating func fetchFlowScalar(single: Bool) throws(YAMLSyntaxError) {
        try saveSimpleKey()
        simpleKeyAllowed = false
        tokens.append(try scanFlowScalar(single: single))
    }

    private mutating func fetchPlainScalar() throws(YAMLSyntaxError) {
        try saveSimpleKey()
        simpleKeyAllowed = false
        tokens.append(try scanPlainScalar())
    }

    private mutating func appendSingleCharacterToken(_ kind: YAMLTokenKind) {
        let start = mark
        skip()
        tokens.append(YAMLToken(kind: kind, start: start, end: mark))
    }
}
