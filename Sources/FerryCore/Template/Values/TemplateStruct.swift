/// A Go struct value: a named type, fields in declaration order, and methods. A method named
/// `String` taking no arguments makes the value a `fmt.Stringer`, which printing uses.
public struct TemplateStruct: Hashable, Sendable {
    /// The struct's type, e.g. `types.NamespacedName`.
    public var type: GoType
    /// The fields in declaration order.
    public var fields: [TemplateField]
    /// The methods by name; the receiver is captured by each method.
    public var methods: [String: TemplateFunction]
    /// The value itself, for the library types Ferry computes with (`time.Time`, …).
    let native: TemplateNative?

    /// Creates a struct value.
    public init(type: GoType, fields: [TemplateField], methods: [TemplateFunction] = []) {
        self.init(type: type, fields: fields, methods: methods, native: nil)
    }

    init(type: GoType, fields: [TemplateField], methods: [TemplateFunction], native: TemplateNative?) {
        self.type = type
        self.fields = fields
        self.methods = Dictionary(methods.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        self.native = native
    }

    public static func == (lhs: TemplateStruct, rhs: TemplateStruct) -> Bool {
        lhs.type == rhs.type && lhs.fields == rhs.fields && lhs.native == rhs.native
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(type)
        hasher.combine(fields)
        hasher.combine(native)
    }

    /// The field `name`, looked up as Go's `FieldByName` does: own fields first, then fields
    /// promoted from embedded structs, shallowest first; `nil` when there is none or the name
    /// is ambiguous at the shallowest depth that has it.
    public func field(named name: String) -> TemplateValue? {
        var level: [TemplateStruct] = [self]
        while !level.isEmpty {
            var found: [TemplateValue] = []
            var next: [TemplateStruct] = []
            for candidate in level {
                for field in candidate.fields {
                    if field.name == name { found.append(field.value) }
                    if field.embedded, case .structure(let inner) = field.value { next.append(inner) }
                }
            }
            if found.count == 1 { return found[0] }
            if found.count > 1 { return nil }
            level = next
        }
        return nil
    }

    /// The method `name`, own or promoted from an embedded struct.
    public func method(named name: String) -> TemplateFunction? {
        if let method = methods[name] { return method }
        for field in fields where field.embedded {
            if case .structure(let inner) = field.value, let method = inner.method(named: name) { return method }
        }
        return nil
    }

    /// What `String()` returns, when the struct has that method.
    public var stringerDescription: String? {
        guard let method = method(named: "String"), method.signature.parameters.isEmpty, method.signature.variadic == nil,
            case .string(let text)? = try? method.invoke([], limits: .default)
        else { return nil }
        return text
    }
}
