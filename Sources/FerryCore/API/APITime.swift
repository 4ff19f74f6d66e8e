/// A point in time as the Kubernetes API writes it: RFC 3339 in UTC.
///
/// Kubernetes has two formats. `Time` (`creationTimestamp`, a condition's
/// `lastTransitionTime`) has whole seconds: `2026-11-22T04:11:54Z`. `MicroTime` (an Event's
/// `eventTime`, a Lease's `renewTime`) has exactly six fractional digits:
/// `2026-11-22T04:13:00.000000Z`; the API server refuses zero, three or nine digits.
///
/// The core reads no clock: callers make values from the time they were handed.
public struct APITime: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// Microseconds since 1970-01-01T00:00:00Z.
    public var microsecondsSinceEpoch: Int64

    /// Creates a time from microseconds since the Unix epoch.
    public init(microsecondsSinceEpoch: Int64) {
        self.microsecondsSinceEpoch = microsecondsSinceEpoch
    }

    /// Creates a time from whole seconds since the Unix epoch.
    public init(secondsSinceEpoch: Int64) {
        self.microsecondsSinceEpoch = secondsSinceEpoch * 1_000_000
    }

    /// Whole seconds since the Unix epoch (rounded down).
    public var secondsSinceEpoch: Int64 {
        microsecondsSinceEpoch >= 0 ? microsecondsSinceEpoch / 1_000_000 : (microsecondsSinceEpoch - 999_999) / 1_000_000
    }

    /// This time truncated to whole seconds, as a `Time` field stores it.
    public var truncatedToSeconds: APITime { APITime(secondsSinceEpoch: secondsSinceEpoch) }

    /// The `Time` form: `2026-11-22T04:11:54Z` (fractions dropped).
    public var rfc3339: String { Self.format(secondsSinceEpoch, micros: nil) }

    /// The `MicroTime` form: `2026-11-22T04:13:00.000000Z`.
    public var rfc3339Micro: String {
        let micros = Int(microsecondsSinceEpoch - secondsSinceEpoch * 1_000_000)
        return Self.format(secondsSinceEpoch, micros: micros)
    }

    public var description: String { rfc3339 }

    /// Adds a number of microseconds.
    public func adding(microseconds: Int64) -> APITime {
        APITime(microsecondsSinceEpoch: microsecondsSinceEpoch + microseconds)
    }

    /// Adds a duration (rounded down to microseconds).
    public func adding(_ duration: Duration) -> APITime {
        let (seconds, attoseconds) = duration.components
        return adding(microseconds: seconds * 1_000_000 + attoseconds / 1_000_000_000_000)
    }

    /// The duration from `other` to this time.
    public func duration(since other: APITime) -> Duration {
        .microseconds(microsecondsSinceEpoch - other.microsecondsSinceEpoch)
    }

    public static func < (lhs: APITime, rhs: APITime) -> Bool { lhs.microsecondsSinceEpoch < rhs.microsecondsSinceEpoch }

    /// Parses RFC 3339 as Go's `time.RFC3339Nano` does: `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`.
    /// Digits past the sixth fractional digit are dropped. Returns nil for anything else.
    public init?(parsing text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count >= 20 else { return nil }
        func number(_ start: Int, _ count: Int) -> Int? {
            guard start + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[start..<(start + count)] {
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        guard let year = number(0, 4), bytes[4] == 0x2D, let month = number(5, 2), bytes[7] == 0x2D, let day = number(8, 2),
            bytes[10] == 0x54 || bytes[10] == 0x74, let hour = number(11, 2), bytes[13] == 0x3A, let minute = number(14, 2),
            bytes[16] == 0x3A, let second = number(17, 2)
        else { return nil }
        guard (1...12).contains(month), (1...Self.daysIn(month: month, year: year)).contains(day), hour < 24, minute < 60, second < 60
        else { return nil }
        var index = 19
        var micros = 0
        if index < bytes.count, bytes[index] == 0x2E {
            index += 1
            var digits = 0
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                if digits < 6 { micros = micros * 10 + Int(bytes[index] - 0x30) }
                digits += 1
                index += 1
            }
            guard digits > 0 else { return nil }
            for _ in digits..<max(digits, 6) { micros *= 10 }
        }
        guard index < bytes.count else { return nil }
        var offsetSeconds = 0
        if bytes[index] == 0x5A || bytes[index] == 0x7A {
            index += 1
        } else if bytes[index] == 0x2B || bytes[index] == 0x2D {
            let sign = bytes[index] == 0x2B ? 1 : -1
            guard let offsetHours = number(index + 1, 2), index + 3 < bytes.count, bytes[index + 3] == 0x3A,
                let offsetMinutes = number(index + 4, 2)
            else { return nil }
            offsetSeconds = sign * (offsetHours * 3600 + offsetMinutes * 60)
            index += 6
        } else {
            return nil
        }
        guard index == bytes.count else { return nil }
        let days = Self.daysFromCivil(year: year, month: month, day: day)
        let seconds = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second - offsetSeconds)
        self.init(microsecondsSinceEpoch: seconds * 1_000_000 + Int64(micros))
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let time = APITime(parsing: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "\"\(text)\" is not an RFC 3339 time")
        }
        self = time
    }

    /// Encodes the `Time` form (whole seconds). Types holding a `MicroTime` encode
    /// ``rfc3339Micro`` themselves.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rfc3339)
    }

    private static func format(_ seconds: Int64, micros: Int?) -> String {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = Int(seconds - days * 86_400)
        let (year, month, day) = civilFromDays(Int(days))
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        var text = "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T"
        text += "\(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2))"
        if let micros { text += "." + pad(micros, 6) }
        return text + "Z"
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    // Howard Hinnant's days_from_civil / civil_from_days.
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    private static func civilFromDays(_ days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
