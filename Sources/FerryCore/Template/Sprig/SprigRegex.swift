/// Go's `regexp` methods Sprig calls (`FindAllString`, `ReplaceAllString`, `Split`), on
/// Ferry's Go-compatible engine.
enum SprigRegex {
    static func compile(_ pattern: String, panics: Bool) throws(TemplateFunctionError) -> GoRegexp {
        do throws(GoRegexpError) {
            return try GoRegexp(pattern)
        } catch {
            if panics {
                let quoted = GoQuote.canBackquote(pattern) ? "`\(pattern)`" : GoQuote.quote(pattern)
                throw TemplateFunctionError("regexp: Compile(\(quoted)): \(error.description)")
            }
            throw TemplateFunctionError(error.description)
        }
    }

    static func text(_ subject: String, _ range: Range<Int>) -> String {
        String(decoding: Array(subject.utf8)[range], as: UTF8.self)
    }

    private static func budget() -> MatchBudget { MatchBudget(steps: 100_000_000) }

    static func first(_ regexp: GoRegexp, _ subject: String) throws(TemplateFunctionError) -> GoRegexpMatch? {
        var budget = budget()
        do throws(GoRegexpError) {
            return try regexp.firstMatch(utf8: Array(subject.utf8), from: 0, budget: &budget)
        } catch {
            throw TemplateFunctionError(error.description)
        }
    }

    /// Go's `allMatches`: no empty match right after a match; after an empty match, one rune on.
    static func all(_ regexp: GoRegexp, _ subject: String, limit: Int, _ call: FunctionCall) throws(TemplateFunctionError) -> [GoRegexpMatch] {
        let bytes = Array(subject.utf8)
        let limit = limit < 0 ? bytes.count + 1 : limit
        var matches: [GoRegexpMatch] = []
        var position = 0
        var previousEnd = -1
        var budget = budget()
        while matches.count < limit && position <= bytes.count {
            let found: GoRegexpMatch?
            do throws(GoRegexpError) {
                found = try regexp.firstMatch(utf8: bytes, from: position, budget: &budget)
            } catch {
                throw TemplateFunctionError(error.description)
            }
            guard let match = found else { break }
            var accept = true
            if match.range.upperBound == position {
                if match.range.lowerBound == previousEnd { accept = false }
                position += position < bytes.count ? runeWidth(bytes, position) : 1
            } else {
                position = match.range.upperBound
            }
            previousEnd = match.range.upperBound
            if accept {
                matches.append(match)
                try Sprig.checkSize(matches.count, call)
            }
        }
        return matches
    }

    private static func runeWidth(_ bytes: [UInt8], _ position: Int) -> Int {
        let byte = bytes[position]
        let width = byte < 0x80 ? 1 : byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1
        return Swift.min(width, bytes.count - position)
    }

    /// Go's `ReplaceAllString` (with `$1`/`${name}` expansion) or `ReplaceAllLiteralString`.
    static func replaceAll(_ regexp: GoRegexp, _ subject: String, _ replacement: String, literal: Bool, _ call: FunctionCall) throws(TemplateFunctionError) -> String {
        let bytes = Array(subject.utf8)
        let template = ExpandTemplate(replacement)
        var out: [UInt8] = []
        var lastEnd = 0
        var searchPosition = 0
        var budget = budget()
        while searchPosition <= bytes.count {
            let found: GoRegexpMatch?
            do throws(GoRegexpError) {
                found = try regexp.firstMatch(utf8: bytes, from: searchPosition, budget: &budget)
            } catch {
                throw TemplateFunctionError(error.description)
            }
            guard let match = found else { break }
            out.append(contentsOf: bytes[lastEnd..<match.range.lowerBound])
            if match.range.upperBound > lastEnd || match.range.lowerBound == 0 {
                if literal {
                    out.append(contentsOf: replacement.utf8)
                } else {
                    out.append(contentsOf: template.expand(match: match, subject: subject, regexp: regexp).utf8)
                }
                try Sprig.checkSize(out.count, call)
            }
            lastEnd = match.range.upperBound
            let width = searchPosition < bytes.count ? runeWidth(bytes, searchPosition) : 0
            if searchPosition + width > match.range.upperBound {
                searchPosition += width
            } else if searchPosition + 1 > match.range.upperBound {
                searchPosition += 1
            } else {
                searchPosition = match.range.upperBound
            }
        }
        out.append(contentsOf: bytes[lastEnd...])
        return String(decoding: out, as: UTF8.self)
    }

    /// Go's `Regexp.Split`.
    static func split(_ regexp: GoRegexp, _ subject: String, limit: Int, _ call: FunctionCall) throws(TemplateFunctionError) -> [String] {
        if limit == 0 { return [] }
        let bytes = Array(subject.utf8)
        if !regexp.pattern.isEmpty && bytes.isEmpty { return [""] }
        let matches = try all(regexp, subject, limit: limit, call)
        var parts: [String] = []
        var begin = 0
        var end = 0
        for match in matches {
            if limit > 0 && parts.count == limit - 1 { break }
            end = match.range.lowerBound
            if match.range.upperBound != 0 { parts.append(String(decoding: bytes[begin..<end], as: UTF8.self)) }
            begin = match.range.upperBound
        }
        if end != bytes.count { parts.append(String(decoding: bytes[begin...], as: UTF8.self)) }
        return parts
    }
}
