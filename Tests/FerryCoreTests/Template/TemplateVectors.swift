import FerryCore
import Foundation
import Testing

/// One record of `Fixtures/conformance/templates.json`.
struct TemplateVector: Sendable, CustomTestStringConvertible {
    let id: String
    let model: String
    let template: String
    let data: TemplateValue
    let expectError: Bool
    let expected: String?
    let errorContains: String?
    let changeIdInput: String?

    /// The vector's data as JSON text (for the `flux` model, which ``CommitTemplateData/init(json:fields:)`` reads).
    var dataJSON: String { (try? TemplateJSON.encode(data)) ?? "null" }

    var testDescription: String { id }

    /// Every vector of the file, read with Ferry's own JSON reader so that the data is
    /// decoded exactly as `ferry template render` decodes it.
    static let all: [TemplateVector] = {
        do {
            let text = String(decoding: try Fixtures.data("conformance/templates.json"), as: UTF8.self)
            guard case .slice(let records) = try TemplateJSON.decode(text) else { return [] }
            return records.elements.compactMap { record in
                guard case .map(let map) = record else { return nil }
                func string(_ key: String) -> String? { map[.string(key)]?.stringValue }
                return TemplateVector(
                    id: string("id") ?? "?", model: string("model") ?? "json", template: string("template") ?? "",
                    data: map[.string("data")] ?? .null, expectError: map[.string("expectError")] == .bool(true),
                    expected: string("expected"), errorContains: string("errorContains"), changeIdInput: string("changeIdInput"))
            }
        } catch {
            preconditionFailure("invariant: the template vectors are valid JSON (\(error))")
        }
    }()

    static func model(_ name: String) -> [TemplateVector] { all.filter { $0.model == name } }
}

