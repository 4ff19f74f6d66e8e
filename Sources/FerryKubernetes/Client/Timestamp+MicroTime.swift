public import FerryCore

extension Timestamp {
    /// The `MicroTime` form the API server requires for an Event's `eventTime` and a Lease's
    /// `acquireTime`/`renewTime`: exactly six fractional digits, `2026-11-22T04:13:00.000000Z`
    /// (zero, three or nine digits get a 400).
    public var rfc3339Micro: String {
        let micros = (nanosecondsSinceEpoch - secondsSinceEpoch * 1_000_000_000) / 1000
        let digits = String(micros)
        let whole = Timestamp(secondsSinceEpoch: secondsSinceEpoch).rfc3339
        return whole.dropLast() + "." + String(repeating: "0", count: 6 - digits.count) + digits + "Z"
    }

    /// This time moved by `duration`.
    public func adding(_ duration: Duration) -> Timestamp {
        let (seconds, attoseconds) = duration.components
        return Timestamp(nanosecondsSinceEpoch: nanosecondsSinceEpoch + seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }

    /// The time from `earlier` to this one.
    public func duration(since earlier: Timestamp) -> Duration {
        .nanoseconds(nanosecondsSinceEpoch - earlier.nanosecondsSinceEpoch)
    }
}
