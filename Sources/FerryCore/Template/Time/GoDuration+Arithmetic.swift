/// Go's `time.Duration` methods that templates can call on a duration value.
extension GoDuration {
    /// Go's `lessThanHalf`: whether `2x < y`, in unsigned arithmetic as Go does it.
    static func lessThanHalf(_ x: Int64, _ y: Int64) -> Bool {
        UInt64(bitPattern: x) &+ UInt64(bitPattern: x) < UInt64(bitPattern: y)
    }

    /// Go's `Round`: the nearest multiple of `unit`, halves away from zero, saturating.
    public func rounded(to unit: GoDuration) -> GoDuration {
        let (d, m) = (nanoseconds, unit.nanoseconds)
        guard m > 0 else { return self }
        var remainder = d % m
        if d < 0 {
            remainder = -remainder
            if Self.lessThanHalf(remainder, m) { return GoDuration(nanoseconds: d + remainder) }
            // Go computes in wrapping arithmetic and detects the overflow by the order.
            let rounded = d &- m &+ remainder
            return GoDuration(nanoseconds: rounded < d ? rounded : Int64.min)
        }
        if Self.lessThanHalf(remainder, m) { return GoDuration(nanoseconds: d - remainder) }
        let rounded = d &+ m &- remainder
        return GoDuration(nanoseconds: rounded > d ? rounded : Int64.max)
    }

    /// Go's `Truncate`: rounded toward zero to a multiple of `unit`.
    public func truncated(to unit: GoDuration) -> GoDuration {
        guard unit.nanoseconds > 0 else { return self }
        return GoDuration(nanoseconds: nanoseconds - nanoseconds % unit.nanoseconds)
    }

    /// Go's `Abs`: the magnitude, the largest duration for the smallest.
    public var magnitude: GoDuration {
        if nanoseconds >= 0 { return self }
        return GoDuration(nanoseconds: nanoseconds == .min ? .max : -nanoseconds)
    }

    /// Go's `Minutes()`: the duration in minutes, as a floating-point number.
    public var minutes: Double {
        Double(nanoseconds / 60_000_000_000) + Double(nanoseconds % 60_000_000_000) / 60e9
    }

    /// Go's `Hours()`: the duration in hours, as a floating-point number.
    public var hours: Double {
        Double(nanoseconds / 3_600_000_000_000) + Double(nanoseconds % 3_600_000_000_000) / 3600e9
    }

    /// Go's `Seconds()`, computed as Go does (whole seconds plus the fraction).
    var goSeconds: Double {
        Double(nanoseconds / 1_000_000_000) + Double(nanoseconds % 1_000_000_000) / 1e9
    }
}
