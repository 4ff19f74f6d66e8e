// Fuzz target `regex`: the GoRegexp engine (RE2 syntax, Go semantics) and the `filterTags` path of TagSelector.
//
// Input: a pattern, a newline, an `extract` template, a newline, then subjects one per line.
// Properties: a pattern compiles or throws GoRegexpError (never traps, even for invalid UTF-8); every match offset
// lies inside the subject, groups inside the whole match, `-1` only in pairs; `matches` agrees with `firstMatch`;
// the one-pass matcher, the backtracker and the Pike VM agree slot for slot; the selector picks a tag the pattern
// matches, its value is the template's expansion, and it fails only when no tag matches.
@testable import FerryCore

private let stepsPerSearch = 2_000_000

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRegex(_ data: UnsafeRawPointer?, _ size: Int) -> CInt {
    let input = FuzzInput(data, size)
    let parts = input.fields(3)
    let regexp: GoRegexp
    do {
        regexp = try GoRegexp(utf8: parts[0])
    } catch {
        require(!error.description.isEmpty, "an empty error for pattern \(show(parts[0]))")
        return 0
    }
    require(regexp.groupNames.count == regexp.numberOfGroups + 1, "groupNames and numberOfGroups disagree")
    let subjects = Array(parts[2].split(separator: 0x0A, omittingEmptySubsequences: false).prefix(16).map { Array($0.prefix(512)) })
    for subject in subjects { checkMatch(regexp, subject) }
    checkSelector(pattern: String(decoding: parts[0], as: UTF8.self), extract: String(decoding: parts[1], as: UTF8.self), subjects: subjects)
    return 0
}

private func checkMatch(_ regexp: GoRegexp, _ subject: [UInt8]) {
    var budget = MatchBudget(steps: stepsPerSearch)
    let found: GoRegexpMatch?
    do {
        found = try regexp.firstMatch(utf8: subject, budget: &budget)
    } catch {
        require(error.code == .budgetExhausted, "matching threw \(error), not budget exhaustion")
        return
    }
    var yesNo = MatchBudget(steps: stepsPerSearch)
    if let matched = try? regexp.matches(utf8: subject, budget: &yesNo) {
        require(matched == (found != nil), "matches says \(matched), firstMatch says \(show(found)) for \(show(regexp.pattern)) on \(show(subject))")
    }
    if let found {
        require(found.offsets.count == 2 * (regexp.numberOfGroups + 1), "\(found.offsets.count) offsets for \(regexp.numberOfGroups) groups")
        let whole = found.range
        require(whole.lowerBound >= 0 && whole.upperBound <= subject.count, "match \(whole) outside a subject of \(subject.count) bytes")
        for group in 1...max(1, regexp.numberOfGroups) where group <= regexp.numberOfGroups {
            let lower = found.offsets[2 * group]
            let upper = found.offsets[2 * group + 1]
            if lower == -1 || upper == -1 {
                require(lower == -1 && upper == -1, "group \(group) has one offset: \(lower), \(upper)")
                continue
            }
            require(whole.lowerBound <= lower && lower <= upper && upper <= whole.upperBound, "group \(group) \(lower)..<\(upper) outside match \(whole)")
        }
    }
    compareEngines(regexp, subject)
}

/// Runs each matcher the expression allows on `subject` and requires the same outcome and slots.
private func compareEngines(_ regexp: GoRegexp, _ subject: [UInt8]) {
    let core = regexp.core
    let slotCount = core.program.slotCount
    subject.withUnsafeBufferPointer { buffer in
        var placeholder: UInt8 = 0
        withUnsafePointer(to: &placeholder) { empty in
            let input = MatchInput(bytes: buffer.baseAddress ?? empty, count: buffer.count)
            guard let pike = run(slotCount, { slots, steps throws(GoRegexpError) in try PikeVM.search(core, input, slots: slots, slotCount: slotCount, steps: &steps) })
            else { return }
            if BacktrackMatcher.accepts(programSize: core.program.instructions.count, length: input.count),
                let backtrack = run(slotCount, { slots, steps throws(GoRegexpError) in
                    try BacktrackMatcher.search(core, input, slots: slots, slotCount: slotCount, steps: &steps)
                })
            {
                require(backtrack == pike, "backtracker \(show(backtrack)) and Pike VM \(show(pike)) differ for \(show(regexp.pattern)) on \(show(subject))")
            }
            if let onePass = core.onePass,
                let result = run(slotCount, { slots, steps throws(GoRegexpError) in
                    try OnePassMatcher.search(onePass, core.program, input, slots: slots, slotCount: slotCount, steps: &steps)
                })
            {
                require(result == pike, "one-pass \(show(result)) and Pike VM \(show(pike)) differ for \(show(regexp.pattern)) on \(show(subject))")
            }
            if let chosen = run(slotCount, { slots, steps throws(GoRegexpError) in try core.search(input, slots: slots, slotCount: slotCount, steps: &steps) }) {
                require(chosen == pike, "the chosen matcher \(show(chosen)) and the Pike VM \(show(pike)) differ for \(show(regexp.pattern)) on \(show(subject))")
            }
        }
    }
}

/// One matcher run: `nil` when the budget ran out, else `[]` for no match or the slots of the match.
private func run(_ slotCount: Int, _ body: (UnsafeMutablePointer<Int>, inout Int) throws(GoRegexpError) -> Bool) -> [Int]?? {
    var slots = Array(repeating: -7, count: max(1, slotCount))
    var steps = stepsPerSearch
    let outcome = slots.withUnsafeMutableBufferPointer { buffer -> Result<Bool, GoRegexpError> in
        guard let base = buffer.baseAddress else { preconditionFailure("invariant: a non-empty array has an address") }
        return Result { () throws(GoRegexpError) in try body(base, &steps) }
    }
    switch outcome {
    case .failure(let error):
        require(error.code == .budgetExhausted, "a matcher threw \(error)")
        return nil
    case .success(let matched):
        return .some(matched ? Array(slots.prefix(slotCount)) : nil)
    }
}

private func checkSelector(pattern: String, extract: String, subjects: [[UInt8]]) {
    guard !subjects.isEmpty else { return }
    let tags = subjects.map { String(decoding: $0, as: UTF8.self) }
    let spec = TagFilterSpec(pattern: pattern, extract: extract)
    let selector: TagSelector
    do {
        selector = try TagSelector(policy: ImagePolicyChoice(alphabetical: OrderPolicy(order: "asc")), filterTags: spec)
    } catch {
        require(!error.description.isEmpty, "an empty policy error")
        return
    }
    guard let filter = selector.filter else {
        require(false, "a selector built with filterTags has no filter")
        return
    }
    let eligible = tags.filter { $0.utf8.count <= TagSelector.maximumTagLength }
    do {
        let selection = try selector.select(from: tags)
        require(eligible.contains(selection.tag), "selected \(show(selection.tag)), which is not an eligible tag")
        guard let match = filter.regexp.firstMatch(in: selection.tag) else {
            require(false, "selected \(show(selection.tag)), which \(show(pattern)) does not match")
            return
        }
        if let template = filter.extract {
            let expected = template.expand(match: match, subject: selection.tag, regexp: filter.regexp)
            require(selection.value == expected, "value \(show(selection.value)) is not the expansion \(show(expected)) of \(show(extract))")
        } else {
            require(selection.value == selection.tag, "without extract the value \(show(selection.value)) is not the tag")
        }
    } catch {
        if error.shortDescription == "matching budget exhausted" { return }
        let matching = eligible.filter { filter.regexp.matches($0) }
        require(matching.isEmpty, "selection failed (\(error)) although \(show(matching)) match \(show(pattern))")
    }
}
