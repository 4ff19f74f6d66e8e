import FerryCLI
import Foundation
import Testing

@Suite struct PolicySelectCommandTests {
    static let tags = "latest\n1.0.0\n1.4.2\nv1.4.2\n1.5.0-rc.1\n2.0.0\n"

    @Test func selectsFromStandardInput() async {
        let result = await ferry(["policy", "select", "--select-semver", ">=1.0.0 <2.0.0"], stdin: Self.tags)
        #expect(result.status == 0)
        #expect(result.stdout == "1.4.2\n")
        #expect(result.stderr == "")
    }

    @Test func selectsFromAFileWithCommentsBlankLinesAndCRLF() async {
        let file = "# comment\r\n\r\n  1.0.0  \r\n1.4.2\r\n"
        let result = await ferry(["policy", "select", "--select-alpha", "desc", "--tags-file", "tags.txt"], files: ["tags.txt": file])
        #expect(result.status == 0)
        #expect(result.stdout == "1.0.0\n")
    }

    @Test func filterAndExtract() async {
        let tags = "main-aaa-1718000000\nmain-bbb-1718600000\ndev-ccc-1900000000\nlatest\n"
        let result = await ferry(
            ["policy", "select", "--select-numeric", "asc", "--filter-regex", "^main-[a-f0-9]+-(?P<ts>[0-9]+)$", "--filter-extract", "$ts"], stdin: tags)
        #expect(result.status == 0)
        #expect(result.stdout == "main-bbb-1718600000\n")
    }

    @Test func jsonOutput() async {
        let result = await ferry(["policy", "select", "--select-semver", "^1.x", "-o", "json"], stdin: Self.tags)
        #expect(result.status == 0)
        #expect(
            result.stdout == """
                {
                  "selected": "1.4.2",
                  "value": "1.4.2",
                  "tags": 6,
                  "candidates": 6,
                  "error": null
                }

                """)
    }

    @Test func explainAsText() async {
        let result = await ferry(["policy", "select", "--select-semver", "^1.x", "--explain"], stdin: "1.4.2\nv1.4.2\nlatest\n2.0.0\n")
        #expect(result.status == 0)
        #expect(
            result.stdout == """
                TAG     VALUE   OUTCOME    REASON
                1.4.2   1.4.2   selected   highest version in range "^1.x"
                v1.4.2  v1.4.2  outranked  same version as "1.4.2", which comes first; the first of equal versions wins
                latest  latest  dropped    not a version: Flux needs three dot-separated parts (MAJOR.MINOR.PATCH)
                2.0.0   2.0.0   dropped    outside the range: outside ^1.x (different major version)
                selected: 1.4.2

                """)
    }

    @Test func explainAsJSONWhenNothingIsSelected() async {
        let result = await ferry(["policy", "select", "--select-semver", ">=3", "--explain", "-o", "json"], stdin: "1.0.0\n")
        #expect(result.status == 1)
        #expect(result.stdout.contains("\"selected\": null"))
        #expect(result.stdout.contains("\"reason\": \"outside the range: below >=3\""))
        #expect(result.stderr == "ferry: no tag satisfies semver range \">=3\" (1 of 1 candidates are versions)\n")
    }

    // MARK: Exit status 1: the answer is no

    @Test func noTagsExitsOne() async {
        let result = await ferry(["policy", "select", "--select-alpha", "asc"], stdin: "\n# nothing\n")
        #expect(result.status == 1)
        #expect(result.stdout == "")
        #expect(result.stderr == "ferry: there are no tags to select from\n")
    }

    @Test func numericalWithANonNumberExitsOne() async {
        let result = await ferry(["policy", "select", "--select-numeric", "asc"], stdin: "1\nlatest\n")
        #expect(result.status == 1)
        #expect(result.stderr.contains("tag 'latest': it is not a number; use filterTags"))
    }

    // MARK: Exit status 2: invalid input names the flag and the value

    @Test(arguments: [
        (["--select-semver", ">=1.0 <<2"], "ferry: --select-semver: invalid semver range \">=1.0 <<2\": \"<<2\" at column 7 is not a constraint"),
        (["--select-alpha", "up"], "ferry: --select-alpha: invalid order \"up\": use asc or desc"),
        (["--select-numeric", "sideways"], "ferry: --select-numeric: invalid order \"sideways\": use asc or desc"),
        (["--select-alpha", "asc", "--filter-regex", "^test-(.*"], "ferry: --filter-regex: invalid regular expression \"^test-(.*\": missing closing )"),
        (
            ["--select-alpha", "asc", "--filter-regex", "^[0-9]{8}-[a-f0-9]+", "--filter-extract", "$timestamp"],
            "ferry: --filter-extract: \"$timestamp\" refers to group \"timestamp\", which pattern \"^[0-9]{8}-[a-f0-9]+\" does not define (it has no groups)"
        ),
        (["--select-alpha", "asc", "--tags-file", "missing.txt"], "ferry: --tags-file: cannot read missing.txt: No such file or directory"),
    ])
    func invalidInputExitsTwo(_ flags: [String], _ message: String) async {
        let result = await ferry(["policy", "select"] + flags, stdin: "1.0.0\n")
        #expect(result.status == 2)
        #expect(result.stdout == "")
        #expect(result.stderr.hasPrefix(message), "\(result.stderr)")
    }

    @Test(arguments: [
        ([], "a policy must be provided with either --select-semver, --select-alpha or --select-numeric"),
        (["--select-semver", "*", "--select-alpha", "asc"], "only one of --select-semver, --select-alpha and --select-numeric can be given"),
        (["--select-alpha", "asc", "--filter-extract", "$1"], "--filter-extract needs --filter-regex"),
        (["--select-alpha", "asc", "-o", "yaml"], "yaml"),
        (["--select-alpha", "asc", "--bogus"], "--bogus"),
    ])
    func usageErrorsExitTwo(_ flags: [String], _ message: String) async {
        let result = await ferry(["policy", "select"] + flags, stdin: "1.0.0\n")
        #expect(result.status == 2)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    @Test func helpHasExamplesAndExitsZero() async {
        let result = await ferry(["policy", "select", "--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Examples:"))
        #expect(result.stdout.contains("--select-semver <range>"))
    }

    @Test func versionExitsZero() async {
        let result = await ferry(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout.split(separator: ".").count == 3)
    }
}

@Suite struct FerryProcessTests {
    @Test func pipesStandardInputAndExitCodes() throws {
        let ok = try ferryProcess(["policy", "select", "--select-semver", "^1"], stdin: "1.0.0\n1.2.0\n2.0.0\n")
        #expect(ok.status == 0)
        #expect(ok.stdout == "1.2.0\n")
        let none = try ferryProcess(["policy", "select", "--select-semver", "^3"], stdin: "1.0.0\n")
        #expect(none.status == 1)
        let invalid = try ferryProcess(["policy", "select", "--select-semver", "<<"], stdin: "1.0.0\n")
        #expect(invalid.status == 2)
        #expect(invalid.stderr.hasPrefix("ferry: --select-semver: invalid semver range \"<<\""))
    }

    @Test func invalidUTF8LineIsInvalidInput() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-bad-utf8-\(getpid()).txt")
        try Data([0x31, 0x2E, 0x30, 0x2E, 0x30, 0x0A, 0x32, 0xFF, 0x0A]).write(to: path)
        defer { try? FileManager.default.removeItem(at: path) }
        let result = try ferryProcess(["policy", "select", "--select-alpha", "asc", "--tags-file", path.path], stdin: "")
        #expect(result.status == 2)
        #expect(result.stderr == "ferry: \(path.path), line 2: not valid UTF-8\n")
    }

    /// Input far larger than a pipe's buffer and than the first read: every byte is read, from a
    /// pipe and from a file, and the file is read whatever its size.
    @Test func readsLargeInputsCompletely() throws {
        let tags = (0..<50_000).map { "1.\($0).0" } + ["1.99999.0"]
        let text = tags.joined(separator: "\n") + "\n"
        let piped = try ferryProcess(["policy", "select", "--select-semver", "^1"], stdin: text)
        #expect(piped.status == 0)
        #expect(piped.stdout == "1.99999.0\n")

        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-large-\(getpid()).txt")
        try Data(text.utf8).write(to: path)
        defer { try? FileManager.default.removeItem(at: path) }
        let fromFile = try ferryProcess(["policy", "select", "--select-alpha", "asc", "--tags-file", path.path, "-o", "json"], stdin: "")
        #expect(fromFile.status == 0)
        #expect(fromFile.stdout.contains("\"tags\": 50001,"))
        #expect(fromFile.stdout.contains("\"selected\": \"1.99999.0\","))
    }
}
