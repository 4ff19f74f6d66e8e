/// The direction of an alphabetical or numerical policy.
public enum SortOrder: String, Sendable, Hashable, CaseIterable {
    /// The greatest value is the latest.
    case ascending = "asc"
    /// The least value is the latest.
    case descending = "desc"

    /// Reads an `order` field as Flux does: missing or empty means ascending; otherwise `asc`
    /// or `desc` in any letter case.
    ///
    /// - Returns: `nil` for any other value.
    public init?(field: String?) {
        switch (field ?? "").uppercased() {
        case "", "ASC": self = .ascending
        case "DESC": self = .descending
        default: return nil
        }
    }
}
