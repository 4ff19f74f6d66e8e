/// Go `time.Duration` text, as Flux specs and status use it (`15s`, `1m0s`, `1h30m`, `1.5s`, `500ms`): parsed
/// with `time.ParseDuration` rules and printed as `Duration.String()` does.
public struct FluxDuration: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Nanoseconds.
    public var nanoseconds: Int64

    /// Creates a duration from nanoseconds.
    public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }

    /// Creates a duration from seconds.
    public static func seconds(_ value: Int64) -> FluxDuration { FluxDuration(nanoseconds: value * 1_000_000_000) }

    public static func < (left: Self, right: Self) -> Bool { left.nanoseconds < right.nanoseconds }

    /// The same span as a Swift `Duration`.
    public var duration: Duration { .nanoseconds(nanoseconds) }

    private static let units: [(String, Double)] = [
        ("ns", 1), ("us", 1e3), ("µs", 1e3), ("μs", 1e3), ("ms", 1e6), ("s", 1e9), ("m", 60e9), ("h", 3600e9),
    ]

    /// Parses Go duration text; `nil` when it is not one (the CRD pattern for notification timeouts is stricter,
    /// see ``matchesTimeoutPattern(_:)``).
    public init?(parsing text: String) {
        var rest = Substring(text)
        var sign = 1.0
        if rest.first == "-" || rest.first == "+" {
            if rest.first == "-" { sign = -1 }
            rest = rest.dropFirst()
        }
        if rest == "0" {
            self.init(nanoseconds: 0)
            return
        }
        guard !rest.isEmpty else { return nil }
        var total = 0.0
        while !rest.isEmpty {
            let number = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
            guard !number.isEmpty, number != ".", number.filter({ $0 == "." }).count <= 1, let value = Double(number) else { return nil }
            rest = rest.dropFirst(number.count)
            let unitText = rest.prefix { !($0.isASCII && ($0.isNumber || $0 == ".")) }
            guard let unit = Self.units.first(where: { $0.0 == unitText }) else { return nil }
            rest = rest.dropFirst(unitText.count)
            total += value * unit.1
        }
        guard total * sign < 9.2e18 else { return nil }
        self.init(nanoseconds: Int64((total * sign).rounded()))
    }

    /// Whether `text` matches the Provider CRD's `timeout` pattern `^([0-9]+(\.[0-9]+)?(ms|s|m))+$`.
    public static func matchesTimeoutPattern(_ text: String) -> Bool {
        var rest = Substring(text)
        guard !rest.isEmpty else { return false }
        while !rest.isEmpty {
            let whole = rest.prefix { $0.isASCII && $0.isNumber }
            guard !whole.isEmpty else { return false }
            rest = rest.dropFirst(whole.count)
            if rest.first == "." {
                rest = rest.dropFirst()
                let fraction = rest.prefix { $0.isASCII && $0.isNumber }
                guard !fraction.isEmpty else { return false }
                rest = rest.dropFirst(fraction.count)
            }
            if rest.hasPrefix("ms") {
                rest = rest.dropFirst(2)
            } else if rest.first == "s" || rest.first == "m" {
                rest = rest.dropFirst()
            } else {
                return false
            }
        }
        return true
    }

    /// Go's `Duration.String()`: `1h0m0s`, `1m30s`, `1.5s`, `500ms`, `0s`.
    public var description: String {
        if nanoseconds == 0 { return "0s" }
        let negative = nanoseconds < 0
        let magnitude = nanoseconds.magnitude
        var text: String
        if magnitude < 1_000_000_000 {
            let (unit, scale): (String, UInt64) = magnitude < 1_000 ? ("ns", 1) : magnitude < 1_000_000 ? ("µs", 1_000) : ("ms", 1_000_000)
            text = Self.decimal(magnitude, scale: scale) + unit
        } else {
            let hours = magnitude / 3_600_000_000_000
            let minutes = magnitude / 60_000_000_000 % 60
            let seconds = magnitude % 60_000_000_000
            text = Self.decimal(seconds, scale: 1_000_000_000) + "s"
            if hours > 0 {
                text = "\(hours)h\(minutes)m" + text
            } else if minutes > 0 {
                text = "\(minutes)m" + text
            }
        }
        return negative ? "-" + text : text
    }

    private static func decimal(_ value: UInt64, scale: UInt64) -> String {
        let whole = value / scale
        var fraction = value % scale
        guard fraction > 0 else { return String(whole) }
        var digits = String(fraction)
        let width = String(scale).count - 1
        while digits.count < width { digits = "0" + digits }
        while digits.hasSuffix("0") { digits.removeLast() }
        fraction = 0
        return "\(whole).\(digits)"
    }
}
