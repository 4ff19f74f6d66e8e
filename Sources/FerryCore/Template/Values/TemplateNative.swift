/// A value of a Go library type that Ferry computes with itself rather than through fields:
/// `time.Time`, `time.Duration`, `time.Month`, `time.Weekday` and `*time.Location`. Such a
/// value is a ``TemplateStruct`` of the Go type, with the Go methods templates call; this is
/// what those methods and Sprig's functions read.
enum TemplateNative: Hashable, Sendable {
    case time(GoTime)
    case duration(GoDuration)
    case month(Int)
    case weekday(Int)
    case location(GoLocation)

    /// The number a value of a named integer type (`time.Duration`, `time.Month`,
    /// `time.Weekday`) holds, which `%d`, comparisons and truth tests see.
    var integer: Int64? {
        switch self {
        case .duration(let duration): return duration.nanoseconds
        case .month(let month): return Int64(month)
        case .weekday(let weekday): return Int64(weekday)
        case .time, .location: return nil
        }
    }
}

extension TemplateValue {
    /// The native value, when this is a struct of a library type.
    var native: TemplateNative? {
        if case .structure(let structure) = self { return structure.native }
        return nil
    }
}
