extension UnicodeData {
    /// What a `\p{Name}` name stands for.
    private enum Source {
        case any
        case ascii
        case assigned
        case categories([String], unassigned: Bool)
        case script(Int)
    }

    /// The code points named by `name` in `\p{name}` (without a leading `^`), following Go 1.25:
    /// general categories and their long aliases, scripts, `Any`, `ASCII` and `Assigned`, compared
    /// ignoring case, spaces, underscores and hyphens. `nil` when Go knows no such name.
    static func namedClass(_ name: some Sequence<UInt8>) -> [Int]? {
        guard let source = namedSources[canonicalName(name)] else { return nil }
        switch source {
        case .any:
            return [0, maxRune]
        case .ascii:
            return [0, 0x7F]
        case .assigned:
            return RuneRanges.negated(unassigned)
        case let .script(index):
            return ranges(index, starts: scriptRangeStarts, ranges: scriptRanges)
        case let .categories(names, includesUnassigned):
            var result = includesUnassigned ? unassigned : []
            for name in names {
                guard let index = categoryNames.firstIndex(of: name) else {
                    preconditionFailure("invariant: \(name) is a generated category")
                }
                result += ranges(index, starts: categoryRangeStarts, ranges: categoryRanges)
            }
            return RuneRanges.cleaned(result)
        }
    }

    /// The lookup key of a class name: ASCII letters lowercased, spaces, underscores and hyphens dropped.
    private static func canonicalName(_ name: some Sequence<UInt8>) -> String {
        var bytes: [UInt8] = []
        for byte in name where byte != UInt8(ascii: "_") && byte != UInt8(ascii: "-") && byte != UInt8(ascii: " ") {
            bytes.append(byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Code points no general category holds (Cn).
    private static let unassigned: [Int] = {
        var all: [Int] = []
        for index in categoryNames.indices {
            all += ranges(index, starts: categoryRangeStarts, ranges: categoryRanges)
        }
        return RuneRanges.negated(RuneRanges.cleaned(all))
    }()

    /// Every name Go accepts, by canonical key; earlier groups win, as in Go's lookup order.
    private static let namedSources: [String: Source] = {
        var sources: [String: Source] = [:]
        func add(_ name: String, _ source: Source) {
            let key = canonicalName(Array(name.utf8))
            if sources[key] == nil { sources[key] = source }
        }
        add("Any", .any)
        add("Assigned", .assigned)
        add("ASCII", .ascii)
        for name in categoryNames {
            add(name, .categories([name], unassigned: false))
        }
        let composites: [(String, [String], Bool)] = [
            ("LC", ["Ll", "Lt", "Lu"], false), ("Cn", [], true), ("C", ["Cc", "Cf", "Co", "Cs"], true),
            ("L", ["Ll", "Lm", "Lo", "Lt", "Lu"], false), ("M", ["Mc", "Me", "Mn"], false), ("N", ["Nd", "Nl", "No"], false),
            ("P", ["Pc", "Pd", "Pe", "Pf", "Pi", "Po", "Ps"], false), ("S", ["Sc", "Sk", "Sm", "So"], false),
            ("Z", ["Zl", "Zp", "Zs"], false),
        ]
        for (name, parts, unassigned) in composites {
            add(name, .categories(parts, unassigned: unassigned))
        }
        for (index, name) in scriptNames.enumerated() {
            add(name, .script(index))
        }
        for (alias, category) in categoryAliases {
            guard let source = sources[canonicalName(Array(category.utf8))] else {
                preconditionFailure("invariant: alias \(alias) names a known category")
            }
            add(alias, source)
        }
        return sources
    }()

    /// The general category aliases of Unicode's PropertyValueAliases.txt (Go's `unicode.CategoryAliases`).
    private static let categoryAliases: [(String, String)] = [
        ("Other", "C"), ("Control", "Cc"), ("cntrl", "Cc"), ("Format", "Cf"), ("Unassigned", "Cn"),
        ("Private_Use", "Co"), ("Surrogate", "Cs"), ("Letter", "L"), ("Cased_Letter", "LC"),
        ("Lowercase_Letter", "Ll"), ("Modifier_Letter", "Lm"), ("Other_Letter", "Lo"), ("Titlecase_Letter", "Lt"),
        ("Uppercase_Letter", "Lu"), ("Mark", "M"), ("Combining_Mark", "M"), ("Spacing_Mark", "Mc"),
        ("Enclosing_Mark", "Me"), ("Nonspacing_Mark", "Mn"), ("Number", "N"), ("Decimal_Number", "Nd"),
        ("digit", "Nd"), ("Letter_Number", "Nl"), ("Other_Number", "No"), ("Punctuation", "P"), ("punct", "P"),
        ("Connector_Punctuation", "Pc"), ("Dash_Punctuation", "Pd"), ("Close_Punctuation", "Pe"),
        ("Final_Punctuation", "Pf"), ("Initial_Punctuation", "Pi"), ("Other_Punctuation", "Po"),
        ("Open_Punctuation", "Ps"), ("Symbol", "S"), ("Currency_Symbol", "Sc"), ("Modifier_Symbol", "Sk"),
        ("Math_Symbol", "Sm"), ("Other_Symbol", "So"), ("Separator", "Z"), ("Line_Separator", "Zl"),
        ("Paragraph_Separator", "Zp"), ("Space_Separator", "Zs"),
    ]
}
