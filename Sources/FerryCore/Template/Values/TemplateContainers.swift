import Synchronization

/// A Go slice: its type (`[]interface {}`, `[]string`, `[]update.Change`, …) and elements.
public struct TemplateSlice: Hashable, Sendable {
    /// The slice type.
    public var type: GoType
    /// The elements, in order.
    public var elements: [TemplateValue]

    /// Creates a slice of `type` holding `elements`.
    public init(type: GoType, _ elements: [TemplateValue]) {
        self.type = type
        self.elements = elements
    }

    /// The element type.
    public var elementType: GoType {
        if case .slice(let element) = type.underlying { return element }
        return .interface
    }
}

/// A Go map: its type and entries. Iteration (`range`, printing) visits keys in Go's
/// `fmtsort` order, see ``sortedKeys``.
///
/// Like a Go map, a `TemplateMap` is a reference: copies share their entries, so Sprig's
/// `set`, `unset` and `merge` change the map every variable holding it sees.
public struct TemplateMap: Hashable, Sendable {
    /// The map type, e.g. `map[string]interface {}` or `update.ObjectChanges`.
    public var type: GoType
    private let storage: TemplateMapStorage

    /// A new map of `type` holding `entries`.
    public init(type: GoType, entries: [TemplateValue: TemplateValue] = [:]) {
        self.type = type
        self.storage = TemplateMapStorage(entries)
    }

    /// A snapshot of the entries.
    public var entries: [TemplateValue: TemplateValue] { storage.snapshot }

    /// The key type.
    public var keyType: GoType {
        if case .map(let key, _) = type.underlying { return key }
        return .interface
    }

    /// The value type.
    public var valueType: GoType {
        if case .map(_, let value) = type.underlying { return value }
        return .interface
    }

    /// The number of entries.
    public var count: Int { storage.count }

    /// The value stored for `key`, or `nil`; setting changes the shared entries.
    public subscript(key: TemplateValue) -> TemplateValue? {
        get { storage.value(for: key) }
        nonmutating set { storage.set(newValue, for: key) }
    }

    /// A new map with the same type and a copy of the entries.
    public func copy() -> TemplateMap { TemplateMap(type: type, entries: entries) }

    /// The keys in the order Go's `fmtsort` sorts them: numbers by value, strings by bytes,
    /// `false` before `true`, structs field by field.
    public var sortedKeys: [TemplateValue] {
        entries.keys.sorted { GoOrder.compare($0, $1) < 0 }
    }

    /// The entries in ``sortedKeys`` order.
    public var sortedEntries: [(key: TemplateValue, value: TemplateValue)] {
        let entries = self.entries
        return entries.keys.sorted { GoOrder.compare($0, $1) < 0 }.map { ($0, entries[$0] ?? .missing) }
    }

    public static func == (lhs: TemplateMap, rhs: TemplateMap) -> Bool {
        lhs.type == rhs.type && (lhs.storage === rhs.storage || lhs.entries == rhs.entries)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(type)
        hasher.combine(entries)
    }
}

/// The shared entries of a ``TemplateMap``, guarded by a mutex so that values stay `Sendable`.
final class TemplateMapStorage: Sendable {
    private let entries: Mutex<[TemplateValue: TemplateValue]>

    init(_ entries: [TemplateValue: TemplateValue]) {
        self.entries = Mutex(entries)
    }

    var snapshot: [TemplateValue: TemplateValue] { entries.withLock { $0 } }
    var count: Int { entries.withLock { $0.count } }
    func value(for key: TemplateValue) -> TemplateValue? { entries.withLock { $0[key] } }
    func set(_ value: TemplateValue?, for key: TemplateValue) { entries.withLock { $0[key] = value } }
}

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

/// A Go struct value: a named type, fields in declaration order, and methods. A method named
/// `String` taking no arguments makes the value a `fmt.Stringer`, which printing uses.
public struct TemplateStruct: Hashable, Sendable {
    /// The struct's type, e.g. `types.NamespacedName`.
    public var type: GoType
    /// The fields in declaration order.
    public var fields: [TemplateField]
    /// The methods by name; the receiver is captured by each method.
    public var methods: [String: TemplateFunction]

    /// Creates a struct value.
    public init(type: GoType, fields: [TemplateField], methods: [TemplateFunction] = []) {
        self.type = type
        self.fields = fields
        self.methods = Dictionary(methods.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public static func == (lhs: TemplateStruct, rhs: TemplateStruct) -> Bool {
        lhs.type == rhs.type && lhs.fields == rhs.fields
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(type)
        hasher.combine(fields)
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
