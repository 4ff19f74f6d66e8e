import Testing

@testable import FerryCore

struct TagScanTests {
    /// Checksums and JSON computed by Go's `encoding/json` and `hash/adler32`.
    @Test(arguments: [
        ([], "[]", 18_153_657),
        (["latest"], #"["latest"]"#, 323_683_210),
        (["v1.0.0", "1.0.0", "0.9.0"], #"["v1.0.0","1.0.0","0.9.0"]"#, 1_208_091_938),
        (["a<b>&c", "x\u{2028}y", "q\"\\\n\t\u{1}"], #"["a\u003cb\u003e\u0026c","x\u2028y","q\"\\\n\t\u0001"]"#, 2_931_036_045),
    ] as [([String], String, UInt32)])
    func revisionIsGoAdler32OfTheJSON(_ tags: [String], _ json: String, _ checksum: UInt32) {
        #expect(String(decoding: GoJSON.strings(tags).encoded(), as: UTF8.self) == json)
        #expect(Adler32.checksum(GoJSON.strings(tags).encoded()) == checksum)
    }

    @Test func longInputsDoNotOverflow() {
        let tag = String(repeating: "abcdefgh", count: 2_000)
        #expect(Adler32.checksum(GoJSON.strings([tag]).encoded()) == 3_652_160_421)
    }

    @Test func excludesSortsDescendingAndKeepsTheFirstTen() throws {
        let listed = ["1.0.0", "sha256-abc.sig", "latest", "1.10.0", "1.9.0"] + (0..<10).map { "0.0.\($0)" }
        let scan = try TagScan(listed: listed, exclusionList: ExclusionList.defaultPatterns)
        #expect(Array(scan.tags).first == "latest")
        #expect(!scan.tags.contains("sha256-abc.sig"))
        #expect(scan.tags.count == 14)
        #expect(scan.latestTags == ["latest", "1.9.0", "1.10.0", "1.0.0", "0.0.9", "0.0.8", "0.0.7", "0.0.6", "0.0.5", "0.0.4"])
        #expect(scan.revision == String(Adler32.checksum(GoJSON.strings(Array(scan.tags)).encoded())))
    }

    @Test func aUserListReplacesTheDefault() throws {
        let scan = try TagScan(listed: ["a.sig", "b-rc", "c"], exclusionList: ["-rc$"])
        #expect(Array(scan.tags) == ["c", "a.sig"])
    }

    @Test func anInvalidExclusionNamesThePattern() {
        #expect {
            try TagScan(listed: ["a"], exclusionList: ["(unclosed"])
        } throws: { error in
            (error as? TagScanError)?.description.contains("(unclosed") ?? false
        }
    }
}
