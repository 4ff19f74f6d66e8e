extension Sprig {
    static let versions: [TemplateFunction] = [
        function("semver", [.string], result: SprigVersion.type) { call throws(TemplateFunctionError) in
            guard let version = Version(parsing: call.string(0)) else { throw SprigVersion.invalid }
            return SprigVersion.value(version)
        },
        function("semverCompare", [.string, .string], result: .bool) { call throws(TemplateFunctionError) in
            let range: SemVerRange
            do throws(SemVerRangeError) {
                range = try SemVerRange(call.string(0))
            } catch {
                throw TemplateFunctionError(error.upstreamMessage)
            }
            guard let version = Version(parsing: call.string(1)) else { throw SprigVersion.invalid }
            return .bool(range.contains(version))
        },
    ]
}
