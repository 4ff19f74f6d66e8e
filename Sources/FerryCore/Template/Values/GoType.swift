/// The Go type of a template value, as far as templates can observe it: `%T` prints it,
/// function parameters check assignability against it, and a missing map entry or slice
/// element takes its zero value.
///
/// Ferry models Go's predeclared basic types, the empty interface, slices, maps, and named
/// types (struct types such as `types.NamespacedName`, or named maps such as
/// `update.ObjectChanges`).
public indirect enum GoType: Hashable, Sendable, CustomStringConvertible {
    /// `bool`.
    case bool
    /// `string`.
    case string
    /// An integer type (`int`, `int64`, `uint8`, …).
    case integer(IntegerType)
    /// `float64`.
    case float64
    /// `interface {}`, Go's `any`.
    case interface
    /// `[]Element`.
    case slice(GoType)
    /// `map[Key]Value`.
    case map(key: GoType, value: GoType)
    /// A named type, e.g. `types.NamespacedName` (a struct) or `update.ObjectChanges`
    /// (a map); `underlying` is `nil` for struct types.
    case named(String, underlying: GoType?)
    /// A function type, printed as given (e.g. `func(string) string`).
    case function(String)

    /// `int`, the type of integer constants and JSON integers.
    public static let int = GoType.integer(.int)
    /// `int64`, the type Sprig's integer arithmetic returns.
    public static let int64 = GoType.integer(.int64)
    /// `[]interface {}`.
    public static let anySlice = GoType.slice(.interface)
    /// `[]string`.
    public static let stringSlice = GoType.slice(.string)
    /// `map[string]interface {}`.
    public static let anyMap = GoType.map(key: .string, value: .interface)
    /// `map[string]string`.
    public static let stringMap = GoType.map(key: .string, value: .string)

    /// Go's spelling of the type, as `%T` and error messages print it.
    public var description: String {
        switch self {
        case .bool: return "bool"
        case .string: return "string"
        case .integer(let type): return type.rawValue
        case .float64: return "float64"
        case .interface: return "interface {}"
        case .slice(let element): return "[]\(element)"
        case .map(let key, let value): return "map[\(key)]\(value)"
        case .named(let name, _): return name
        case .function(let signature): return signature
        }
    }

    /// The type with names stripped from the top level: a named map's map type.
    public var underlying: GoType {
        if case .named(_, let underlying?) = self { return underlying.underlying }
        return self
    }

    /// Go's `reflect.Kind` name of the type (`string`, `int`, `slice`, `map`, `struct`, …),
    /// as Sprig's `kindOf` prints it.
    public var kindName: String {
        switch underlying {
        case .bool: return "bool"
        case .string: return "string"
        case .integer(let type): return type.rawValue
        case .float64: return "float64"
        case .interface: return "interface"
        case .slice: return "slice"
        case .map: return "map"
        case .named(let name, _): return name.hasPrefix("*") ? "ptr" : "struct"
        case .function: return "func"
        }
    }

    /// Whether a value of type `source` may be passed where this type is expected: the types
    /// are identical, or this is the empty interface.
    public func accepts(_ source: GoType) -> Bool {
        self == .interface || self == source
    }
}

/// Go's integer types.
public enum IntegerType: String, Hashable, Sendable, CaseIterable {
    case int, int8, int16, int32, int64
    case uint, uint8, uint16, uint32, uint64, uintptr

    /// Whether the type is one of the `uint` family.
    public var isUnsigned: Bool {
        switch self {
        case .int, .int8, .int16, .int32, .int64: return false
        default: return true
        }
    }
}
