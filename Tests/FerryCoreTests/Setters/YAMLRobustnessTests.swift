import Foundation
import Testing

@testable import FerryCore

/// Malformed input never crashes the scanner, the parser or the rewriter: it parses or it throws.
struct YAMLRobustnessTests {
    /// A small deterministic generator (64-bit LCG), so failures reproduce.
    struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    static let alphabet = Array("-?:,[]{}#&*!|>'\"%@` \t\n\r\\ab01.~".utf8) + [0xC2, 0x85, 0xE2, 0x80, 0xA8, 0xEF, 0xBB, 0xBF]

    @Test func mutatedGoldenInputsParseOrThrow() throws {
        let root = SetterGoldenTests.root
        let seeds = try SetterGoldenTests.cases.map { Array(try Data(contentsOf: root.appendingPathComponent("\($0)/input.yaml"))) }
        let rewriter = try SetterRewriter(policies: SetterGoldenTests.policies())
        var generator = Generator(state: 42)
        for round in 0..<1500 {
            var bytes = seeds[round % seeds.count]
            for _ in 0..<(1 + generator.next(6)) {
                let position = bytes.isEmpty ? 0 : generator.next(bytes.count)
                switch generator.next(3) {
                case 0 where !bytes.isEmpty: bytes.remove(at: position)
                case 1: bytes.insert(Self.alphabet[generator.next(Self.alphabet.count)], at: position)
                default: if !bytes.isEmpty { bytes[position] = Self.alphabet[generator.next(Self.alphabet.count)] }
                }
            }
            _ = try? YAMLStream(parsing: bytes)
            let output = rewriter.rewrite([ManifestFile(path: "m.yaml", bytes: bytes)])
            // Whatever the rewriter writes must itself be YAML.
            for file in output.changedFiles { #expect((try? YAMLStream(parsing: file.bytes)) != nil, "round \(round) wrote invalid YAML") }
        }
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let flow = String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000)
        #expect(throws: YAMLSyntaxError.self) { try YAMLStream(parsing: Array(flow.utf8)) }
        let block = (0..<150).map { String(repeating: " ", count: $0) + "k:\n" }.joined()
        #expect(throws: YAMLSyntaxError.self) { try YAMLStream(parsing: Array(block.utf8)) }
        let shallow = String(repeating: "[", count: 90) + String(repeating: "]", count: 90)
        #expect((try? YAMLStream(parsing: Array(shallow.utf8))) != nil)
        let error = try? #require(throws: YAMLSyntaxError.self) { try YAMLStream(parsing: Array(flow.utf8)) }
        #expect(error?.problem == "exceeded max depth of 100")
    }
}
