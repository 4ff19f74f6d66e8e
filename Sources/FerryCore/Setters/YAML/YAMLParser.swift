/// Builds ``YAMLDocument``s from a scanner's tokens with libyaml's grammar (as yaml.v3 runs it), reporting the same
/// errors, and assigns comments to nodes as yaml.v3 does: each comment waits until the next node that carries
/// comments (a scalar, an alias or a flow collection; block collections pass them on to their first entry).
struct YAMLParser {
    /// Where a node sits, for reading the document's identity.
    private enum Position {
        case root
        case topLevelValue(String?)
        case metadataValue(String?)
        case other
    }

    private struct Attachable {
        var mark: Int
        var isLine: Bool
        var comment: Int
    }

    /// Nesting deeper than this is rejected, so that the recursive parser stays well within a task's stack (about
    /// 350 levels fit in 512 KB in a debug build). yaml.v3 allows 10,000; manifests rarely nest more than 20 deep.
    static let maximumDepth = 100

    let tokens: [YAMLToken]
    private let scanner: YAMLScanner
    private(set) var documents: [YAMLDocument] = []
    private var index = 1
    private var document = YAMLDocument(line: 0)
    private var tagHandles: [String: String] = [:]
    private var anchors: Set<ArraySlice<UInt8>> = []
    private var attachables: [Attachable] = []
    private var commentCursor = 0
    private var depth = 0

    init(scanner: YAMLScanner) {
        self.scanner = scanner
        self.tokens = scanner.tokens
        for (index, comment) in scanner.comments.enumerated() {
            switch comment.kind {
            case .line(let attachedTo): attachables.append(Attachable(mark: attachedTo, isLine: true, comment: index))
            case .head: attachables.append(Attachable(mark: comment.start, isLine: false, comment: index))
            case .foot: break
            }
        }
    }

    private var current: YAMLToken { tokens[index] }
    private var kind: YAMLTokenKind { tokens[index].kind }

    private mutating func advance() {
        if index < tokens.count - 1 { index += 1 }
    }

    private func error(_ problem: String, context: String? = nil) -> YAMLSyntaxError {
        YAMLSyntaxError(problem, at: current.start, context: context)
    }

    mutating func parseStream() throws(YAMLSyntaxError) {
        var first = true
        while kind != .streamEnd {
            if !first {
                while kind == .documentEnd { advance() }
                if kind == .streamEnd { break }
            }
            try parseDocument(implicitAllowed: first)
            first = false
        }
    }

    private mutating func parseDocument(implicitAllowed: Bool) throws(YAMLSyntaxError) {
        tagHandles = ["!": "!", "!!": "tag:yaml.org,2002:"]
        anchors = []
        document = YAMLDocument(line: current.start.line)
        let implicit = implicitAllowed && ![.versionDirective, .tagDirective, .documentStart, .streamEnd].contains(kind)
        if implicit {
            try parseRoot()
        } else {
            try parseDirectives()
            guard kind == .documentStart else { throw error("did not find expected <document start>") }
            document.line = current.start.line
            advance()
            if ![.versionDirective, .tagDirective, .documentStart, .documentEnd, .streamEnd].contains(kind) {
                try parseRoot()
            }
        }
        if kind == .documentEnd { advance() }
        documents.append(document)
    }

    private mutating func parseDirectives() throws(YAMLSyntaxError) {
        var sawVersion = false
        var declared: Set<String> = []
        while kind == .versionDirective || kind == .tagDirective {
            let token = current
            if token.kind == .versionDirective {
                guard !sawVersion else { throw error("found duplicate %YAML directive", context: "while parsing a document") }
                sawVersion = true
                let version = scanner.input[token.first]
                let major = version.prefix { $0 != UInt8(ascii: ".") }
                guard major.elementsEqual("1".utf8) || major.elementsEqual("01".utf8) else {
                    throw error("found incompatible YAML document", context: "while parsing a document")
                }
            } else {
                let handle = String(decoding: scanner.input[token.first], as: UTF8.self)
                guard declared.insert(handle).inserted else { throw error("found duplicate %TAG directive", context: "while parsing a document") }
                tagHandles[handle] = String(decoding: scanner.input[token.second], as: UTF8.self)
            }
            advance()
        }
    }

    private mutating func parseRoot() throws(YAMLSyntaxError) {
        document.root = try parseNode(block: true, indentless: false, inKey: false, position: .root, isValue: false).root
    }

    /// The outcome of parsing one node.
    private struct Parsed {
        var root: YAMLDocument.Root
        /// The decoded value when the node is a scalar and the caller asked for it.
        var string: String?
    }

    private mutating func parseNode(
        block: Bool, indentless: Bool, inKey: Bool, position: Position, isValue: Bool, wantString: Bool = false
    ) throws(YAMLSyntaxError) -> Parsed {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else { throw error("exceeded max depth of \(Self.maximumDepth)", context: "while parsing a node") }
        if kind == .alias {
            let name = scanner.input[current.first]
            guard anchors.contains(name) else { throw error("unknown anchor '\(String(decoding: name, as: UTF8.self))' referenced") }
            _ = consumeComments(upTo: current.start.offset)
            advance()
            return Parsed(root: .alias)
        }
        var tag: YAMLToken?
        var anchor: YAMLToken?
        if kind == .anchor {
            anchor = current
            advance()
            if kind == .tag {
                tag = current
                advance()
            }
        } else if kind == .tag {
            tag = current
            advance()
            if kind == .anchor {
                anchor = current
                advance()
            }
        }
        var resolvedTag: String?
        if let tag { resolvedTag = try resolve(tag) }
        if let anchor { anchors.insert(scanner.input[anchor.first]) }
        let content = current
        switch content.kind {
        case .blockEntry where indentless:
            try parseIndentlessSequence(inKey: inKey)
            return Parsed(root: .sequence)
        case .scalar:
            return scalarNode(tag: resolvedTag, inKey: inKey, position: position, isValue: isValue, wantString: wantString)
        case .flowSequenceStart:
            _ = consumeComments(upTo: content.start.offset)
            try parseFlowSequence(inKey: inKey)
            return Parsed(root: .sequence)
        case .flowMappingStart:
            _ = consumeComments(upTo: content.start.offset)
            try parseFlowMapping(inKey: inKey, position: position)
            return Parsed(root: .mapping)
        case .blockSequenceStart where block:
            try parseBlockSequence(inKey: inKey)
            return Parsed(root: .sequence)
        case .blockMappingStart where block:
            try parseBlockMapping(inKey: inKey, position: position)
            return Parsed(root: .mapping)
        default:
            if anchor != nil || tag != nil {
                // An empty scalar with properties.
                let isNull = resolvedTag == nil || resolvedTag == "tag:yaml.org,2002:null"
                return Parsed(root: isNull ? .null : .scalar, string: wantString ? "" : nil)
            }
            throw error("did not find expected node content", context: block ? "while parsing a block node" : "while parsing a flow node")
        }
    }

    private mutating func scalarNode(tag: String?, inKey: Bool, position: Position, isValue: Bool, wantString: Bool) -> Parsed {
        let tokenIndex = index
        let token = current
        let (line, head) = consumeComments(upTo: token.start.offset)
        advance()
        if isValue && !inKey {
            document.values.append(YAMLValueScalar(token: tokenIndex, explicitTag: tag, lineComments: line, headComments: head))
        }
        var text: String?
        switch position {
        case .topLevelValue(let key?) where !inKey && (key == "apiVersion" || key == "kind"):
            text = scanner.string(of: token)
            if key == "apiVersion" { document.apiVersion = text ?? "" } else { document.kind = text ?? "" }
        case .metadataValue(let key?) where !inKey && (key == "name" || key == "namespace"):
            text = scanner.string(of: token)
            if key == "name" { document.name = text ?? "" } else { document.namespace = text ?? "" }
        default:
            break
        }
        if wantString && text == nil { text = scanner.string(of: token) }
        return Parsed(root: isNullScalar(token, tag: tag) ? .null : .scalar, string: text)
    }

    /// Whether a scalar resolves to null (kyaml skips a document whose root is null).
    private func isNullScalar(_ token: YAMLToken, tag: String?) -> Bool {
        if let tag { return tag == "tag:yaml.org,2002:null" }
        guard token.style == .plain else { return false }
        let value = scanner.value(of: token)
        return value.isEmpty || value.elementsEqual("~".utf8) || value.elementsEqual("null".utf8) || value.elementsEqual("Null".utf8)
            || value.elementsEqual("NULL".utf8)
    }

    private func resolve(_ tag: YAMLToken) throws(YAMLSyntaxError) -> String {
        let handle = String(decoding: scanner.input[tag.first], as: UTF8.self)
        let suffix = String(decoding: scanner.input[tag.second], as: UTF8.self)
        if handle.isEmpty { return suffix }
        guard let prefix = tagHandles[handle] else {
            throw YAMLSyntaxError("found undefined tag handle", at: tag.start, context: "while parsing a node")
        }
        return prefix + suffix
    }

    /// Takes the comments waiting for the next node: those attached at or before `offset`.
    private mutating func consumeComments(upTo offset: Int) -> (line: [Int], head: [Int]) {
        var line: [Int] = []
        var head: [Int] = []
        while commentCursor < attachables.count && attachables[commentCursor].mark <= offset {
            let attachable = attachables[commentCursor]
            if attachable.isLine { line.append(attachable.comment) } else { head.append(attachable.comment) }
            commentCursor += 1
        }
        return (line, head)
    }

    private static let blockEntryEnds: Set<YAMLTokenKind> = [.blockEntry, .blockEnd]
    private static let indentlessEntryEnds: Set<YAMLTokenKind> = [.blockEntry, .key, .value, .blockEnd]
    private static let blockMappingEnds: Set<YAMLTokenKind> = [.key, .value, .blockEnd]

    private mutating func parseBlockSequence(inKey: Bool) throws(YAMLSyntaxError) {
        advance()
        while true {
            if kind == .blockEntry {
                advance()
                if !Self.blockEntryEnds.contains(kind) {
                    _ = try parseNode(block: true, indentless: false, inKey: inKey, position: .other, isValue: true)
                }
            } else if kind == .blockEnd {
                advance()
                return
            } else {
                throw error("did not find expected '-' indicator", context: "while parsing a block collection")
            }
        }
    }

    private mutating func parseIndentlessSequence(inKey: Bool) throws(YAMLSyntaxError) {
        while kind == .blockEntry {
            advance()
            if !Self.indentlessEntryEnds.contains(kind) {
                _ = try parseNode(block: true, indentless: false, inKey: inKey, position: .other, isValue: true)
            }
        }
    }

    private mutating func parseBlockMapping(inKey: Bool, position: Position) throws(YAMLSyntaxError) {
        advance()
        let readsKeys = isIdentityMapping(position)
        while true {
            if kind == .key {
                advance()
                var key: String?
                if !Self.blockMappingEnds.contains(kind) {
                    key = try parseNode(block: true, indentless: true, inKey: true, position: .other, isValue: false, wantString: readsKeys).string
                }
                if kind == .value {
                    advance()
                    if !Self.blockMappingEnds.contains(kind) {
                        _ = try parseNode(block: true, indentless: true, inKey: inKey, position: valuePosition(in: position, key: key), isValue: true)
                    }
                }
            } else if kind == .blockEnd {
                advance()
                return
            } else {
                throw error("did not find expected key", context: "while parsing a block mapping")
            }
        }
    }

    private mutating func parseFlowSequence(inKey: Bool) throws(YAMLSyntaxError) {
        advance()
        var first = true
        while true {
            if kind == .flowSequenceEnd { break }
            if !first {
                guard kind == .flowEntry else { throw error("did not find expected ',' or ']'", context: "while parsing a flow sequence") }
                advance()
                if kind == .flowSequenceEnd { break }
            }
            first = false
            if kind == .key {
                // A single-pair mapping: `[a: b]`.
                advance()
                if ![.value, .flowEntry, .flowSequenceEnd].contains(kind) {
                    _ = try parseNode(block: false, indentless: false, inKey: true, position: .other, isValue: false)
                }
                if kind == .value {
                    advance()
                    if ![.flowEntry, .flowSequenceEnd].contains(kind) {
                        _ = try parseNode(block: false, indentless: false, inKey: inKey, position: .other, isValue: true)
                    }
                }
            } else {
                _ = try parseNode(block: false, indentless: false, inKey: inKey, position: .other, isValue: true)
            }
        }
        _ = consumeComments(upTo: current.start.offset)
        advance()
    }

    private mutating func parseFlowMapping(inKey: Bool, position: Position) throws(YAMLSyntaxError) {
        advance()
        let readsKeys = isIdentityMapping(position)
        var first = true
        while true {
            if kind == .flowMappingEnd { break }
            if !first {
                guard kind == .flowEntry else { throw error("did not find expected ',' or '}'", context: "while parsing a flow mapping") }
                advance()
                if kind == .flowMappingEnd { break }
            }
            first = false
            if kind == .key {
                advance()
                var key: String?
                if ![.value, .flowEntry, .flowMappingEnd].contains(kind) {
                    key = try parseNode(block: false, indentless: false, inKey: true, position: .other, isValue: false, wantString: readsKeys).string
                }
                if kind == .value {
                    advance()
                    if ![.flowEntry, .flowMappingEnd].contains(kind) {
                        _ = try parseNode(
                            block: false, indentless: false, inKey: inKey, position: valuePosition(in: position, key: key), isValue: true)
                    }
                }
            } else {
                // A key without a value: `{a}`.
                _ = try parseNode(block: false, indentless: false, inKey: true, position: .other, isValue: false)
            }
        }
        _ = consumeComments(upTo: current.start.offset)
        advance()
    }

    /// Whether a block mapping at `position` holds identity fields: the document root, or the root's `metadata`.
    private func isIdentityMapping(_ position: Position) -> Bool {
        switch position {
        case .root: return true
        case .topLevelValue(let key): return key == "metadata"
        default: return false
        }
    }

    private func valuePosition(in position: Position, key: String?) -> Position {
        switch position {
        case .root: return .topLevelValue(key)
        case .topLevelValue(let parent) where parent == "metadata": return .metadataValue(key)
        default: return .other
        }
    }
}
