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
}
