/// Splits a watch body into events: one JSON object per line, whatever the chunk boundaries
/// (the API server writes 2048-byte chunks that cut events in the middle when several are
/// ready at once).
///
/// A line longer than ``maxEventBytes`` is refused rather than buffered without bound.
public struct WatchEventDecoder: Sendable {
    /// The longest event accepted, in bytes.
    public let maxEventBytes: Int
    private var buffer: [UInt8] = []
    private var scanned = 0

    /// Creates a decoder.
    public init(maxEventBytes: Int = 16 << 20) {
        self.maxEventBytes = maxEventBytes
    }

    /// Feeds bytes; returns the complete lines they finish (without the newline), skipping blank lines.
    ///
    /// - Throws: ``WatchEventTooLarge`` when a line grows past ``maxEventBytes``.
    public mutating func feed(_ bytes: some Collection<UInt8>) throws(WatchEventTooLarge) -> [[UInt8]] {
        buffer.append(contentsOf: bytes)
        var lines: [[UInt8]] = []
        var start = 0
        var index = scanned
        while index < buffer.count {
            if buffer[index] == 0x0A {
                if index > start { lines.append(Array(buffer[start..<index])) }
                start = index + 1
            }
            index += 1
        }
        if start > 0 { buffer.removeFirst(start) }
        scanned = buffer.count
        if buffer.count > maxEventBytes { throw WatchEventTooLarge(limit: maxEventBytes, seen: buffer.count) }
        return lines
    }

    /// What is left when the stream ends: a final event without a newline, if any.
    public mutating func finish() -> [UInt8]? {
        defer {
            buffer = []
            scanned = 0
        }
        let rest = buffer.drop { $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }
        return rest.isEmpty ? nil : Array(rest)
    }
}

/// A watch event longer than the decoder accepts.
public struct WatchEventTooLarge: Error, Hashable, Sendable, CustomStringConvertible {
    /// The limit in bytes.
    public var limit: Int
    /// How many bytes without a newline had arrived.
    public var seen: Int

    public var description: String { "A watch event exceeded \(limit) bytes (\(seen) bytes arrived without a line break)." }
}
