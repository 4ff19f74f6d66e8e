/// A span of time as Go's `time.Duration`: whole nanoseconds, parsed and printed exactly as Go
/// does (`1h30m`, `1.5s`, `300ms`; printed `1h30m0s`, `1.5s`, `300ms`), because Flux writes
/// durations into messages that users compare (C-08).
///
/// ```swift
/// let interval = try GoDuration(parsing: "90m")
/// interval.description  // "1h30m0s"
/// ```
public struct GoDuration: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The length in nanoseconds.
    public var nanoseconds: Int64

    /// A duration of `nanoseconds`.
    public init(nanoseconds: Int64) {
        self.nanoseconds = nanoseconds
    }

    /// A whole number of seconds.
    public static func seconds(_ seconds: Int64) -> GoDuration { GoDuration(nanoseconds: seconds * 1_000_000_000) }
    /// A whole number of milliseconds.
    public static func milliseconds(_ milliseconds: Int64) -> GoDuration { GoDuration(nanoseconds: milliseconds * 1_000_000) }
    /// A whole number of minutes.
    public static func minutes(_ minutes: Int64) -> GoDuration { .seconds(minutes * 60) }
    /// No time at all.
    public static let zero = GoDuration(nanoseconds: 0)

    /// The duration as a Swift `Duration`.
    public var duration: Duration { .nanoseconds(nanoseconds) }

    /// The duration in seconds, as a floating-point number.
    public var seconds: Double { Double(nanoseconds) / 1e9 }

    public static func < (lhs: GoDuration, rhs: GoDuration) -> Bool { lhs.nanoseconds < rhs.nanoseconds }

    // MARK: Parsing

    /// Parses a duration as Go's `time.ParseDuration`: an optional sign, then one or more
    /// decimal numbers each with a unit (`ns`, `us`, `µs`, `μs`, `ms`, `s`, `m`, `h`), such as
    /// `300ms`, `-1.5h` or `2h45m`; `0` alone needs no unit.
    ///
    /// - Throws: ``GoDurationError`` with Go's message (`time: invalid duration "1x"`).
    public init(parsing text: String) throws(GoDurationError) {
        let bytes = Array(text.utf8)
        var index = 0
        var negative = false
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
            negative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }
        if bytes[index...].elementsEqual("0".utf8) {
            self.init(nanoseconds: 0)
            return
        }
        guard index < bytes.count else { throw GoDurationError.invalid(text) }
        var total: UInt64 = 0
        while index < bytes.count {
            // The number: whole part, then an optional fraction.
            guard bytes[index] == UInt8(ascii: ".") || bytes[index].isASCIIDigit else { throw GoDurationError.invalid(text) }
            let wholeStart = index
            var whole: UInt64 = 0
            var overflow = false
            while index < bytes.count, bytes[index].isASCIIDigit {
                let (times, o1) = whole.multipliedReportingOverflow(by: 10)
                let (sum, o2) = times.addingReportingOverflow(UInt64(bytes[index] - UInt8(ascii: "0")))
                if o1 || o2 || sum > 1 << 63 { overflow = true }
                whole = sum
                index += 1
            }
            if overflow { throw GoDurationError.invalid(text) }
            let sawWhole = index > wholeStart
            var fraction: UInt64 = 0
            var scale: Double = 1
            var sawFraction = false
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                let fractionStart = index
                var fractionOverflow = false
                while index < bytes.count, bytes[index].isASCIIDigit {
                    // Go keeps consuming digits but stops adding precision once it would overflow.
                    if !fractionOverflow {
                        if fraction > (UInt64(1) << 63 - 1) / 10 {
                            fractionOverflow = true
                        } else {
                            let next = fraction * 10 + UInt64(bytes[index] - UInt8(ascii: "0"))
                            if next > 1 << 63 {
                                fractionOverflow = true
                            } else {
                                fraction = next
                                scale *= 10
                            }
                        }
                    }
                    index += 1
                }
                sawFraction = index > fractionStart
            }
            guard sawWhole || sawFraction else { throw GoDurationError.invalid(text) }
            // The unit.
            let unitStart = index
            while index < bytes.count, bytes[index] != UInt8(ascii: "."), !bytes[index].isASCIIDigit { index += 1 }
            guard index > unitStart else { throw GoDurationError.missingUnit(text) }
            let unitText = String(decoding: bytes[unitStart..<index], as: UTF8.self)
            guard let unit = Self.units[unitText] else { throw GoDurationError.unknownUnit(unitText, text) }
            guard whole <= (1 << 63) / unit else { throw GoDurationError.invalid(text) }
            var value = whole * unit
            if fraction > 0 {
                let extra = UInt64(Double(fraction) * (Double(unit) / scale))
                value += extra
                if value > 1 << 63 { throw GoDurationError.invalid(text) }
            }
            total += value
            if total > 1 << 63 { throw GoDurationError.invalid(text) }
        }
        if !negative && total > UInt64(Int64.max) { throw GoDurationError.invalid(text) }
        self.init(nanoseconds: negative ? Int64(truncatingIfNeeded: 0 &- total) : Int64(total))
    }

    private static let units: [String: UInt64] = [
        "ns": 1, "us": 1_000, "µs": 1_000, "μs": 1_000, "ms": 1_000_000, "s": 1_000_000_000, "m": 60_000_000_000,
        "h": 3_600_000_000_000,
    ]

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            try self.init(parsing: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    // MARK: Printing

    /// Go's `Duration.String()`: `72h3m0.5s`, `1.5s`, `300ms`, `2µs`, `0s`.
    public var description: String {
        var magnitude = nanoseconds.magnitude
        let negative = nanoseconds < 0
        if magnitude < 1_000_000_000 {
            // Under a second: one unit, the smallest that gives a leading digit.
            if magnitude == 0 { return "0s" }
            let (unit, digits): (String, Int) = magnitude < 1_000 ? ("ns", 0) : magnitude < 1_000_000 ? ("µs", 3) : ("ms", 6)
            return (negative ? "-" : "") + Self.fraction(magnitude, digits: digits) + unit
        }
        var text = ""
        let seconds = Self.fraction(magnitude % 60_000_000_000, digits: 9)
        text = seconds + "s"
        magnitude /= 60_000_000_000
        if magnitude > 0 {
            text = "\(magnitude % 60)m" + text
            magnitude /= 60
            if magnitude > 0 { text = "\(magnitude)h" + text }
        }
        return (negative ? "-" : "") + text
    }

    /// `value / 10^digits` with the fraction's trailing zeros (and a bare point) removed.
    private static func fraction(_ value: UInt64, digits: Int) -> String {
        var divisor: UInt64 = 1
        for _ in 0..<digits { divisor *= 10 }
        let whole = value / divisor
        var rest = value % divisor
        guard rest > 0 else { return "\(whole)" }
        var places = digits
        while rest % 10 == 0 {
            rest /= 10
            places -= 1
        }
        let padded = String(repeating: "0", count: places - String(rest).count) + String(rest)
        return "\(whole).\(padded)"
    }
}

/// A duration Go's `time.ParseDuration` would reject, with Go's message.
public struct GoDurationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Go's message, e.g. `time: invalid duration "1x"`.
    public let description: String

    static func invalid(_ text: String) -> Self { Self(description: "time: invalid duration \(goQuote(text))") }
    static func missingUnit(_ text: String) -> Self { Self(description: "time: missing unit in duration \(goQuote(text))") }
    static func unknownUnit(_ unit: String, _ text: String) -> Self {
        Self(description: "time: unknown unit \(goQuote(unit)) in duration \(goQuote(text))")
    }

    /// Go's `strconv.Quote` for the printable ASCII and UTF-8 these messages hold.
    private static func goQuote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\x" + (hex.count < 2 ? "0" + hex : hex)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
