/// Masterminds' `*semver.Version` as a template value: it prints as `String()` and has the
/// methods `Major`, `Minor`, `Patch`, `Prerelease`, `Metadata`, `Original`, `String`,
/// `Compare`, `LessThan`, `GreaterThan` and `Equal`.
enum SprigVersion {
    static let type = GoType.named("*semver.Version", underlying: nil)
    static let invalid = TemplateFunctionError("Invalid Semantic Version")

    static func value(_ version: Version) -> TemplateValue {
        func method(_ name: String, _ result: GoType, _ value: TemplateValue) -> TemplateFunction {
            TemplateFunction(name, FunctionSignature([], result: result)) { _ in value }
        }
        func comparison(_ name: String, _ result: GoType, _ body: @escaping @Sendable (Int) -> TemplateValue) -> TemplateFunction {
            TemplateFunction(name, FunctionSignature([.typed(type)], result: result)) { call throws(TemplateFunctionError) in
                guard case .structure(let other) = call[0], let text = other.stringerDescription, let otherVersion = Version(parsing: text) else {
                    throw Sprig.nilDereference
                }
                return body(version.compare(to: otherVersion))
            }
        }
        let methods = [
            method("String", .string, .string(version.description)),
            method("Major", .integer(.uint64), .int(Int64(clamping: version.major), .uint64)),
            method("Minor", .integer(.uint64), .int(Int64(clamping: version.minor), .uint64)),
            method("Patch", .integer(.uint64), .int(Int64(clamping: version.patch), .uint64)),
            method("Prerelease", .string, .string(String(version.prerelease))),
            method("Metadata", .string, .string(String(version.metadata))),
            method("Original", .string, .string(version.original)),
            comparison("Compare", .int) { .int($0) },
            comparison("LessThan", .bool) { .bool($0 < 0) },
            comparison("GreaterThan", .bool) { .bool($0 > 0) },
            comparison("Equal", .bool) { .bool($0 == 0) },
        ]
        return .structure(TemplateStruct(type: type, fields: [], methods: methods))
    }
}
