/// What a tag listing returned: the tags and what it cost to get them.
public struct TagListing: Hashable, Sendable {
    /// `status.canonicalImageName` of the repository listed, e.g. `index.docker.io/library/alpine`.
    public var canonicalName: String
    /// The tags in the order the registry sent them.
    public var tags: [String]
    /// How many pages (tag-list responses) were read.
    public var pages: Int
    /// Every time the registry asked to wait (429 or 503 with `Retry-After`) and the client did.
    public var throttles: [RegistryThrottle]

    /// Creates a listing.
    public init(canonicalName: String, tags: [String], pages: Int = 1, throttles: [RegistryThrottle] = []) {
        self.canonicalName = canonicalName
        self.tags = tags
        self.pages = pages
        self.throttles = throttles
    }
}

/// One wait the registry asked for: a 429 or 503 answer and the delay the client honoured.
public struct RegistryThrottle: Hashable, Sendable, CustomStringConvertible {
    /// The HTTP status (429 or 503).
    public var status: Int
    /// How long the client waited before asking again.
    public var waited: Duration

    /// Creates a throttle record.
    public init(status: Int, waited: Duration) {
        self.status = status
        self.waited = waited
    }

    /// E.g. `429, waited 1s`.
    public var description: String { "\(status), waited \(RegistryDurationText.text(waited))" }
}

/// Durations as Go's `time.Duration.String()` prints whole and fractional seconds (`1s`, `1.5s`, `250ms`).
enum RegistryDurationText {
    static func text(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let milliseconds = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        if milliseconds < 1000 { return "\(milliseconds)ms" }
        let whole = milliseconds / 1000
        let fraction = milliseconds % 1000
        if fraction == 0 { return "\(whole)s" }
        var digits = String(fraction)
        digits = String(repeating: "0", count: 3 - digits.count) + digits
        while digits.hasSuffix("0") { digits.removeLast() }
        return "\(whole).\(digits)s"
    }
}
