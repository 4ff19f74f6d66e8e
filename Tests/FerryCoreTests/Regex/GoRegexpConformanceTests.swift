import Testing

@testable import FerryCore

/// Compares GoRegexp with the results of Go's regexp recorded in the fixture.
struct GoRegexpConformanceTests {
    /// Limits high enough that only Go's own limits apply.
    static let goLimits = GoRegexp.Limits(maxPatternBytes: 1 << 20, maxProgramSize: 1 << 24)

    @Test func fixtureLoads() throws {
        let vectors = try GoRegexpVectors.load()
        #expect(vectors.patterns.count > 1000)
        #expect(vectors.patterns.reduce(0) { $0 + $1.cases.count } > 2000)
        #expect(vectors.patterns.filter { $0.error != nil }.count > 100)
        #expect(vectors.expansions.count > 30)
    }

    @Test(arguments: GoRegexpVectors.shared.patterns)
    func compilesAndMatchesLikeGo(_ vector: GoRegexpVectors.Pattern) throws {
        let compiled: GoRegexp
        do {
            compiled = try GoRegexp(utf8: vector.bytes, limits: Self.goLimits)
        } catch {
            #expect(error.description == vector.error, "Go accepts this pattern")
            return
        }
        #expect(vector.error == nil, "Go rejects this pattern")
        #expect(compiled.numberOfGroups == vector.groups)
        #expect(compiled.groupNames == (vector.names ?? []))
        for subject in vector.cases {
            var budget = MatchBudget.unlimited
            let match = try compiled.firstMatch(utf8: subject.bytes, budget: &budget)
            #expect(match?.offsets == subject.match, "subject \(subject.subject.debugDescription)")
            #expect(try compiled.matches(utf8: subject.bytes, budget: &budget) == (subject.match != nil))
            if subject.subjectHex == nil {
                #expect(compiled.firstMatch(in: subject.subject)?.offsets == subject.match)
                #expect(compiled.matches(subject.subject) == (subject.match != nil))
            }
        }
    }

    @Test func onePassFixtureLoads() {
        #expect(GoOnePassVectors.shared.patterns.count > 900)
        #expect(GoOnePassVectors.shared.patterns.filter(\.onePass).count > 200)
    }

    /// A pattern gets a one-pass form exactly when Go gives it one.
    @Test(arguments: GoOnePassVectors.shared.patterns)
    func onePassExactlyWhenGoHasIt(_ vector: GoOnePassVectors.Pattern) throws {
        let compiled = try GoRegexp(utf8: vector.bytes, limits: Self.goLimits)
        #expect((compiled.core.onePass != nil) == vector.onePass)
    }

    /// Every matcher must agree with Go on every case, whichever the heuristics would pick.
    @Test(arguments: GoRegexpVectors.shared.patterns.filter { $0.error == nil })
    func backtrackerAndPikeVMAgree(_ vector: GoRegexpVectors.Pattern) throws {
        let compiled = try GoRegexp(utf8: vector.bytes, limits: Self.goLimits)
        for subject in vector.cases {
            for captures in [true, false] {
                let fromPike = try EngineProbe.run(compiled, subject.bytes, captures: captures, engine: .pike)
                let expected = captures ? subject.match : subject.match.map { _ in [] }
                #expect(fromPike == expected, "Pike VM, subject \(subject.subject.debugDescription)")
                if BacktrackMatcher.accepts(programSize: compiled.programSize, length: subject.bytes.count) {
                    let fromBacktracker = try EngineProbe.run(compiled, subject.bytes, captures: captures, engine: .backtrack)
                    #expect(fromBacktracker == expected, "backtracker, subject \(subject.subject.debugDescription)")
                }
                if compiled.core.onePass != nil {
                    let fromOnePass = try EngineProbe.run(compiled, subject.bytes, captures: captures, engine: .onePass)
                    #expect(fromOnePass == expected, "one-pass, subject \(subject.subject.debugDescription)")
                }
            }
        }
    }

    @Test(arguments: GoRegexpVectors.shared.expansions)
    func expandsLikeGo(_ vector: GoRegexpVectors.Expansion) throws {
        let compiled = try GoRegexp(vector.pattern)
        let match = compiled.firstMatch(in: vector.subject)
        #expect((match != nil) == vector.matched)
        guard let match else { return }
        let template = ExpandTemplate(vector.template)
        #expect(template.expand(match: match, subject: vector.subject, regexp: compiled) == vector.expected)
        // The bound form the tag filter uses gives the same text.
        var output: [UInt8] = []
        Array(vector.subject.utf8).withUnsafeBufferPointer { subject in
            ExpandTemplate.Bound(template, regexp: compiled).expand(offsets: match.offsets, subject: subject, into: &output)
        }
        #expect(String(decoding: output, as: UTF8.self) == vector.expected)
    }
}

/// Runs one matcher directly, bypassing the choice between them.
enum EngineProbe {
    enum Engine { case pike, backtrack, onePass }

    static func run(_ regexp: GoRegexp, _ bytes: [UInt8], captures: Bool, engine: Engine) throws -> [Int]? {
        let core = regexp.core
        let slotCount = captures ? core.program.slotCount : 0
        var slots = Array(repeating: -1, count: Swift.max(1, slotCount))
        var steps = Int.max
        let padded = bytes + [0]
        let matched = try padded.withUnsafeBufferPointer { buffer in
            try slots.withUnsafeMutableBufferPointer { slotBuffer in
                guard let base = buffer.baseAddress, let slotBase = slotBuffer.baseAddress else { return false }
                let input = MatchInput(bytes: base, count: bytes.count)
                if core.neverMatches || input.count < core.minimumLength { return false }
                switch engine {
                case .pike:
                    return try PikeVM.search(core, input, slots: slotBase, slotCount: slotCount, steps: &steps)
                case .backtrack:
                    return try BacktrackMatcher.search(core, input, slots: slotBase, slotCount: slotCount, steps: &steps)
                case .onePass:
                    guard let onePass = core.onePass else { return false }
                    return try OnePassMatcher.search(onePass, core.program, input, slots: slotBase, slotCount: slotCount, steps: &steps)
                }
            }
        }
        guard matched else { return nil }
        guard captures else { return [] }
        var offsets = Array(repeating: -1, count: 2 * (regexp.numberOfGroups + 1))
        for index in 0..<Swift.min(slotCount, offsets.count) {
            offsets[index] = slots[index]
        }
        return offsets
    }
}
