import Foundation
import Testing

@testable import FerryCore

/// Go's `time.ParseDuration` and `Duration.String()`, from vectors Go produced
/// (`scripts/generate-duration-vectors.go`).
struct GoDurationTests {
    struct Vectors: Decodable {
        struct Parse: Decodable, Sendable, CustomTestStringConvertible {
            let input: String
            let nanos: Int64?
            let string: String?
            let error: String?
            var testDescription: String { input.debugDescription }
        }

        struct Format: Decodable, Sendable, CustomTestStringConvertible {
            let nanos: Int64
            let string: String
            var testDescription: String { "\(nanos)ns" }
        }

        let goVersion: String
        let parse: [Parse]
        let format: [Format]

        static let shared = (try? Fixtures.decode(Vectors.self, from: "api/go-durations.json")) ?? Vectors(goVersion: "", parse: [], format: [])
    }

    @Test func fixtureLoads() {
        #expect(Vectors.shared.parse.count > 70)
        #expect(Vectors.shared.parse.filter { $0.error != nil }.count > 15)
        #expect(Vectors.shared.format.count > 30)
    }

    @Test(arguments: Vectors.shared.parse)
    func parsesLikeGo(_ vector: Vectors.Parse) {
        do {
            let duration = try GoDuration(parsing: vector.input)
            #expect(vector.error == nil, "Go rejects it: \(vector.error ?? "")")
            #expect(duration.nanoseconds == vector.nanos)
            #expect(duration.description == vector.string)
        } catch {
            #expect(error.description == vector.error)
        }
    }

    @Test(arguments: Vectors.shared.format)
    func printsLikeGo(_ vector: Vectors.Format) {
        #expect(GoDuration(nanoseconds: vector.nanos).description == vector.string)
    }

    @Test func codesAsAString() throws {
        let decoded = try JSONDecoder().decode([GoDuration].self, from: Data(#"["1m", "90s", "1h30m"]"#.utf8))
        #expect(decoded.map(\.description) == ["1m0s", "1m30s", "1h30m0s"])
        #expect(String(decoding: try JSONEncoder().encode(decoded), as: UTF8.self) == #"["1m0s","1m30s","1h30m0s"]"#)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([GoDuration].self, from: Data(#"["5 minutes"]"#.utf8)) }
    }
}
