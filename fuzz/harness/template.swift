// Fuzz target `template`: the Go text/template lexer, parser and executor with Sprig's hermetic functions, run on
// the data of a commit message (what `spec.git.commit.messageTemplate` sees).
//
// Input: the template text.
// Properties: parsing and rendering end in a result or a TemplateError of the right stage with Go's `template: `
// prefix and a 1-based line (never a trap, a hang or unbounded memory); the output stays within the limits; the
// same template, data, time and seed render the same text again (through CommitMessage, which must agree).
@testable import FerryCore

private let data = CommitTemplateData.sample
private let value = data.templateValue
private let limits = TemplateLimits(
    maxOutputBytes: 1 << 16, maxTemplateDepth: 40, maxSteps: 200_000, maxValueSize: 1 << 16,
    now: Timestamp(secondsSinceEpoch: 1_750_000_000), randomSeed: 42)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTemplate(_ input: UnsafeRawPointer?, _ size: Int) -> CInt {
    let text = FuzzInput(input, size).text
    let template: Template
    do {
        template = try Template(text, name: CommitMessage.templateName)
    } catch {
        require(error.stage == .parse, "a parse failure reported as \(error.stage): \(error)")
        require(error.line.map { $0 >= 1 } ?? true && error.column.map { $0 >= 0 } ?? true, "a parse error at a bad position: \(error)")
        require(error.description.hasPrefix("template: "), "a parse error without Go's prefix: \(error)")
        if !text.isEmpty { expectCommitMessage(text, fails: .invalidTemplate) }
        return 0
    }
    require(template.templateNames.contains(CommitMessage.templateName), "the main template is missing from \(template.templateNames)")
    let first: String
    do {
        first = try template.render(value, limits: limits)
    } catch {
        require(error.stage == .execution, "an execution failure reported as \(error.stage): \(error)")
        require(error.description.hasPrefix("template: "), "an execution error without Go's prefix: \(error)")
        if !text.isEmpty { expectCommitMessage(text, fails: nil) }
        return 0
    }
    require(first.utf8.count <= limits.maxOutputBytes, "\(first.utf8.count) bytes of output, over the limit of \(limits.maxOutputBytes)")
    // CommitMessage parses and renders again: equal output is also the determinism check.
    if !text.isEmpty {
        do {
            let message = try CommitMessage.render(template: text, data: data, limits: limits)
            require(message == first, "CommitMessage renders \(show(message)), Template \(show(first))")
        } catch {
            require(false, "CommitMessage fails (\(error)) where Template renders")
        }
    }
    return 0
}

/// CommitMessage must fail too, as `kind` (any execution kind when `nil`).
private func expectCommitMessage(_ text: String, fails kind: CommitMessageError.Kind?) {
    do {
        let message = try CommitMessage.render(template: text, data: data, limits: limits)
        require(false, "CommitMessage renders \(show(message)) where Template fails")
    } catch {
        if let kind { require(error.kind == kind, "CommitMessage fails as \(error.kind), not \(kind)") }
        else { require(error.kind != .invalidTemplate, "CommitMessage cannot parse what Template parses") }
    }
}
