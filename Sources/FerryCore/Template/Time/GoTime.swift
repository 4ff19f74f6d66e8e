/// A Go `time.Time` without a monotonic clock reading: an instant to the nanosecond and the
/// location it is shown in. Sprig's `toDate` makes one; templates print it as Go does
/// (`2024-03-01 12:30:00 +0000 UTC`), format it with Go layouts and call its methods.
///
/// The instant is kept as Go keeps it, in seconds since January 1 of year 1 (UTC), so the
/// years Go allows (far beyond ``Timestamp``'s 1677–2262) compute as in Go.
///
/// ```swift
/// let time = try GoTime(parsing: "2024-03-01T12:30:00+01:00", layout: GoTime.rfc3339)
/// time.description                  // "2024-03-01 12:30:00 +0100 +0100"
/// time.format("Jan 2, 2006 at 3:04pm")  // "Mar 1, 2024 at 12:30pm"
/// ```
public struct GoTime: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Seconds since 0001-01-01T00:00:00Z (Go's internal epoch).
    public internal(set) var seconds: Int64
    /// Nanoseconds into the second, from 0 to 999,999,999.
    public internal(set) var nanosecond: Int32
    /// Where the time is shown.
    public internal(set) var location: GoLocation

    /// Seconds from 0001-01-01 to 1970-01-01.
    static let unixToInternal: Int64 = (1969 * 365 + 1969 / 4 - 1969 / 100 + 1969 / 400) * 86_400

    /// Go's zero `time.Time`: January 1, year 1, 00:00:00 UTC.
    public static let zero = GoTime(seconds: 0, nanosecond: 0, location: .utc)

    /// Go's `RFC3339` layout.
    public static let rfc3339 = "2006-01-02T15:04:05Z07:00"
    /// Go's `RFC3339Nano` layout.
    public static let rfc3339Nano = "2006-01-02T15:04:05.999999999Z07:00"
    /// The layout `String()` uses.
    static let stringLayout = "2006-01-02 15:04:05.999999999 -0700 MST"

    init(seconds: Int64, nanosecond: Int32, location: GoLocation) {
        self.seconds = seconds
        self.nanosecond = nanosecond
        self.location = location
    }

    /// Go's `time.Unix(seconds, nanoseconds)`, normalising the nanoseconds into the second.
    public init(unixSeconds: Int64, nanoseconds: Int64 = 0, location: GoLocation = .local) {
        var whole = unixSeconds
        var fraction = nanoseconds
        if fraction < 0 || fraction >= 1_000_000_000 {
            whole &+= fraction / 1_000_000_000
            fraction %= 1_000_000_000
            if fraction < 0 {
                fraction += 1_000_000_000
                whole &-= 1
            }
        }
        self.init(seconds: whole &+ Self.unixToInternal, nanosecond: Int32(fraction), location: location)
    }

    /// The instant `timestamp` in the local zone, as `time.Now()` returns the current time.
    public init(_ timestamp: Timestamp) {
        let nanoseconds = timestamp.nanosecondsSinceEpoch
        let (quotient, remainder) = nanoseconds.quotientAndRemainder(dividingBy: 1_000_000_000)
        self.init(unixSeconds: quotient, nanoseconds: remainder)
    }

    // MARK: Instants

    /// Go's `Unix()`: seconds since 1970-01-01 UTC.
    public var unixSeconds: Int64 { seconds &- Self.unixToInternal }

    /// Go's `UnixNano()` (wrapping outside 1678–2262, as Go's does).
    public var unixNanoseconds: Int64 { unixSeconds &* 1_000_000_000 &+ Int64(nanosecond) }

    /// Go's `IsZero()`.
    public var isZero: Bool { seconds == 0 && nanosecond == 0 }

    /// The same instant shown in `location` (Go's `In`, `UTC`, `Local`).
    public func `in`(_ location: GoLocation) -> GoTime { GoTime(seconds: seconds, nanosecond: nanosecond, location: location) }

    /// Go's `Equal`: the same instant, wherever shown.
    public func isSameInstant(as other: GoTime) -> Bool { seconds == other.seconds && nanosecond == other.nanosecond }

    public static func < (lhs: GoTime, rhs: GoTime) -> Bool {
        lhs.seconds < rhs.seconds || (lhs.seconds == rhs.seconds && lhs.nanosecond < rhs.nanosecond)
    }

    /// Go's `Add`.
    public func adding(_ duration: GoDuration) -> GoTime {
        var wholeSeconds = duration.nanoseconds / 1_000_000_000
        var nanos = nanosecond + Int32(duration.nanoseconds % 1_000_000_000)
        if nanos >= 1_000_000_000 {
            wholeSeconds += 1
            nanos -= 1_000_000_000
        } else if nanos < 0 {
            wholeSeconds -= 1
            nanos += 1_000_000_000
        }
        return GoTime(seconds: Self.addSeconds(seconds, wholeSeconds), nanosecond: nanos, location: location)
    }

    /// Go's `addSec`: saturates at ±(2⁶³−1) seconds instead of wrapping.
    static func addSeconds(_ seconds: Int64, _ delta: Int64) -> Int64 {
        let (sum, overflow) = seconds.addingReportingOverflow(delta)
        if !overflow { return sum }
        return delta > 0 ? Int64.max : -Int64.max
    }

    /// Go's `Sub`: `self - other`, saturating at the largest and smallest durations.
    public func subtracting(_ other: GoTime) -> GoDuration {
        let candidate = GoDuration(
            nanoseconds: (seconds &- other.seconds) &* 1_000_000_000 &+ Int64(nanosecond - other.nanosecond))
        if other.adding(candidate).isSameInstant(as: self) { return candidate }
        return self < other ? GoDuration(nanoseconds: .min) : GoDuration(nanoseconds: .max)
    }

    /// Go's `Truncate`: rounded down to a multiple of `duration` since the zero time.
    public func truncated(to duration: GoDuration) -> GoTime {
        guard duration.nanoseconds > 0 else { return self }
        return adding(GoDuration(nanoseconds: -remainder(dividingBy: duration)))
    }

    /// Go's `Round`: the nearest multiple of `duration` since the zero time, halves up.
    public func rounded(to duration: GoDuration) -> GoTime {
        guard duration.nanoseconds > 0 else { return self }
        let remainder = remainder(dividingBy: duration)
        if GoDuration.lessThanHalf(remainder, duration.nanoseconds) { return adding(GoDuration(nanoseconds: -remainder)) }
        return adding(GoDuration(nanoseconds: duration.nanoseconds - remainder))
    }

    /// Go's `div`: the time since the zero time modulo `duration` (positive), in nanoseconds.
    private func remainder(dividingBy duration: GoDuration) -> Int64 {
        let divisor = UInt128(UInt64(duration.nanoseconds))
        let negative = seconds < 0
        let magnitude = UInt128(seconds.magnitude) * 1_000_000_000
        let total = negative ? magnitude - UInt128(nanosecond) : magnitude + UInt128(nanosecond)
        let remainder = Int64(total % divisor)
        return negative && remainder != 0 ? duration.nanoseconds - remainder : remainder
    }

    // MARK: Printing

    /// Go's `String()`: `2006-01-02 15:04:05.999999999 -0700 MST`.
    public var description: String { format(Self.stringLayout) }

    /// Go's `GoString()`, which `%#v` prints: `time.Date(2024, time.March, 1, 12, 30, 0, 0, time.UTC)`.
    public var goSyntax: String {
        let date = civil
        let clock = self.clock
        let zone: String
        switch location {
        case .utc: zone = "time.UTC"
        case .local: zone = "time.Local"
        case .fixed(let name, _): zone = "time.Location(" + GoTimeText.quote(name) + ")"
        }
        return "time.Date(\(date.year), time.\(GoTimeText.longMonthNames[date.month - 1]), \(date.day), "
            + "\(clock.hour), \(clock.minute), \(clock.second), \(nanosecond), \(zone))"
    }
}
