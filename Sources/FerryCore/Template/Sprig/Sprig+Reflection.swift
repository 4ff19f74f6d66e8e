extension Sprig {
    static let reflection: [TemplateFunction] = [
        function("typeOf", [.interface], result: .string) { call in .string(typeName(call[0])) },
        function("typeIs", [.string, .interface], result: .bool) { call in .bool(call.string(0) == typeName(call[1])) },
        function("typeIsLike", [.string, .interface], result: .bool) { call in
            let name = typeName(call[1])
            return .bool(call.string(0) == name || "*" + call.string(0) == name)
        },
        function("kindOf", [.interface], result: .string) { call in .string(kind(call[0]) ?? "invalid") },
        function("kindIs", [.string, .interface], result: .bool) { call in .bool(call.string(0) == (kind(call[1]) ?? "invalid")) },
        function("deepEqual", [.interface, .interface], result: .bool) { call in .bool(SprigValues.deepEqual(call[0], call[1])) },
    ]

    private static func typeName(_ value: TemplateValue) -> String {
        switch value {
        case .missing, .null: return "<nil>"
        default: return value.goType?.description ?? "<nil>"
        }
    }

    static let paths: [TemplateFunction] = {
        let base = function("base", [.string], result: .string) { call in .string(GoPath.base(call.string(0))) }
        let dir = function("dir", [.string], result: .string) { call in .string(GoPath.dir(call.string(0))) }
        let clean = function("clean", [.string], result: .string) { call in .string(GoPath.clean(call.string(0))) }
        let ext = function("ext", [.string], result: .string) { call in .string(GoPath.ext(call.string(0))) }
        let isAbs = function("isAbs", [.string], result: .bool) { call in .bool(call.string(0).hasPrefix("/")) }
        // On Linux, Go's path/filepath behaves as path does.
        return [base, dir, clean, ext, isAbs, alias("osBase", of: base), alias("osDir", of: dir), alias("osClean", of: clean),
                alias("osExt", of: ext), alias("osIsAbs", of: isAbs)]
    }()
}
