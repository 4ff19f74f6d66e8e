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
