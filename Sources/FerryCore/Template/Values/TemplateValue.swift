/// A value a Go template works on: Go's data model reduced to what templates can observe,
/// typed, without `Any` or reflection.
///
/// Two kinds of "nothing" are kept apart as Go keeps them apart: ``missing`` is Go's invalid
/// `reflect.Value` (a missing map key, a field of nil data), which an action prints as
/// `<no value>`; ``null`` is a nil stored in an interface (a JSON `null`, `nil` passed to a
/// function), which `print` shows as `<nil>`.
///
/// ```swift
/// let data: TemplateValue = .map(["name": "podinfo", "replicas": .int(3)])
/// let text = try Template(parsing: "{{.name}}: {{.replicas}}").render(data)  // "podinfo: 3"
/// ```
public indirect enum TemplateValue: Sendable {
    /// No value at all (Go's invalid `reflect.Value`): prints as `<no value>`.
    case missing
    /// A nil interface value: prints as `<nil>`.
    case null
    /// A `bool`.
    case bool(Bool)
    /// An integer of the given Go type (unsigned types hold values up to `Int64.max`).
    case int(Int64, IntegerType)
    /// A `float64`.
    case float(Double)
    /// A `string`.
    case string(String)
    /// A slice.
    case slice(TemplateSlice)
    /// A map.
    case map(TemplateMap)
    /// A struct (or a pointer to one), with fields and methods.
    case structure(TemplateStruct)
    /// A function value, for the `call` builtin.
    case function(TemplateFunction)

    /// An `int`.
    public static func int(_ value: Int) -> TemplateValue { .int(Int64(value), .int) }

    /// A `map[string]interface {}` built from Swift pairs.
    public static func map(_ entries: KeyValuePairs<String, TemplateValue>) -> TemplateValue {
        let map = TemplateMap(type: .anyMap)
        for (key, value) in entries { map[.string(key)] = value }
        return .map(map)
    }

    /// A `[]interface {}`.
    public static func list(_ elements: [TemplateValue]) -> TemplateValue {
        .slice(TemplateSlice(type: .anySlice, elements))
    }

    /// The value's Go type; `nil` for ``missing``, the empty interface for ``null``.
    public var goType: GoType? {
        switch self {
        case .missing: return nil
        case .null: return .interface
        case .bool: return .bool
        case .int(_, let type): return .integer(type)
        case .float: return .float64
        case .string: return .string
        case .slice(let slice): return slice.type
        case .map(let map): return map.type
        case .structure(let structure): return structure.type
        case .function(let function): return function.type
        }
    }

    /// Whether this is ``missing``.
    public var isMissing: Bool {
        if case .missing = self { return true }
        return false
    }

    /// The string, when this is a string.
    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// The zero value of `type`, as Go's `reflect.Zero` gives it.
    public static func zero(of type: GoType) -> TemplateValue {
        switch type.underlying {
        case .bool: return .bool(false)
        case .string: return .string("")
        case .integer(let integer): return .int(0, integer)
        case .float64: return .float(0)
        case .interface, .function: return .null
        case .slice: return .slice(TemplateSlice(type: type, []))
        case .map: return .map(TemplateMap(type: type))
        case .named: return .structure(TemplateStruct(type: type, fields: []))
        }
    }
}

extension TemplateValue: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByArrayLiteral, ExpressibleByNilLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int) { self = .int(Int64(value), .int) }
    public init(floatLiteral value: Double) { self = .float(value) }
    public init(arrayLiteral elements: TemplateValue...) { self = .list(elements) }
    public init(nilLiteral: ()) { self = .null }
}

extension TemplateValue: Hashable {
    /// Go's `==` on comparable values: strings compare byte for byte (not by Unicode
    /// canonical equivalence, as Swift's `String` would), numbers of different Go types differ.
    public static func == (lhs: TemplateValue, rhs: TemplateValue) -> Bool {
        switch (lhs, rhs) {
        case (.missing, .missing), (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.int(let a, let ta), .int(let b, let tb)): return a == b && ta == tb
        case (.float(let a), .float(let b)): return a == b
        case (.string(let a), .string(let b)): return a.utf8.elementsEqual(b.utf8)
        case (.slice(let a), .slice(let b)): return a == b
        case (.map(let a), .map(let b)): return a == b
        case (.structure(let a), .structure(let b)): return a == b
        case (.function(let a), .function(let b)): return a == b
        default: return false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .missing: hasher.combine(0)
        case .null: hasher.combine(1)
        case .bool(let value): hasher.combine(value)
        case .int(let value, let type):
            hasher.combine(value)
            hasher.combine(type)
        case .float(let value): hasher.combine(value)
        case .string(let text):
            hasher.combine(text.utf8.count)
            for byte in text.utf8 { hasher.combine(byte) }
        case .slice(let slice): hasher.combine(slice)
        case .map(let map): hasher.combine(map)
        case .structure(let structure): hasher.combine(structure)
        case .function(let function): hasher.combine(function)
        }
    }
}
