@testable import FerryCore
import Testing

@Suite struct TagSelectorTests {
    private func selector(semver range: String, pattern: String? = nil, extract: String = "") throws -> TagSelector {
        try TagSelector(policy: ImagePolicyChoice(semver: SemVerPolicy(range: range)), filterTags: pattern.map { TagFilterSpec(pattern: $0, extract: extract) })
    }

    // MARK: Invalid specs name the field and the value

    @Test func invalidRangeNamesFieldAndValue() {
        #expect {
            try selector(semver: ">=1.0 <<2")
        } throws: { error in
            guard let error = error as? PolicyError else { return false }
            return error.field == .semverRange && error.value == ">=1.0 <<2"
                && error.description.hasPrefix("spec.policy.semver.range: invalid semver range \">=1.0 <<2\": \"<<2\" at column 7")
                && error.upstreamMessage == "invalid policy: improper constraint: >=1.0 <<2"
        }
    }

    @Test(arguments: ["up", "ascending", "-", " asc"])
    func invalidOrders(_ order: String) {
        for choice in [ImagePolicyChoice(alphabetical: OrderPolicy(order: order)), ImagePolicyChoice(numerical: OrderPolicy(order: order))] {
            #expect {
                try TagSelector(policy: choice)
            } throws: { error in
                guard let error = error as? PolicyError else { return false }
                return error.value == order && error.description.hasSuffix("invalid order \"\(order)\": use asc or desc")
                    && error.upstreamMessage.contains("'\(order.uppercased())', must be one of: ASC, DESC")
            }
        }
    }

    @Test(arguments: ["ASC", "Desc", "desc", "asc", ""])
    func ordersAreCaseInsensitive(_ order: String) throws {
        _ = try TagSelector(policy: ImagePolicyChoice(alphabetical: OrderPolicy(order: order)))
    }

    @Test func emptyPolicyIsInvalid() {
        #expect {
            try TagSelector(policy: ImagePolicyChoice())
        } throws: { error in
            (error as? PolicyError)?.upstreamMessage == "invalid policy: given ImagePolicyChoice object is invalid"
        }
    }

    @Test func semverTakesPrecedenceOverOtherChoices() throws {
        let choice = ImagePolicyChoice(semver: SemVerPolicy(range: "<2"), alphabetical: OrderPolicy(order: "asc"))
        #expect(try TagSelector(policy: choice).select(from: ["1.0.0", "3.0.0", "zzz"]).tag == "1.0.0")
    }

    @Test(arguments: [("^test-(.*", "missing closing )"), ("a**", "invalid nested repetition operator"), ("[z-a]", "invalid character class range"), ("\\q", "invalid escape sequence")])
    func invalidPatterns(_ pattern: String, _ reason: String) {
        #expect {
            try selector(semver: "*", pattern: pattern)
        } throws: { error in
            guard let error = error as? PolicyError else { return false }
            return error.field == .filterPattern && error.value == pattern && error.description.contains(pattern) && error.description.contains(reason)
                && error.upstreamMessage.hasPrefix("failed to filter tags: invalid regular expression pattern '\(pattern)'")
        }
    }

    @Test func overlongPatternIsRefused() {
        let pattern = String(repeating: "a", count: TagFilter.maximumPatternLength + 1)
        #expect {
            try selector(semver: "*", pattern: pattern)
        } throws: { error in
            (error as? PolicyError)?.description.contains("more than the limit of \(TagFilter.maximumPatternLength)") == true
        }
    }

    /// The seed document's `pattern: "^[0-9]{8}-[a-f0-9]+"` with `extract: "$timestamp"`.
    @Test(arguments: [
        ("^[0-9]{8}-[a-f0-9]+", "$timestamp", "timestamp", "it has no groups"),
        ("^v(?P<version>.*)", "${ver}", "ver", "its groups are $version"),
        ("^(a)-(b)$", "$3", "3", "its groups are $1, $2"),
        ("^(a)-(b)$", "$2_$1", "2_", "its groups are $1, $2"),
    ])
    func extractNamingMissingGroupIsRefused(_ pattern: String, _ extract: String, _ group: String, _ groups: String) {
        #expect {
            try selector(semver: "*", pattern: pattern, extract: extract)
        } throws: { error in
            guard let error = error as? PolicyError else { return false }
            return error.field == .filterExtract && error.value == extract
                && error.description == "spec.filterTags.extract: \"\(extract)\" refers to group \"\(group)\", which pattern \"\(pattern)\" does not define (\(groups))"
        }
    }

    @Test func extractMayUseWholeMatchAndLiteralDollar() throws {
        let selector = try TagSelector(policy: ImagePolicyChoice(alphabetical: OrderPolicy()), filterTags: TagFilterSpec(pattern: "^b-(\\d+)$", extract: "$0$$${1}"))
        let result = try selector.select(from: ["b-1", "b-9", "a-5"])
        #expect(result.tag == "b-9")
        #expect(result.value == "b-9$9")
    }

    // MARK: Nothing to select

    @Test func emptyListFails() throws {
        for choice in [ImagePolicyChoice(semver: SemVerPolicy(range: "*")), ImagePolicyChoice(alphabetical: OrderPolicy()), ImagePolicyChoice(numerical: OrderPolicy())] {
            #expect {
                try TagSelector(policy: choice).select(from: [])
            } throws: { error in
                (error as? SelectionError)?.upstreamMessage == "version list argument cannot be empty"
            }
        }
    }

    @Test func filterMatchingNothingSaysSo() throws {
        #expect {
            try selector(semver: "*", pattern: "^rc-").select(from: ["1.0.0", "2.0.0"])
        } throws: { error in
            (error as? SelectionError)?.description == "none of the 2 tags matches filterTags.pattern \"^rc-\""
        }
    }

    @Test func numericalFailsOnTheFirstNonNumber() throws {
        let selector = try TagSelector(policy: ImagePolicyChoice(numerical: OrderPolicy()))
        #expect {
            try selector.select(from: ["1", "latest", "nope"])
        } throws: { error in
            (error as? SelectionError)?.upstreamMessage == "failed to parse invalid numeric value 'latest'"
        }
    }

    @Test func numericalNamesTheTagBehindAnExtractedValue() throws {
        let selector = try TagSelector(policy: ImagePolicyChoice(numerical: OrderPolicy()), filterTags: TagFilterSpec(pattern: "^b-(.*)$", extract: "$1"))
        #expect {
            try selector.select(from: ["b-12", "b-x"])
        } throws: { error in
            (error as? SelectionError)?.description.contains("'x' (extracted from tag 'b-x')") == true
        }
    }

    @Test func semverWithoutCandidateSaysHowManyWereVersions() throws {
        #expect {
            try selector(semver: ">=3.0.0").select(from: ["1.0.0", "latest", "2.0"])
        } throws: { error in
            (error as? SelectionError)?.description == "no tag satisfies semver range \">=3.0.0\" (1 of 3 candidates are versions)"
        }
    }

    // MARK: Limits

    @Test func hugeTagsAreIgnored() throws {
        let huge = "1.0." + String(repeating: "9", count: 10_000)
        let selection = try selector(semver: "*").select(from: [huge, "1.0.0"])
        #expect(selection.tag == "1.0.0")
        #expect(selection.ignoredTooLong == 1)
        #expect(try selector(semver: "*").explain([huge, "1.0.0"]).decisions[0].reason.hasPrefix("longer than 128 bytes"))
        #expect(throws: SelectionError.self) { try selector(semver: "*").select(from: [huge]) }
    }

    @Test func tagOfExactlyTheLimitIsKept() throws {
        let tag = "1.0.0-" + String(repeating: "a", count: TagSelector.maximumTagLength - 6)
        #expect(tag.utf8.count == TagSelector.maximumTagLength)
        #expect(try selector(semver: ">=1.0.0-0").select(from: [tag]).tag == tag)
    }

    /// Patterns that make backtracking engines take exponential time finish here, because the
    /// engine is linear in pattern × tag length.
    @Test(arguments: ["(a+)+$", "(a|aa)*b", "(.*a){20}", "^(x+x+)+y$", "(a*)*b", "((a+)+)+c"])
    func catastrophicPatternsFinish(_ pattern: String) throws {
        let tags = (0..<200).map { String(repeating: "a", count: 60 + $0 % 68) + "!" }
        let selector = try TagSelector(policy: ImagePolicyChoice(alphabetical: OrderPolicy()), filterTags: TagFilterSpec(pattern: pattern))
        let outcome = Result { try selector.select(from: tags) }
        switch pattern {
        case "(.*a){20}":
            #expect(try outcome.get().tag == tags.max(by: byteOrderPrecedes))
        default:
            #expect(throws: SelectionError.self) { try outcome.get() }
        }
    }

    // MARK: Determinism and explanation

    @Test func filteredTiesFollowInputOrder() throws {
        // "v1.0.0" and "1.0.0" extract to equal versions: the first candidate wins for SemVer.
        let s = try selector(semver: "*", pattern: "^(?:rel-)?(?P<v>v?[0-9.]+)$", extract: "$v")
        #expect(try s.select(from: ["rel-v1.0.0", "1.0.0"]).tag == "rel-v1.0.0")
        #expect(try s.select(from: ["1.0.0", "rel-v1.0.0"]).tag == "1.0.0")
        // The same value from two tags: the later tag stands for it.
        let same = try selector(semver: "*", pattern: "^(?:a|b)-(?P<v>.*)$", extract: "$v")
        #expect(try same.select(from: ["a-1.0.0", "b-1.0.0"]).tag == "b-1.0.0")
        let explanation = same.explain(["a-1.0.0", "b-1.0.0"])
        #expect(explanation.decisions[0].reason == "later tag \"b-1.0.0\" extracts the same value and replaces it")
    }

    @Test func numericalTiesKeepTheLastAndNaNAlwaysReplaces() throws {
        let asc = try TagSelector(policy: ImagePolicyChoice(numerical: OrderPolicy(order: "asc")))
        #expect(try asc.select(from: ["1", "1.0", "01"]).tag == "01")
        #expect(try asc.select(from: ["5", "NaN", "1"]).tag == "1")
        #expect(try asc.select(from: ["5", "nan"]).tag == "nan")
        #expect(try asc.select(from: ["0x10p0", "15", "1e1"]).tag == "0x10p0")
        let desc = try TagSelector(policy: ImagePolicyChoice(numerical: OrderPolicy(order: "desc")))
        #expect(try desc.select(from: ["-Inf", "3", "-1_000"]).tag == "-Inf")
    }

    @Test func alphabeticalIsByteOrderNotUnicodeOrder() throws {
        // "é" (C3 A9) sorts after "z" (7A) by bytes; precomposed vs decomposed forms differ.
        let asc = try TagSelector(policy: ImagePolicyChoice(alphabetical: OrderPolicy()))
        #expect(try asc.select(from: ["z", "\u{E9}"]).tag == "\u{E9}")
        #expect(try asc.select(from: ["e\u{301}", "\u{E9}"]).tag == "\u{E9}")
        #expect(try asc.select(from: ["B", "a", "A"]).tag == "a")
    }

    @Test func explainGivesEveryTagAReason() throws {
        let s = try selector(semver: ">=1.0.0 <2.0.0")
        let tags = ["1.2.0", "v1.2.0", "1.0.0", "2.0.0", "1.3.0-rc.1", "latest", "1.2"]
        let explanation = s.explain(tags)
        let byTag = Dictionary(uniqueKeysWithValues: explanation.decisions.map { ($0.tag, $0) })
        #expect(byTag["1.2.0"]?.outcome == .selected)
        #expect(byTag["v1.2.0"]?.reason == "same version as \"1.2.0\", which comes first; the first of equal versions wins")
        #expect(byTag["1.0.0"]?.reason == "lower than 1.2.0 (\"1.2.0\")")
        #expect(byTag["2.0.0"]?.reason == "outside the range: not below <2.0.0")
        #expect(byTag["1.3.0-rc.1"]?.reason.hasPrefix("outside the range: prerelease") == true)
        #expect(byTag["latest"]?.reason == "not a version: Flux needs three dot-separated parts (MAJOR.MINOR.PATCH)")
        #expect(byTag["1.2"]?.outcome == .dropped)
        #expect(try explanation.result.get().tag == "1.2.0")
    }
}
