extension SetterRewriter {
    /// The rewrite of one file.
    struct FileRewrite {
        let file: ManifestFile
        let rewriter: SetterRewriter
        private(set) var diagnostics: [SetterDiagnostic] = []
        private(set) var changes: [ResourceIdentifier: [SetterChange]] = [:]
        private(set) var newBytes: [UInt8]?
        private(set) var markerCount = 0
        private(set) var parsed = false
        private var edits: [TextEdit] = []
        /// Comments read as a value's marker comment.
        private var used: Set<Int> = []
        /// Head comments not read because the value has a line comment (kyaml reads only the line comment then).
        private var shadowed: Set<Int> = []

        init(file: ManifestFile, rewriter: SetterRewriter) {
            self.file = file
            self.rewriter = rewriter
        }

        mutating func run() {
            let stream: YAMLStream
            do {
                stream = try YAMLStream(parsing: file.bytes)
            } catch {
                warn(
                    .notYAML, line: error.line, column: error.column,
                    "not valid YAML (\(error.problem)), so the file is skipped, as Flux skips it; a Helm template, for example, cannot carry markers")
                return
            }
            for (number, document) in stream.documents.enumerated() where document.root != .null && document.root != .mapping {
                warn(
                    .notAMapping, line: document.line + 1, column: nil,
                    "document \(number + 1) is \(Self.describe(document.root)), not a mapping, so the file is skipped, as Flux skips it")
                return
            }
            parsed = true
            for document in stream.documents where document.root == .mapping {
                let object = ResourceIdentifier(
                    apiVersion: document.apiVersion, kind: document.kind, name: document.name, namespace: document.namespace)
                for value in document.values {
                    apply(value, to: object, in: stream)
                }
            }
            reportUnusedMarkers(in: stream)
            if !changes.isEmpty { newBytes = Self.apply(edits, to: file.bytes) }
        }

        private mutating func apply(_ value: YAMLValueScalar, to object: ResourceIdentifier, in stream: YAMLStream) {
            let effective = value.lineComments.isEmpty ? value.headComments : value.lineComments
            guard let text = stream.commentText(effective) else { return }
            used.formUnion(effective)
            if !value.lineComments.isEmpty { shadowed.formUnion(value.headComments) }
            let comment = stream.comments[effective[0]]
            let setterName: String
            switch MarkerComment.read(text) {
            case .notAMarker:
                return
            case .malformed(let reason):
                reportMalformed(text, reason: reason, at: comment)
                return
            case .markerWithoutDollar(let setter):
                warn(
                    .markerWithoutDollar, line: comment.line + 1, column: comment.column + 1,
                    "the marker {\"imagepolicy\": \"\(setter)\"} has no '$' before imagepolicy; "
                        + "Flux ignores it, Ferry applies it as {\"$imagepolicy\": \"\(setter)\"}")
                setterName = setter
            case .marker(let setter):
                setterName = setter
            }
            let token = stream.tokens[value.token]
            guard let setter = rewriter.setters[setterName] else {
                reportUnknown(setterName, at: comment)
                return
            }
            markerCount += 1
            let old = stream.string(of: token)
            let new = setter.value
            guard new != old else { return }
            if let tag = value.explicitTag, tag != "tag:yaml.org,2002:str" {
                warn(
                    .explicitTag, line: token.start.line + 1, column: token.start.column + 1,
                    "the marked value carries the tag \(Self.shortTag(tag)), which stays; check that \"\(new)\" is valid for it")
            }
            edits.append(contentsOf: ScalarRendering.edits(for: new, replacing: token, in: stream))
            changes[object, default: []].append(SetterChange(oldValue: old, newValue: new, setter: setterName))
        }

        private mutating func reportUnknown(_ setterName: String, at comment: YAMLComment) {
            let parts = setterName.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            let line = comment.line + 1
            let column = comment.column + 1
            guard parts.count == 2 || parts.count == 3, !parts[0].isEmpty, !parts[1].isEmpty else {
                warn(
                    .unknownPolicy, line: line, column: column,
                    "\"\(setterName)\" is not a setter name: expected NAMESPACE:NAME, "
                        + "optionally followed by :tag, :name or :digest; the marker is ignored")
                return
            }
            let policy = parts[0] + ":" + parts[1]
            if parts.count == 3 && rewriter.policyNames.contains(policy) {
                warn(
                    .unknownField, line: line, column: column,
                    "\"\(parts[2])\" is not a setter field of policy \"\(policy)\" "
                        + "(use \(policy), \(policy):tag, \(policy):name or \(policy):digest); the marker is ignored")
                return
            }
            warn(
                .unknownPolicy, line: line, column: column,
                "no policy \"\(policy)\" was given, so this marker is left alone (as Flux leaves markers of policies it does not select)")
        }

        /// Marker comments that no value reads: on a key, below a value, above a mapping, or shadowed by a line comment.
        private mutating func reportUnusedMarkers(in stream: YAMLStream) {
            for (index, comment) in stream.comments.enumerated() where !used.contains(index) && MarkerComment.mentionsMarker(comment.text) {
                switch MarkerComment.read(comment.text) {
                case .marker, .markerWithoutDollar:
                    let message =
                        shadowed.contains(index)
                        ? "this marker is ignored because the value below it has a line comment, and Flux reads only that; "
                            + "move the marker onto the value's line"
                        : "this marker is not attached to a scalar value, so it is ignored, as Flux ignores it; "
                            + "put it at the end of the value's line, or alone on the line above a list item"
                    warn(.detachedMarker, line: comment.line + 1, column: comment.column + 1, message)
                case .malformed(let reason):
                    reportMalformed(comment.text, reason: reason, at: comment)
                case .notAMarker:
                    break
                }
            }
        }

        /// Only comments that look like JSON (`{` after the `#`s and spaces) are reported; prose that mentions the key is not.
        private mutating func reportMalformed(_ text: [UInt8], reason: String, at comment: YAMLComment) {
            let body = text.drop { $0 == UInt8(ascii: "#") || $0 == 0x20 || $0 == 0x09 }
            guard body.first == UInt8(ascii: "{") else { return }
            warn(
                .malformedMarker, line: comment.line + 1, column: comment.column + 1,
                "this comment is not a marker: after its '#' it must be exactly one JSON object of strings, "
                    + "like {\"$imagepolicy\": \"NAMESPACE:NAME\"} (\(reason)); it is ignored")
        }

        private mutating func warn(_ code: SetterDiagnostic.Code, line: Int?, column: Int?, _ message: String) {
            diagnostics.append(SetterDiagnostic(.warning, code, file: file.path, line: line, column: column, message: message))
        }

        static func apply(_ edits: [TextEdit], to bytes: [UInt8]) -> [UInt8] {
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 64)
            var position = 0
            for edit in edits.sorted(by: { $0.range.lowerBound < $1.range.lowerBound }) {
                out.append(contentsOf: bytes[position..<edit.range.lowerBound])
                out.append(contentsOf: edit.replacement)
                position = edit.range.upperBound
            }
            out.append(contentsOf: bytes[position...])
            return out
        }

        private static func describe(_ root: YAMLDocument.Root) -> String {
            switch root {
            case .sequence: "a sequence"
            case .scalar: "a scalar"
            case .alias: "an alias"
            case .mapping: "a mapping"
            case .null: "empty"
            }
        }

        private static func shortTag(_ tag: String) -> String {
            let core = "tag:yaml.org,2002:"
            return tag.hasPrefix(core) ? "!!" + tag.dropFirst(core.count) : tag
        }
    }
}
