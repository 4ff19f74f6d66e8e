import Synchronization

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
