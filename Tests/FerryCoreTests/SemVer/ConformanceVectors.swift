import Foundation
import Testing

/// The conformance vectors copied from `../shared/conformance` (see `Fixtures/conformance/README.md`
/// for their provenance: Masterminds/semver, fluxcd/pkg and Flux's own tests, or outputs of
/// the real Go code).
enum Conformance {
    struct VersionCase: Decodable, CustomTestStringConvertible, Sendable {
        var input: String
        var valid: Bool
        var normalized: String?
        var fluxTagValid: Bool
        var parts: Parts?
        struct Parts: Decodable, Sendable {
            var major: UInt64
            var minor: UInt64
            var patch: UInt64
            var prerelease: String
            var metadata: String
        }
        var testDescription: String { input.debugDescription }
    }

    struct ConstraintCase: Decodable, CustomTestStringConvertible, Sendable {
        var constraint: String
        var valid: Bool
        var version: String?
        var includePrerelease: Bool?
        var matches: Bool?
        var testDescription: String { "\(constraint.debugDescription) \(version ?? "")" }
    }

    struct CompareFile: Decodable, Sendable {
        var comparisons: [Comparison]
        var sorts: [Sort]
    }

    struct Comparison: Decodable, CustomTestStringConvertible, Sendable {
        var a: String
        var b: String
        var op: String
        var expected: ComparisonResult
        var testDescription: String { "\(a) \(op) \(b)" }
    }

    enum ComparisonResult: Decodable, Sendable {
        case order(Int)
        case truth(Bool)
        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let value = try? container.decode(Bool.self) {
                self = .truth(value)
            } else {
                self = .order(try container.decode(Int.self))
            }
        }
    }

    struct Sort: Decodable, Sendable {
        var input: [String]
        var expectedAscendingNormalized: [String]
    }

    static func load<T: Decodable>(_ type: T.Type, _ file: String) -> T {
        do {
            return try Fixtures.decode(T.self, from: "conformance/\(file)")
        } catch {
            preconditionFailure("fixture conformance/\(file) cannot be read: \(error)")
        }
    }

    static let versions = load([VersionCase].self, "semver-versions.json")
    static let constraints = load([ConstraintCase].self, "semver-constraints.json")
    static let compare = load(CompareFile.self, "semver-compare.json")
}
