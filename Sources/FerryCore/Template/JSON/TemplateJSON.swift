/// JSON for templates, in pure Swift: decoding as Go's `encoding/json` decodes into `any`
/// (objects are `map[string]interface {}`, arrays `[]interface {}`, `null` is nil), except
/// that numbers written without a fraction or exponent stay integers (`int`), as the
/// conformance vectors and `ferry template render` expect; and encoding as `json.Marshal`.
public enum TemplateJSON {
    /// How deeply arrays and objects may nest.
    public static let maxDepth = 512

    /// Decodes one JSON value (surrounding whitespace allowed).
    /// - Parameters:
    ///   - text: The JSON text.
    ///   - integers: Whether integer literals become `int` (true) or, as Go's `any` gives, `float64`.
    /// - Throws: ``TemplateJSONError`` naming the line, column and problem.
    public static func decode(_ text: String, integers: Bool = true) throws(TemplateJSONError) -> TemplateValue {
        var reader = JSONReader(bytes: Array(text.utf8), integers: integers)
        reader.skipSpace()
        let value = try reader.value(depth: 0)
        reader.skipSpace()
        if reader.index < reader.bytes.count { throw reader.error("invalid character \(reader.describeCurrent()) after top-level value") }
        return value
    }
}
