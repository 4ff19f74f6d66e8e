import FerryCore
import Testing

/// `policy-cases.json` and `filter-cases.json` from the conformance set.
enum PolicyVectors {
    struct PolicyCase: Decodable, CustomTestStringConvertible, Sendable {
        var name: String
        var policy: ImagePolicyChoice
        var filterTags: TagFilterSpec?
        var tags: [String]?
        var expected: String?
        var expectError: Bool
        var errorStage: String?
        var errorContains: String?
        var testDescription: String { name }
    }

    struct FilterCase: Decodable, CustomTestStringConvertible, Sendable {
        var name: String
        var pattern: String
        var extract: String
        var tags: [String]
        var expectError: Bool
        var expectedItems: [String]?
        var expectedOriginal: [String: String]?
        var errorContains: String?
        var testDescription: String { name }
    }

    static let policies = Conformance.load([PolicyCase].self, "policy-cases.json")
    static let filters = Conformance.load([FilterCase].self, "filter-cases.json")
}
