/// One field of a ``TemplateStruct``.
public struct TemplateField: Hashable, Sendable {
    /// The field name (for an embedded field, the embedded type's name).
    public var name: String
    /// The value.
    public var value: TemplateValue
    /// Whether the field is embedded, so that its fields and methods are promoted.
    public var embedded: Bool
    /// The field's name in JSON (its `json:"…"` tag), when it has one.
    public var json: String?
    /// Whether JSON leaves the field out when it is empty (`omitempty`).
    public var omitEmpty: Bool

    /// Creates a field.
    public init(_ name: String, _ value: TemplateValue, embedded: Bool = false, json: String? = nil, omitEmpty: Bool = false) {
        self.name = name
        self.value = value
        self.embedded = embedded
        self.json = json
        self.omitEmpty = omitEmpty
    }
}
