@testable import FerryCore
import Testing

@Suite struct SemVerRangeTests {
    /// Flux never sets Masterminds' `IncludePrerelease`, so only those rows describe Flux.
    static let fluxRows = Conformance.constraints.filter { $0.version != nil && $0.includePrerelease == false }
    static let validityRows = Conformance.constraints

    @Test(arguments: validityRows)
    func validityMatchesMasterminds(_ vector: Conformance.ConstraintCase) {
        #expect((try? SemVerRange(vector.constraint)) != nil ? vector.valid : !vector.valid)
    }

    @Test(arguments: fluxRows)
    func checkMatchesMasterminds(_ vector: Conformance.ConstraintCase) throws {
        let range = try SemVerRange(vector.constraint)
        let text = try #require(vector.version)
        let parsed = try version(text)
        #expect(range.contains(parsed) == vector.matches)
        #expect((range.rejectionReason(for: parsed) == nil) == vector.matches)
    }

    @Test func countsOfConformanceRows() {
        // Guards against a fixture silently shrinking.
        #expect(Self.validityRows.count == 330)
        #expect(Self.fluxRows.count == 186)
    }

    @Test(arguments: [
        (">=1.0 <<2", "<<2", 6, "improper constraint: >=1.0 <<2"),
        ("", "", 0, "improper constraint: "),
        ("foo", "foo", 0, "improper constraint: foo"),
        (">=1.0.0>2", ">=1.0.0>2", 0, "improper constraint: >=1.0.0>2"),
        ("1.0 || ", "", 7, "improper constraint:  "),
        ("*-*", "*-*", 0, "improper constraint: *-*"),
        ("1.0,,2.0", ",2.0", 4, "improper constraint: 1.0,,2.0"),
    ])
    func improperConstraints(_ text: String, _ snippet: String, _ offset: Int, _ upstream: String) {
        #expect {
            try SemVerRange(text)
        } throws: { error in
            guard let error = error as? SemVerRangeError else { return false }
            let place = "at column \(offset + 1)"
            let expected = snippet.isEmpty ? "expected a constraint \(place)" : "\"\(snippet)\" \(place) is not a constraint"
            return error.snippet == snippet && error.offset == offset && error.upstreamMessage == upstream
                && error.description.hasPrefix("invalid semver range \"\(text)\": \(expected)")
        }
    }

    @Test(arguments: ["1|2", "1x", "1.2|3", "v1.2.3-beta.01", "1.x-01"])
    func versionsThatDoNotResolve(_ text: String) {
        #expect {
            try SemVerRange(text)
        } throws: { error in
            guard let error = error as? SemVerRangeError else { return false }
            return error.upstreamMessage == "constraint parser error" && error.description.contains("is not a valid version")
        }
    }

    /// Quirks of Masterminds' grammar: `X` digits include `|`, and a wildcard major or minor
    /// discards everything after it.
    @Test(arguments: [("x.|", "9.9.9", true), ("1.x.|", "1.5.0", true), ("1.x.|", "2.0.0", false), ("*", "0.0.1", true)])
    func wildcardQuirks(_ text: String, _ version: String, _ expected: Bool) throws {
        let range = try SemVerRange(text)
        #expect(range.contains(try self.version(version)) == expected)
    }

    @Test func hyphenRangesAreInclusive() throws {
        let range = try SemVerRange("1.2 - 1.4.5")
        #expect(range.contains(try version("1.2.0")))
        #expect(range.contains(try version("1.4.5")))
        #expect(!range.contains(try version("1.4.6")))
        #expect(!range.contains(try version("1.1.9")))
        // Without spaces around '-' it is a prerelease, not a range.
        #expect(!(try SemVerRange("1.1-3")).contains(try version("4.3.2")))
    }

    @Test func hyphenRangeErrorsHaveNoOffset() {
        #expect {
            try SemVerRange("x1 - 2 <<3")
        } throws: { error in
            (error as? SemVerRangeError)?.offset == nil
        }
    }

    @Test func prereleasesArePerAlternative() throws {
        let range = try SemVerRange(">=1.0.0-0 <2.0.0 || >=3.0.0")
        #expect(range.contains(try version("1.5.0-rc.1")))
        #expect(!range.contains(try version("3.1.0-rc.1")))
        #expect(range.contains(try version("3.1.0")))
    }

    @Test func rejectionReasonsNameTheComparator() throws {
        let range = try SemVerRange(">=1.0.0 <2.0.0")
        #expect(range.rejectionReason(for: try version("2.0.0")) == "not below <2.0.0")
        #expect(range.rejectionReason(for: try version("0.9.0")) == "below >=1.0.0")
        let reason = try #require(range.rejectionReason(for: try version("1.5.0-rc.1")))
        #expect(reason.hasPrefix("prerelease"))
        #expect(range.rejectionReason(for: try version("1.5.0")) == nil)
    }

    /// Parses a version the test relies on, recording a failure when it does not parse.
    private func version(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Version {
        try #require(Version(parsing: text), sourceLocation: sourceLocation)
    }
}
