import FerryCore
import Testing

@Suite struct GitTagSelectionTests {
    @Test(arguments: [
        (["v1.0.0", "v1.2.0", "v2.0.0", "1.1.0"], ">=1.0.0 <2.0.0", "v1.2.0" as String?),
        (["1.0", "v1", "1.2.3.4", "1.0.1"], "*", "1.0.1"),
        (["1.0.0", "2.0.0-rc.1"], ">=1.0.0", "1.0.0"),
        (["1.0.0", "2.0.0-rc.1"], ">=1.0.0-0", "2.0.0-rc.1"),
        (["0.1.0", "0.2.0"], ">=1.0.0", nil),
        ([], "*", nil),
    ])
    func selection(_ tags: [String], _ range: String, _ expected: String?) throws {
        let parsed = try GitTagSelection.range(range)
        #expect(GitTagSelection.select(from: tags.map { .init(name: $0) }, range: parsed) == expected)
    }

    /// Equal versions (differing in build metadata or `v`) are ordered by their commit's time, newest wins.
    @Test func tiesGoToTheNewestCommit() throws {
        let range = try GitTagSelection.range("1.x")
        let tags = ["1.0.0+a", "v1.0.0", "1.0.0+b", "0.9.0"]
        #expect(GitTagSelection.highest(of: tags, in: range) == ["1.0.0+a", "v1.0.0", "1.0.0+b"])
        let candidates: [GitTagSelection.Candidate] = [
            .init(name: "1.0.0+a", commitTime: 300), .init(name: "v1.0.0", commitTime: 100), .init(name: "1.0.0+b", commitTime: 200),
            .init(name: "0.9.0", commitTime: 900),
        ]
        #expect(GitTagSelection.select(from: candidates, range: range) == "1.0.0+a")
    }

    @Test func invalidRangeUsesMastermindsWording() {
        do {
            _ = try GitTagSelection.range(">=1.0 <<2")
            Issue.record("expected an error")
        } catch {
            #expect(error.description == "semver parse error: improper constraint: >=1.0 <<2")
        }
        #expect(GitTagSelection.noMatchMessage(range: "~2") == "no match found for semver: ~2")
    }
}
