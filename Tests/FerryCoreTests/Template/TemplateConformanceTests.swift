import FerryCore
import Testing

/// Runs every vector of `Fixtures/conformance/templates.json` (Go's own text/template tests
/// and Flux's commit message cases, executed with Go and Sprig).
@Suite struct TemplateConformanceTests {
    @Test func theVectorFileHasTheExpectedCounts() {
        #expect(TemplateVector.model("json").count == 151)
        #expect(TemplateVector.model("flux").count == 12)
    }

    @Test(arguments: TemplateVector.model("json"))
    func goTemplateVector(_ vector: TemplateVector) throws {
        let result = Result { () throws(TemplateError) -> String in
            try Template(vector.template, name: "t", functions: .builtins).render(vector.data)
        }
        switch result {
        case .success(let output):
            #expect(!vector.expectError, "expected an error, got \(output.debugDescription)")
            #expect(output == vector.expected)
        case .failure(let error):
            #expect(vector.expectError, "unexpected error: \(error)")
        }
    }

    /// Flux's commit message cases, with Flux's fields only (`.Updated` is an error, as in Flux).
    @Test(arguments: TemplateVector.model("flux"))
    func fluxCommitMessageVector(_ vector: TemplateVector) throws {
        let data = try CommitTemplateData(json: vector.dataJSON, fields: .flux)
        let result = Result { () throws(CommitMessageError) -> String in try CommitMessage.render(template: vector.template, data: data) }
        switch result {
        case .success(let output):
            #expect(!vector.expectError, "expected an error, got \(output.debugDescription)")
            #expect(output == vector.expected)
        case .failure(let error):
            #expect(vector.expectError, "unexpected error: \(error)")
            if let part = vector.errorContains { #expect(error.description.contains(part)) }
        }
    }

    /// The Gerrit example hashes Go's `%v` of the data; the text hashed must be Go's, byte for byte.
    @Test func gerritChangeIdInputIsGoPrinting() throws {
        let vector = try #require(TemplateVector.all.first { $0.changeIdInput != nil })
        let data = try CommitTemplateData(json: vector.dataJSON, fields: .flux)
        let template = "{{ .AutomationObject }}{{ .Changed.FileChanges | toString }}{{ .Changed.Objects | toString }}{{ .Changed.Changes | toString }}"
        #expect(try CommitMessage.render(template: template, data: data) == vector.changeIdInput)
    }

    /// Ferry's deliberate improvement: with Ferry's fields, the template Flux rejects renders.
    @Test func removedUpdatedFieldRendersWithFerrysFields() throws {
        let vector = try #require(TemplateVector.all.first { $0.id == "flux/removed .Updated field" })
        let data = try CommitTemplateData(json: vector.dataJSON)
        let output = try CommitMessage.render(template: vector.template, data: data)
        #expect(output == "Commit summary\n\nAutomation: test-ns/test-update\n\nFiles:\n- deploy.yaml\nObjects:\n- deployment test\nImages:\n- helloworld:1.0.1 (policy1)\n")
    }
}
