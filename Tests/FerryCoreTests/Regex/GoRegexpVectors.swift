import Foundation
import Testing

/// The vectors in `Fixtures/regex/go-regexp-cases.json`, produced by running Go's regexp
/// (`scripts/generate-regex-vectors.go`).
struct GoRegexpVectors: Decodable {
    struct Subject: Decodable, Sendable {
        let subject: String
        let subjectHex: String?
        /// Go's `FindStringSubmatchIndex`, `nil` for no match.
        let match: [Int]?

        /// The subject's bytes, which may be invalid UTF-8.
        var bytes: [UInt8] {
            subjectHex.map(hexBytes) ?? Array(subject.utf8)
        }
    }

    struct Pattern: Decodable, Sendable, CustomTestStringConvertible {
        let pattern: String
        let patternHex: String?
        let source: String
        /// Go's `regexp.Compile` error text, when it rejects the pattern.
        let error: String?
        let groups: Int
        let names: [String]?
        let cases: [Subject]

        var bytes: [UInt8] {
            patternHex.map(hexBytes) ?? Array(pattern.utf8)
        }

        var testDescription: String {
            let text = pattern.count > 60 ? String(pattern.prefix(60)) + "… (\(pattern.utf8.count) bytes)" : pattern
            return "\(source): \(text)"
        }
    }

    struct Expansion: Decodable, Sendable, CustomTestStringConvertible {
        let pattern: String
        let subject: String
        let template: String
        let matched: Bool
        let expected: String

        var testDescription: String {
            "\(pattern) on \(subject) with \(template)"
        }
    }

    let goVersion: String
    let patterns: [Pattern]
    let expansions: [Expansion]

    /// The vectors, or empty ones when the fixture cannot be read (a test checks that it can).
    static let shared: GoRegexpVectors = (try? load()) ?? GoRegexpVectors(goVersion: "", patterns: [], expansions: [])

    static func load() throws -> GoRegexpVectors {
        try Fixtures.decode(GoRegexpVectors.self, from: "regex/go-regexp-cases.json")
    }

    private init(goVersion: String, patterns: [Pattern], expansions: [Expansion]) {
        self.goVersion = goVersion
        self.patterns = patterns
        self.expansions = expansions
    }
}

private func hexBytes(_ hex: String) -> [UInt8] {
    var bytes: [UInt8] = []
    var index = hex.startIndex
    while index < hex.endIndex {
        let next = hex.index(index, offsetBy: 2)
        bytes.append(UInt8(hex[index..<next], radix: 16) ?? 0)
        index = next
    }
    return bytes
}

/// Which patterns Go compiles to its one-pass form (`Fixtures/regex/go-onepass.json`, from
/// `scripts/generate-onepass-vectors`).
struct GoOnePassVectors: Decodable, Sendable {
    struct Pattern: Decodable, Sendable, CustomTestStringConvertible {
        let pattern: String
        let patternHex: String?
        let onePass: Bool

        var bytes: [UInt8] {
            patternHex.map(hexBytes) ?? Array(pattern.utf8)
        }

        var testDescription: String {
            pattern.count > 60 ? String(pattern.prefix(60)) + "… (\(pattern.utf8.count) bytes)" : pattern
        }
    }

    let goVersion: String
    let patterns: [Pattern]

    static let shared: GoOnePassVectors = (try? Fixtures.decode(GoOnePassVectors.self, from: "regex/go-onepass.json"))
        ?? GoOnePassVectors(goVersion: "", patterns: [])

    private init(goVersion: String, patterns: [Pattern]) {
        self.goVersion = goVersion
        self.patterns = patterns
    }
}
