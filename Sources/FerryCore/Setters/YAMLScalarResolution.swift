/// How Go's YAML libraries read an unquoted value, for deciding when a new value must be quoted.
///
/// Flux sets a marked value and then calls kyaml's `FormatNonStringStyle`, which double-quotes a plain scalar when
/// `yaml.v2` (YAML 1.1) would decode the value, read as a whole YAML document, into something other than a string:
/// `123`, `1.10`, `yes`, `on`, `~`, `1e3`, `0x1F`, `[a]`, `a: b`, a comment. yaml.v3's encoder then also quotes a
/// value it resolves as null or a timestamp (`""`, `2024-01-15`).
enum YAMLScalarResolution {
    /// kyaml's `IsValueNonString`: whether yaml.v2 decodes `value` into a non-string.
    static func isYAML11NonString(_ value: String) -> Bool {
        if value.isEmpty || value.utf8.contains(0x0A) { return false }
        let stream: YAMLStream
        do {
            stream = try YAMLStream(parsing: Array(value.utf8))
        } catch {
            return false
        }
        guard let document = stream.documents.first else { return true }
        switch document.root {
        case .null, .mapping, .sequence: return true
        case .alias: return false
        case .scalar: break
        }
        guard let token = stream.tokens.first(where: { $0.kind == .scalar }) else { return true }
        let tag = stream.tokens.first(where: { $0.kind == .tag }).map { tagName($0, in: stream) }
        let text = String(decoding: stream.value(of: token), as: UTF8.self)
        if let tag {
            return taggedIsNonString(text, tag: tag)
        }
        guard token.style == .plain else { return false }
        // yaml.v2 resolves timestamps but, for compatibility, decodes them into `interface{}` as strings.
        let kind = yaml11Kind(of: text)
        return kind != .string && kind != .timestamp
    }

    /// Whether yaml.v3's encoder forces quotes on a plain `!!str` scalar with this value: its YAML 1.2 resolution
    /// is null (the empty string) or a timestamp (the other cases are non-strings in YAML 1.1 too).
    static func yaml3ForcesQuotes(_ value: String) -> Bool {
        value.isEmpty || isTimestamp(value)
    }

    enum Kind: Equatable {
        case string
        case null
        case bool
        case int
        case float
        case timestamp
    }

    /// yaml.v2's `resolve` for an untagged plain scalar.
    static func yaml11Kind(of value: String) -> Kind {
        guard let first = value.utf8.first else { return .null }
        switch first {
        case UInt8(ascii: "y"), UInt8(ascii: "Y"), UInt8(ascii: "n"), UInt8(ascii: "N"), UInt8(ascii: "t"), UInt8(ascii: "T"), UInt8(ascii: "f"),
            UInt8(ascii: "F"), UInt8(ascii: "o"), UInt8(ascii: "O"), UInt8(ascii: "~"):
            return keywords[value] ?? .string
        case UInt8(ascii: "."):
            if let kind = keywords[value] { return kind }
            return isGoDecimalFloat(value, requireLeadingDot: true) ? .float : .string
        case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            if let kind = keywords[value] { return kind }
            if isTimestamp(value) { return .timestamp }
            let plain = value.filter { $0 != "_" }
            if isGoInteger(plain) { return .int }
            if isGoDecimalFloat(plain, requireLeadingDot: false) { return .float }
            return .string
        default:
            return .string
        }
    }

    private static let keywords: [String: Kind] = {
        var table: [String: Kind] = [:]
        for word in [
            "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE", "on", "On", "ON", "off",
            "Off", "OFF",
        ] {
            table[word] = .bool
        }
        for word in ["~", "null", "Null", "NULL"] { table[word] = .null }
        for word in [".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF"] { table[word] = .float }
        return table
    }()

    /// yaml.v2 decoding a tagged scalar into `interface{}`: a non-string only for a standard tag it can honour.
    private static func taggedIsNonString(_ value: String, tag: String) -> Bool {
        let core = "tag:yaml.org,2002:"
        guard tag.hasPrefix(core) else { return false }
        let name = tag.dropFirst(core.count)
        let resolved = yaml11Kind(of: value)
        switch name {
        case "bool": return resolved == .bool
        case "int": return resolved == .int
        case "float": return resolved == .float || resolved == .int
        default: return false
        }
    }

    private static func tagName(_ token: YAMLToken, in stream: YAMLStream) -> String {
        let handle = String(decoding: stream.input[token.first], as: UTF8.self)
        let suffix = String(decoding: stream.input[token.second], as: UTF8.self)
        switch handle {
        case "!!": return "tag:yaml.org,2002:" + suffix
        case "": return suffix
        default: return handle + suffix
        }
    }

    /// Go's `strconv.ParseInt(s, 0, 64)` or `ParseUint(s, 0, 64)` succeeds (underscores already removed).
    static func isGoInteger(_ s: String) -> Bool {
        var bytes = Array(s.utf8)[...]
        var negative = false
        if let sign = bytes.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
            negative = sign == UInt8(ascii: "-")
            bytes = bytes.dropFirst()
        }
        guard !bytes.isEmpty else { return false }
        var base: UInt64 = 10
        if bytes.first == UInt8(ascii: "0") {
            let marker = bytes.count >= 3 ? bytes[bytes.startIndex + 1] | 0x20 : 0
            switch marker {
            case UInt8(ascii: "b"):
                base = 2
                bytes = bytes.dropFirst(2)
            case UInt8(ascii: "o"):
                base = 8
                bytes = bytes.dropFirst(2)
            case UInt8(ascii: "x"):
                base = 16
                bytes = bytes.dropFirst(2)
            default:
                base = 8
                bytes = bytes.dropFirst()
            }
        }
        var value: UInt64 = 0
        for b in bytes {
            let digit: UInt64
            switch b {
            case 0x30...0x39: digit = UInt64(b - 0x30)
            case 0x41...0x5A: digit = UInt64(b - 0x41 + 10)
            case 0x61...0x7A: digit = UInt64(b - 0x61 + 10)
            default: return false
            }
            guard digit < base else { return false }
            let (product, overflow) = value.multipliedReportingOverflow(by: base)
            guard !overflow else { return false }
            let (sum, overflow2) = product.addingReportingOverflow(digit)
            guard !overflow2 else { return false }
            value = sum
        }
        if negative { return value <= UInt64(Int64.max) + 1 }
        return true
    }

    /// yaml.v2's float check: `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$` and a finite value (Go's
    /// `ParseFloat` reports overflow as an error).
    static func isGoDecimalFloat(_ s: String, requireLeadingDot: Bool) -> Bool {
        let bytes = Array(s.utf8)
        var i = 0
        func digits() -> Int {
            let start = i
            while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 { i += 1 }
            return i - start
        }
        if !requireLeadingDot, i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            i += 1
            guard digits() > 0 else { return false }
        } else {
            guard !requireLeadingDot, digits() > 0 else { return false }
            if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
                i += 1
                _ = digits()
            }
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            guard digits() > 0 else { return false }
        }
        guard i == bytes.count, let value = Double(s) else { return false }
        return value.isFinite
    }

    /// yaml's `parseTimestamp`: `YYYY-M-D`, optionally followed by `T`, `t` or a space and `H:M:S[.fraction]`, and for
    /// `T`/`t` a zone `Z` or `±HH:MM`, with Go's `time.Parse` range checks.
    static func isTimestamp(_ s: String) -> Bool {
        let b = Array(s.utf8)
        var i = 0
        func number(maxDigits: Int, exact: Bool = false) -> Int? {
            let start = i
            var value = 0
            while i < b.count, i - start < maxDigits, b[i] >= 0x30, b[i] <= 0x39 {
                value = value * 10 + Int(b[i] - 0x30)
                i += 1
            }
            let count = i - start
            if count == 0 || (exact && count != maxDigits) { return nil }
            return value
        }
        func expect(_ c: Character) -> Bool {
            guard i < b.count, b[i] == c.asciiValue else { return false }
            i += 1
            return true
        }
        guard let year = number(maxDigits: 4, exact: true), expect("-"), let month = number(maxDigits: 2), expect("-"), let day = number(maxDigits: 2)
        else {
            return false
        }
        guard (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year) else { return false }
        if i == b.count { return true }
        let separator = b[i]
        guard separator == UInt8(ascii: "T") || separator == UInt8(ascii: "t") || separator == UInt8(ascii: " ") else { return false }
        i += 1
        guard let hour = number(maxDigits: 2), expect(":"), let minute = number(maxDigits: 2), expect(":"), let second = number(maxDigits: 2) else {
            return false
        }
        guard hour < 24, minute < 60, second < 60 else { return false }
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            guard number(maxDigits: Int.max) != nil else { return false }
        }
        if separator == UInt8(ascii: " ") { return i == b.count }
        guard i < b.count else { return false }
        if b[i] == UInt8(ascii: "Z") {
            i += 1
            return i == b.count
        }
        guard b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") else { return false }
        i += 1
        guard let zoneHour = number(maxDigits: 2, exact: true), expect(":"), let zoneMinute = number(maxDigits: 2, exact: true) else { return false }
        return zoneHour < 24 && zoneMinute < 60 && i == b.count
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
