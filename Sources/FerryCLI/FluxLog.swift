#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import FerryCore

/// The progress lines the flux CLI writes to standard error (`cmd/flux/log.go`): a symbol, a
/// space, the message.
enum FluxLog {
    /// `► …`: an action starts.
    static func action(_ message: String) { Console.current.printError("► " + message) }
    /// `✚ …`: something is generated.
    static func generate(_ message: String) { Console.current.printError("✚ " + message) }
    /// `◎ …`: waiting.
    static func waiting(_ message: String) { Console.current.printError("◎ " + message) }
    /// `✔ …`: done.
    static func success(_ message: String) { Console.current.printError("✔ " + message) }
    /// `⚠️ …`: a warning.
    static func warning(_ message: String) { Console.current.printError("⚠️ " + message) }
    /// `✗ …`: a failure that does not end the command.
    static func failure(_ message: String) { Console.current.printError("✗ " + message) }
}

/// Times as the flux CLI prints them: Go's `time.RFC3339` in the local time zone (the API's
/// times decode as local times), e.g. `2026-06-06T14:21:10+05:30`, or `…Z` where local time is UTC.
enum FluxTime {
    /// `timestamp` in RFC 3339, in the local zone at that time.
    static func local(_ timestamp: Timestamp) -> String {
        var seconds = time_t(timestamp.secondsSinceEpoch)
        var parts = tm()
        guard localtime_r(&seconds, &parts) != nil else { return timestamp.rfc3339 }
        let offset = Int64(parts.tm_gmtoff)
        guard offset != 0 else { return Timestamp(secondsSinceEpoch: timestamp.secondsSinceEpoch).rfc3339 }
        let shifted = Timestamp(secondsSinceEpoch: timestamp.secondsSinceEpoch + offset).rfc3339
        let magnitude = abs(offset)
        let hours = magnitude / 3600
        let minutes = magnitude % 3600 / 60
        return String(shifted.dropLast()) + (offset < 0 ? "-" : "+") + (hours < 10 ? "0" : "") + String(hours) + ":"
            + (minutes < 10 ? "0" : "") + String(minutes)
    }

    /// An RFC 3339 time as written in a status, printed as ``local(_:)`` does; the text itself
    /// when it does not parse.
    static func local(_ text: String?) -> String {
        guard let text, !text.isEmpty else { return "" }
        guard let timestamp = Timestamp(rfc3339: text) else { return text }
        return local(timestamp)
    }
}
