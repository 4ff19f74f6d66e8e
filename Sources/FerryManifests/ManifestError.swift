/// A manifest that cannot be read or decoded: names the file, the line, the object (`Kind/namespace/name`), the
/// field and the value where they are known, in one sentence.
public struct ManifestError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file (or `<input>`).
    public let file: String
    /// 1-based line, when known.
    public let line: Int?
    /// 1-based column, when known.
    public let column: Int?
    /// `Kind/namespace/name`, when the document got that far.
    public let object: String?
    /// The field path, e.g. `spec.eventSources[0].kind`.
    public let field: String?
    /// The offending value, when there is one (never for Secret data).
    public let value: String?
    /// What is wrong.
    public let reason: String

    /// Creates an error.
    public init(file: String, line: Int? = nil, column: Int? = nil, object: String? = nil, field: String? = nil, value: String? = nil,
                reason: String) {
        self.file = file
        self.line = line
        self.column = column
        self.object = object
        self.field = field
        self.value = value
        self.reason = reason
    }

    public var description: String {
        var place = file
        if let line { place += ":\(line)" + (column.map { ":\($0)" } ?? "") }
        var text = place + ": "
        if let object { text += object + ": " }
        if let field {
            text += field
            if let value { text += " \"\(value)\"" }
            text += ": "
        }
        return text + reason
    }
}
