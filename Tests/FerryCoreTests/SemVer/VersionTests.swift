@testable import FerryCore
import Testing

@Suite struct VersionTests {
    @Test(arguments: Conformance.versions)
    func parsesAsMasterminds(_ vector: Conformance.VersionCase) throws {
        let version = Version(parsing: vector.input)
        #expect((version != nil) == vector.valid)
        #expect(version?.description == vector.normalized)
        #expect(version?.original == (vector.valid ? vector.input : nil))
        if let parts = vector.parts {
            let version = try #require(version)
            #expect(version.major == parts.major)
            #expect(version.minor == parts.minor)
            #expect(version.patch == parts.patch)
            #expect(String(version.prerelease) == parts.prerelease)
            #expect(String(version.metadata) == parts.metadata)
        }
    }

    @Test(arguments: Conformance.versions)
    func fluxTagParser(_ vector: Conformance.VersionCase) {
        #expect((Version(fluxTag: vector.input) != nil) == vector.fluxTagValid)
    }

    @Test(arguments: Conformance.compare.comparisons)
    func comparesAsMasterminds(_ vector: Conformance.Comparison) throws {
        let a = try #require(Version(parsing: vector.a))
        let b = try #require(Version(parsing: vector.b))
        switch (vector.op, vector.expected) {
        case let ("compare", .order(expected)): #expect(a.compare(to: b) == expected)
        case let ("lt", .truth(expected)): #expect((a < b) == expected)
        case let ("le", .truth(expected)): #expect((a <= b) == expected)
        case let ("gt", .truth(expected)): #expect((a > b) == expected)
        case let ("ge", .truth(expected)): #expect((a >= b) == expected)
        case let ("eq", .truth(expected)): #expect((a == b) == expected)
        default: Issue.record("unknown comparison \(vector.op)")
        }
    }

    @Test func sortsAsMasterminds() throws {
        for sort in Conformance.compare.sorts {
            let versions = try sort.input.map { try #require(Version(parsing: $0)) }
            #expect(versions.sorted().map(\.description) == sort.expectedAscendingNormalized)
        }
    }

    @Test(arguments: [
        ("18446744073709551615.0.0", true),  // UInt64.max fits
        ("18446744073709551616.0.0", false),  // one more does not, as strconv.ParseUint
        ("1.18446744073709551616.0", false),
        ("V1.2.3", false),
        (" 1.2.3", false),
        ("1.2.3 ", false),
        ("1.2.3\n", false),
        ("", false),
        ("v", false),
        ("1.2.3-", false),
        ("1.2.3+", false),
        ("1.2.3-a.", false),
        ("1.2.3-rc.1+b.", false),
        ("1.2.3-0", true),
        ("1.2.3-00", false),
        ("1.2.3+00", true),
        ("1-rc", true),
        ("1.2.3-é", false),
    ])
    func edgeCases(_ input: String, _ valid: Bool) {
        #expect((Version(parsing: input) != nil) == valid)
    }

    @Test func prereleaseIdentifiersCompareNumericallyThenBytewise() throws {
        let ordered = ["1.0.0-2", "1.0.0-10", "1.0.0-A", "1.0.0-a", "1.0.0-a.1", "1.0.0-a.b", "1.0.0-b", "1.0.0"]
        let versions = try ordered.map { try #require(Version(parsing: $0)) }
        for (lower, higher) in zip(versions, versions.dropFirst()) {
            #expect(lower < higher, "\(lower) < \(higher)")
        }
        // A numeric identifier too large for 64 bits compares as text, as Go's ParseUint fails.
        let huge = try #require(Version(parsing: "1.0.0-99999999999999999999"))
        let small = try #require(Version(parsing: "1.0.0-5"))
        #expect(small < huge)
    }

    @Test func equalityIgnoresMetadataAndPrefix() throws {
        let a = try #require(Version(parsing: "v1.0.0+build.1"))
        let b = try #require(Version(parsing: "1.0.0"))
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        #expect(a.original == "v1.0.0+build.1")
    }
}
