/// A scalar in value position (a mapping value or a sequence item, not inside a key): the nodes Flux's setter filter
/// visits.
struct YAMLValueScalar: Sendable {
    /// Index of the SCALAR token in ``YAMLStream/tokens``.
    var token: Int
    /// The resolved tag when one was written (`tag:yaml.org,2002:str`, `!local`), else `nil`.
    var explicitTag: String?
    /// The line comments yaml.v3 gives the node (indices into ``YAMLStream/comments``); almost always one or none.
    var lineComments: [Int]
    /// The head comments yaml.v3 gives the node (indices into ``YAMLStream/comments``).
    var headComments: [Int]
}

/// One document of a YAML stream.
struct YAMLDocument: Sendable {
    /// What the document's root node is.
    enum Root: Sendable, Equatable {
        /// No content, or a null scalar: kyaml skips such documents.
        case null
        case mapping
        case sequence
        case scalar
        case alias
    }

    var root: Root = .null
    /// 0-based line where the document starts.
    var line: Int
    /// The document's `apiVersion`, `kind`, `metadata.name` and `metadata.namespace`, when they are scalars.
    var apiVersion = ""
    var kind = ""
    var name = ""
    var namespace = ""
    /// Every scalar in value position, in document order.
    var values: [YAMLValueScalar] = []
}

/// A parsed stream: the scanner's tokens and values, and the documents built from them.
struct YAMLStream: Sendable {
    let input: [UInt8]
    let tokens: [YAMLToken]
    let decodedValues: [[UInt8]]
    let blockLayouts: [YAMLBlockScalarLayout]
    let comments: [YAMLComment]
    var documents: [YAMLDocument]

    /// Scans and parses `input`.
    init(parsing input: [UInt8]) throws(YAMLSyntaxError) {
        var scanner = YAMLScanner(input)
        do {
            try scanner.scan()
        } catch let scanError {
            // yaml.v3 parses while it scans, so a grammar error before the scanner's problem is the one it reports.
            // Tokens from a possible simple key on are still waiting for their `:`; the parser has not seen them.
            if let pending = scanner.simpleKeys.filter(\.possible).map(\.tokenNumber).min(), pending < scanner.tokens.count {
                scanner.tokens.removeSubrange(pending...)
            }
            if scanner.tokens.isEmpty { scanner.tokens.append(YAMLToken(kind: .streamStart, start: scanner.mark, end: scanner.mark)) }
            scanner.tokens.append(YAMLToken(kind: .streamEnd, start: scanner.mark, end: scanner.mark))
            var partial = YAMLParser(scanner: scanner)
            do {
                try partial.parseStream()
            } catch let parseError where (parseError.line, parseError.column) < (scanError.line, scanError.column) {
                throw parseError
            } catch {}
            throw scanError
        }
        var parser = YAMLParser(scanner: scanner)
        try parser.parseStream()
        self.input = input
        self.tokens = parser.tokens
        self.decodedValues = scanner.decodedValues
        self.blockLayouts = scanner.blockLayouts
        self.comments = scanner.comments
        self.documents = parser.documents
    }

    /// The decoded value of a scalar token.
    func value(of token: YAMLToken) -> ArraySlice<UInt8> {
        switch token.value {
        case .raw(let range): return input[range]
        case .decoded(let index): return decodedValues[index][...]
        }
    }

    /// A node's comment text as yaml.v3 builds it: the comments joined by `\n`, or `nil` when there are none.
    func commentText(_ indices: [Int]) -> [UInt8]? {
        guard let first = indices.first else { return nil }
        var text = comments[first].text
        for index in indices.dropFirst() {
            text.append(0x0A)
            text.append(contentsOf: comments[index].text)
        }
        return text
    }

    /// The decoded value of a scalar token as a string (invalid UTF-8 cannot occur: the input was validated).
    func string(of token: YAMLToken) -> String {
        String(decoding: value(of: token), as: UTF8.self)
    }
}
