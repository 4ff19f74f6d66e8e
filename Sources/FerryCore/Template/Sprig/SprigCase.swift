/// Sprig's `snakecase`, `kebabcase` and `camelcase`, following huandu/xstrings (v1.3) word by
/// word: runs of upper case, lower case, digits, punctuation and connectors (`-`, `_`, space).
enum SprigCase {
    private enum Word { case invalid, number, upper, alphabet, connector, punctuation, other }

    private static func isConnector(_ scalar: Unicode.Scalar) -> Bool { scalar == "-" || scalar == "_" || SprigText.isSpace(scalar) }
    private static func isUpper(_ scalar: Unicode.Scalar) -> Bool { scalar.properties.generalCategory == .uppercaseLetter || scalar.properties.generalCategory == .titlecaseLetter }

    private static func isPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation, .finalPunctuation, .otherPunctuation: return true
        default: return false
        }
    }

    private static func isNumber(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .decimalNumber, .letterNumber, .otherNumber: return true
        default: return false
        }
    }

    private static func isAlphabet(_ scalar: Unicode.Scalar) -> Bool {
        guard SprigText.isLetter(scalar) else { return false }
        switch scalar.value {
        case ..<0x3400: return true
        case 0x4E00...0x9FCC, 0x3400...0x4D85, 0x20000...0x2B81D: return false
        default: return true
        }
    }

    /// The next word of `scalars` from `start`: its kind and end.
    private static func nextWord(_ scalars: [Unicode.Scalar], _ start: Int) -> (Word, Int) {
        guard start < scalars.count else { return (.invalid, start) }
        let first = scalars[start]
        var end = start + 1
        func extend(while predicate: (Unicode.Scalar) -> Bool) {
            while end < scalars.count && predicate(scalars[end]) { end += 1 }
        }
        if isConnector(first) {
            extend(while: isConnector)
            return (.connector, end)
        }
        if isPunctuation(first) {
            extend(while: isPunctuation)
            return (.punctuation, end)
        }
        if isUpper(first) {
            guard end < scalars.count else { return (.upper, end) }
            let second = scalars[end]
            if isUpper(second) {
                var lastWidth = 1
                end += 1
                while end < scalars.count && isUpper(scalars[end]) {
                    end += 1
                    lastWidth = 1
                }
                if end < scalars.count && isAlphabet(scalars[end]) { end -= lastWidth }
            } else if isAlphabet(second) {
                end += 1
                extend { isAlphabet($0) && !isUpper($0) }
            }
            return (.upper, end)
        }
        if isAlphabet(first) {
            extend { isAlphabet($0) && !isUpper($0) }
            return (.alphabet, end)
        }
        if isNumber(first) {
            extend(while: isNumber)
            return (.number, end)
        }
        extend { !(isConnector($0) || isAlphabet($0) || isNumber($0) || isPunctuation($0)) }
        return (.other, end)
    }

    private static func appendLower(_ out: inout String.UnicodeScalarView, _ word: Word, _ scalars: ArraySlice<Unicode.Scalar>, _ connector: Unicode.Scalar) {
        guard word == .upper || word == .connector else {
            out.append(contentsOf: scalars)
            return
        }
        for scalar in scalars {
            if isConnector(scalar) {
                out.append(connector)
            } else if isUpper(scalar) {
                out.append(SprigText.lower(scalar))
            } else {
                out.append(scalar)
            }
        }
    }

    /// xstrings' `camelCaseToLowerCase`: `FirstName` → `first_name`.
    static func lowerCase(_ text: String, connector: Unicode.Scalar) -> String {
        let scalars = Array(text.unicodeScalars)
        guard !scalars.isEmpty else { return "" }
        var out = String.UnicodeScalarView()
        var start = 0
        var (word, end) = nextWord(scalars, start)
        func advance() {
            start = end
            (word, end) = nextWord(scalars, start)
        }
        while end < scalars.count {
            if word != .connector { appendLower(&out, word, scalars[start..<end], connector) }
            let previous = word
            let last = scalars[start..<end]
            advance()
            switch previous {
            case .number:
                while word == .alphabet || word == .number {
                    appendLower(&out, word, scalars[start..<end], connector)
                    advance()
                }
                if word != .invalid && word != .punctuation && word != .connector { out.append(connector) }
            case .connector:
                appendLower(&out, previous, last, connector)
            case .punctuation:
                break
            default:
                if word != .number {
                    if word != .connector && word != .punctuation { out.append(connector) }
                    break
                }
                if end >= scalars.count { break }
                let number = scalars[start..<end]
                advance()
                if word != .alphabet {
                    appendLower(&out, .number, number, connector)
                    if word != .connector && word != .punctuation { out.append(connector) }
                    break
                }
                out.append(connector)
                appendLower(&out, .number, number, connector)
                while word == .alphabet || word == .number {
                    appendLower(&out, word, scalars[start..<end], connector)
                    advance()
                }
                if word != .invalid && word != .connector && word != .punctuation { out.append(connector) }
            }
        }
        appendLower(&out, word, scalars[start..<end], connector)
        return String(out)
    }

    /// xstrings' `ToCamelCase`: `http_server` → `HttpServer`.
    static func camelCase(_ text: String) -> String {
        var scalars = Array(text.unicodeScalars)[...]
        guard !scalars.isEmpty else { return "" }
        var out = String.UnicodeScalarView()
        var current: Unicode.Scalar = " "
        var found = false
        while let scalar = scalars.popFirst() {
            if !isConnector(scalar) {
                current = SprigText.upper(scalar)
                found = true
                break
            }
            out.append(scalar)
            current = scalar
        }
        if !found {
            // xstrings writes the last connector a second time here.
            out.append(current)
            return String(out)
        }
        if scalars.isEmpty {
            out.append(current)
            return String(out)
        }
        while let scalar = scalars.popFirst() {
            let previous = current
            current = scalar
            if isConnector(current) && isConnector(previous) {
                out.append(previous)
                continue
            }
            if isConnector(previous) {
                current = SprigText.upper(current)
            } else {
                current = SprigText.lower(current)
                out.append(previous)
            }
        }
        out.append(current)
        return String(out)
    }
}
