/// Go `time.Duration` strings as Flux's CRDs accept them: one or more `<number><unit>` with units `ms`, `s`, `m`
/// and `h` (`30s`, `1m30s`, `1.5s`, `500ms`).
enum GoDuration {
    /// The duration, or `nil` when `text` is not one.
    static func parse(_ text: String) -> Duration? {
        var rest = Substring(text)
        guard !rest.isEmpty else { return nil }
        var total = Duration.zero
        while !rest.isEmpty {
            let number = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
            guard !number.isEmpty, number.first != ".", number.last != ".", number.filter({ $0 == "." }).count <= 1,
                let value = Double(number)
            else { return nil }
            rest = rest.dropFirst(number.count)
            let unit = rest.prefix { $0.isASCII && $0.isLetter }
            rest = rest.dropFirst(unit.count)
            let scale: Double
            switch unit {
            case "ms": scale = 0.001
            case "s": scale = 1
            case "m": scale = 60
            case "h": scale = 3600
            default: return nil
            }
            let seconds = value * scale
            guard seconds < 1e9 else { return nil }
            total += .nanoseconds(Int64((seconds * 1e9).rounded()))
        }
        return total
    }
}
