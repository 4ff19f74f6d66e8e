import Foundation
import Testing

@testable import FerryCore

struct TimestampTests {
    @Test(arguments: [
        (0, "1970-01-01T00:00:00Z"), (951_782_400, "2000-02-29T00:00:00Z"), (1_764_577_103, "2025-12-01T08:18:23Z"),
        (-1, "1969-12-31T23:59:59Z"), (9_214_646_400, "2262-01-01T00:00:00Z"), (4_107_542_400, "2100-03-01T00:00:00Z"),
    ] as [(Int64, String)])
    func formatsAndParsesRFC3339(_ seconds: Int64, _ text: String) throws {
        let time = Timestamp(secondsSinceEpoch: seconds)
        #expect(time.rfc3339 == text)
        #expect(Timestamp(rfc3339: text) == time)
    }

    /// Agrees with Foundation's formatter on a spread of instants.
    @Test func agreesWithFoundation() {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        var seconds: Int64 = -2_208_988_800  // 1900
        while seconds < 4_102_444_800 {  // 2100
            let expected = formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
            #expect(Timestamp(secondsSinceEpoch: seconds).rfc3339 == expected)
            seconds += 86_400 * 37 + 3_607
        }
    }

    @Test func nanosecondsAndOffsets() throws {
        let time = try #require(Timestamp(rfc3339: "2026-12-01T09:18:23.1234567891+01:00"))
        #expect(time.rfc3339 == "2026-12-01T08:18:23Z")
        #expect(time.rfc3339Nano == "2026-12-01T08:18:23.123456789Z")
        #expect(Timestamp(rfc3339: "2026-12-01t08:18:23.5z")?.rfc3339Nano == "2026-12-01T08:18:23.5Z")
        #expect(Timestamp(rfc3339: "2026-12-01T08:18:23-05:30")?.rfc3339 == "2026-12-01T13:48:23Z")
    }

    @Test(arguments: ["", "2026-12-01", "2026-12-01T08:18:23", "2026-13-01T00:00:00Z", "2026-02-29T00:00:00Z", "2026-12-01T24:00:00Z",
                      "2026-12-01T08:18:23.Z", "2026-12-01T08:18:23+0100", "2026-12-01T08:18:23Zx", "2026-12-01 08:18:23Z", "9999-12-31T23:59:59Z"])
    func rejectsWhatIsNotRFC3339(_ text: String) {
        #expect(Timestamp(rfc3339: text) == nil)
    }

    @Test func arithmetic() {
        let start = Timestamp(secondsSinceEpoch: 100)
        #expect((start + .minutes(1)) - start == .minutes(1))
        #expect(start < start + .milliseconds(1))
    }
}
