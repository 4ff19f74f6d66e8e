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

/// Go's `path` package: `Clean`, `Base`, `Dir`, `Ext`.
enum GoPath {
    static func clean(_ path: String) -> String {
        let bytes = Array(path.utf8)
        if bytes.isEmpty { return "." }
        let rooted = bytes[0] == UInt8(ascii: "/")
        var parts: [ArraySlice<UInt8>] = []
        for part in bytes.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: true) {
            if part.elementsEqual([UInt8(ascii: ".")]) { continue }
            if part.elementsEqual([UInt8(ascii: "."), UInt8(ascii: ".")]) {
                if let last = parts.last, !last.elementsEqual([UInt8(ascii: "."), UInt8(ascii: ".")]) {
                    parts.removeLast()
                } else if !rooted {
                    parts.append(part)
                }
                continue
            }
            parts.append(part)
        }
        let joined = parts.map { String(decoding: $0, as: UTF8.self) }.joined(separator: "/")
        if rooted { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }

    static func base(_ path: String) -> String {
        if path.isEmpty { return "." }
        var bytes = Array(path.utf8)
        while bytes.count > 0 && bytes.last == UInt8(ascii: "/") { bytes.removeLast() }
        if let slash = bytes.lastIndex(of: UInt8(ascii: "/")) { bytes = Array(bytes[(slash + 1)...]) }
        if bytes.isEmpty { return "/" }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func dir(_ path: String) -> String {
        let bytes = Array(path.utf8)
        let slash = bytes.lastIndex(of: UInt8(ascii: "/")).map { $0 + 1 } ?? 0
        return clean(String(decoding: bytes[..<slash], as: UTF8.self))
    }

    static func ext(_ path: String) -> String {
        let bytes = Array(path.utf8)
        var index = bytes.count - 1
        while index >= 0 && bytes[index] != UInt8(ascii: "/") {
            if bytes[index] == UInt8(ascii: ".") { return String(decoding: bytes[index...], as: UTF8.self) }
            index -= 1
        }
        return ""
    }
}
