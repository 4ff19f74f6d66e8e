@testable import FerryCore
import Testing

@Suite struct TagSelectorConformanceTests {
    @Test func vectorCounts() {
        #expect(PolicyVectors.policies.count == 38)
        #expect(PolicyVectors.filters.count == 8)
    }

    @Test(arguments: PolicyVectors.policies)
    func selectsAsFlux(_ vector: PolicyVectors.PolicyCase) throws {
        switch vector.errorStage {
        case "policy":
            #expect(throws: PolicyError.self) { try TagSelector(policy: vector.policy, filterTags: vector.filterTags) }
            do {
                _ = try TagSelector(policy: vector.policy, filterTags: vector.filterTags)
            } catch {
                #expect([.semverRange, .alphabeticalOrder, .numericalOrder, .policy].contains(error.field))
                #expect(error.upstreamMessage.hasPrefix("invalid policy: "))
            }
        case "filter":
            do {
                _ = try TagSelector(policy: vector.policy, filterTags: vector.filterTags)
                Issue.record("expected an invalid filter")
            } catch {
                #expect(error.field == .filterPattern)
                #expect(error.upstreamMessage.contains(try #require(vector.errorContains)))
            }
        case "latest":
            let selector = try TagSelector(policy: vector.policy, filterTags: vector.filterTags)
            #expect(throws: SelectionError.self) { try selector.select(from: vector.tags ?? []) }
            if case .success = selector.explain(vector.tags ?? []).result { Issue.record("explain selected a tag") }
        default:
            let selector = try TagSelector(policy: vector.policy, filterTags: vector.filterTags)
            let tags = try #require(vector.tags)
            #expect(try selector.select(from: tags).tag == vector.expected)
            let explanation = selector.explain(tags)
            #expect(try explanation.result.get().tag == vector.expected)
            #expect(explanation.decisions.filter { $0.outcome == .selected }.map(\.tag) == [vector.expected].compactMap { $0 })
            #expect(explanation.decisions.map(\.tag) == tags)
        }
    }

    /// Flux's filter keeps a map from value to the last tag producing it. An extract that
    /// names a missing group is, in Ferry, an error (Go would expand it to ""); the expansion
    /// itself is checked against Go in the regex tests.
    @Test(arguments: PolicyVectors.filters)
    func filtersAsFlux(_ vector: PolicyVectors.FilterCase) throws {
        let spec = TagFilterSpec(pattern: vector.pattern, extract: vector.extract)
        if vector.expectError {
            #expect(throws: PolicyError.self) { try TagFilter(spec) }
            return
        }
        let filter: TagFilter
        do {
            filter = try TagFilter(spec)
        } catch {
            #expect(error.field == .filterExtract, "only an extract naming a missing group may be refused: \(error)")
            #expect(vector.name.contains("non-existent"))
            return
        }
        var budget = MatchBudget(steps: 1_000_000)
        var originals: [String: String] = [:]
        for tag in vector.tags {
            if let value = try filter.value(for: tag, budget: &budget) { originals[value] = tag }
        }
        #expect(originals.keys.sorted() == vector.expectedItems)
        #expect(originals == vector.expectedOriginal)
    }
}
