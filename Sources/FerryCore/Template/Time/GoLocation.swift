/// The location a ``GoTime`` is shown in, as far as Ferry models Go's `*time.Location`: UTC,
/// the local zone, or a zone fixed at an offset from UTC (what `time.Parse` fabricates for an
/// offset such as `-0700` or an abbreviation such as `MST`).
///
/// Ferry's local zone is UTC, named `UTC`: Flux's controller images carry no time zone
/// database and leave `TZ` unset, so Go falls back to UTC there. Named zones from the tz
/// database (`Europe/Berlin`) need that database and are not modelled; no function Flux
/// offers can reach one.
public enum GoLocation: Sendable, Hashable {
    /// `time.UTC`.
    case utc
    /// `time.Local`, which is UTC where Flux runs.
    case local
    /// `time.FixedZone(name, offset)`: `offset` seconds east of UTC, shown as `name` (or as
    /// the offset, `-0700`, when the name is empty).
    case fixed(name: String, offset: Int)

    /// The zone abbreviation and offset (seconds east of UTC) in effect: Go's `lookup`.
    var zone: (name: String, offset: Int) {
        switch self {
        case .utc, .local: return ("UTC", 0)
        case .fixed(let name, let offset): return (name, offset)
        }
    }

    /// What `Location.String()` returns: the name given to `FixedZone`, `UTC` otherwise.
    public var name: String {
        switch self {
        case .utc, .local: return "UTC"
        case .fixed(let name, _): return name
        }
    }
}
