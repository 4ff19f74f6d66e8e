/// The string helpers behind Sprig's string functions: Go's `strings` package and
/// Masterminds/goutils, byte for byte where they work on bytes.
enum SprigText {
    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }
    static func text(_ bytes: some Sequence<UInt8>) -> String { String(decoding: Array(bytes), as: UTF8.self) }

    /// Go's `unicode.IsSpace`.
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0: return true
        default: return scalar.value > 0xFF && scalar.properties.isWhitespace && scalar.properties.generalCategory != .control
        }
    }

    /// A string with every code point mapped by Go's simple case mapping: `mapping` when it
    /// gives one code point, the code point itself otherwise.
    static func mapScalars(_ text: String, _ mapping: (Unicode.Scalar) -> String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let mapped = mapping(scalar).unicodeScalars
            if mapped.count == 1, let first = mapped.first { out.append(first) } else { out.append(scalar) }
        }
        return String(out)
    }

    static func upper(_ scalar: Unicode.Scalar) -> Unicode.Scalar { single(scalar.properties.uppercaseMapping) ?? scalar }
    static func lower(_ scalar: Unicode.Scalar) -> Unicode.Scalar { single(scalar.properties.lowercaseMapping) ?? scalar }
    static func title(_ scalar: Unicode.Scalar) -> Unicode.Scalar { single(scalar.properties.titlecaseMapping) ?? scalar }

    private static func single(_ text: String) -> Unicode.Scalar? {
        let scalars = text.unicodeScalars
        return scalars.count == 1 ? scalars.first : nil
    }

    static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
        default: return false
        }
    }

    static func isDigit(_ scalar: Unicode.Scalar) -> Bool { scalar.properties.generalCategory == .decimalNumber }

    static func trimSpace(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var start = 0
        var end = scalars.count
        while start < end && isSpace(scalars[start]) { start += 1 }
        while end > start && isSpace(scalars[end - 1]) { end -= 1 }
        return String(String.UnicodeScalarView(scalars[start..<end]))
    }

    /// Go's `strings.Trim(text, cutset)`.
    static func trim(_ text: String, set: String) -> String {
        let cut = Set(set.unicodeScalars)
        let scalars = Array(text.unicodeScalars)
        var start = 0
        var end = scalars.count
        while start < end && cut.contains(scalars[start]) { start += 1 }
        while end > start && cut.contains(scalars[end - 1]) { end -= 1 }
        return String(String.UnicodeScalarView(scalars[start..<end]))
    }

    static func hasPrefix(_ text: String, _ prefix: String) -> Bool { text.utf8.starts(with: prefix.utf8) }
    static func hasSuffix(_ text: String, _ suffix: String) -> Bool { text.utf8.reversed().starts(with: suffix.utf8.reversed()) }
    static func dropPrefix(_ text: String, _ prefix: String) -> String { self.text(text.utf8.dropFirst(prefix.utf8.count)) }
    static func dropSuffix(_ text: String, _ suffix: String) -> String { self.text(text.utf8.dropLast(suffix.utf8.count)) }

    /// The byte offset of the first `needle` in `haystack` at or after `from`.
    static func index(of needle: [UInt8], in haystack: [UInt8], from: Int = 0) -> Int? {
        if needle.isEmpty { return from <= haystack.count ? from : nil }
        guard haystack.count >= needle.count else { return nil }
        var position = from
        while position + needle.count <= haystack.count {
            if haystack[position] == needle[0] && haystack[position..<(position + needle.count)].elementsEqual(needle) { return position }
            position += 1
        }
        return nil
    }

    static func contains(_ text: String, _ part: String) -> Bool { index(of: bytes(part), in: bytes(text)) != nil }

    /// Go's `strings.Replace(text, old, new, -1)`.
    static func replace(_ text: String, _ old: String, with new: String, _ call: FunctionCall) throws(TemplateFunctionError) -> String {
        let source = bytes(text)
        let pattern = bytes(old)
        let replacement = bytes(new)
        var out: [UInt8] = []
        if pattern.isEmpty {
            let scalars = Array(text.unicodeScalars)
            try Sprig.checkSize(source.count + (scalars.count + 1) * replacement.count, call)
            out.append(contentsOf: replacement)
            for scalar in scalars {
                out.append(contentsOf: String(scalar).utf8)
                out.append(contentsOf: replacement)
            }
            return self.text(out)
        }
        var position = 0
        while let found = index(of: pattern, in: source, from: position) {
            out.append(contentsOf: source[position..<found])
            out.append(contentsOf: replacement)
            position = found + pattern.count
            try Sprig.checkSize(out.count, call)
        }
        out.append(contentsOf: source[position...])
        return self.text(out)
    }

    /// Go's `strings.SplitN(text, separator, limit)` (`limit` < 0: all parts).
    static func split(_ text: String, _ separator: String, limit: Int) -> [String] {
        if limit == 0 { return [] }
        if separator.isEmpty {
            var parts = text.unicodeScalars.map { String($0) }
            if limit > 0 && parts.count > limit {
                let rest = parts[(limit - 1)...].joined()
                parts = Array(parts[..<(limit - 1)]) + [rest]
            }
            return parts
        }
        let source = bytes(text)
        let pattern = bytes(separator)
        var parts: [String] = []
        var position = 0
        while limit < 0 || parts.count < limit - 1, let found = index(of: pattern, in: source, from: position) {
            parts.append(self.text(source[position..<found]))
            position = found + pattern.count
        }
        parts.append(self.text(source[position...]))
        return parts
    }

    /// Sprig's `split` result: `map[_0:… _1:…]`.
    static func indexedMap(_ parts: [String]) -> TemplateValue {
        let map = TemplateMap(type: .stringMap)
        for (index, part) in parts.enumerated() { map[.string("_\(index)")] = .string(part) }
        return .map(map)
    }

    static func indent(_ spaces: Int, _ text: String, _ call: FunctionCall) throws(TemplateFunctionError) -> String {
        let padding = String(repeating: " ", count: Swift.max(0, spaces))
        let lines = text.utf8.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
        try Sprig.checkSize(text.utf8.count + lines * padding.utf8.count, call)
        return padding + (try replace(text, "\n", with: "\n" + padding, call))
    }

    /// Sprig's `substr`, with Go's slice-bounds panics.
    static func substring(start: Int, end: Int, _ text: String) throws(TemplateFunctionError) -> String {
        let source = bytes(text)
        if start < 0 {
            guard end >= 0, end <= source.count else {
                throw TemplateFunctionError("runtime error: slice bounds out of range [:\(end)]" + (end > source.count ? " with length \(source.count)" : ""))
            }
            return self.text(source[..<end])
        }
        if end < 0 || end > source.count {
            guard start <= source.count else { throw TemplateFunctionError("runtime error: slice bounds out of range [\(start):\(source.count)]") }
            return self.text(source[start...])
        }
        guard start <= end else { throw TemplateFunctionError("runtime error: slice bounds out of range [\(start):\(end)]") }
        return self.text(source[start..<end])
    }

    /// goutils' `Abbreviate` as Sprig calls it (widths under 4 return the text).
    static func abbreviate(width: Int, _ text: String) -> String {
        if width < 4 { return text }
        return abbreviateFull(text, offset: 0, width: width) ?? ""
    }

    static func abbreviateBoth(left: Int, right: Int, _ text: String) -> String {
        if right < 4 || (left > 0 && right < 7) { return text }
        return abbreviateFull(text, offset: left, width: right) ?? ""
    }

    private static func abbreviateFull(_ text: String, offset: Int, width: Int) -> String? {
        let source = bytes(text)
        if source.isEmpty { return "" }
        if width < 4 { return nil }
        if source.count <= width { return text }
        var offset = Swift.min(offset, source.count)
        if source.count - offset < width - 3 { offset = source.count - (width - 3) }
        if offset <= 4 { return self.text(source[0..<(width - 3)]) + "..." }
        if width < 7 { return nil }
        if offset + width - 3 < source.count {
            return "..." + (abbreviateFull(self.text(source[offset...]), offset: 0, width: width - 3) ?? "")
        }
        return "..." + self.text(source[(source.count - (width - 3))...])
    }

    /// goutils' `DeleteWhiteSpace`, which reads bytes as code points.
    static func deleteWhiteSpace(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var removed = false
        for byte in text.utf8 {
            let scalar = Unicode.Scalar(byte)
            if isSpace(scalar) { removed = true } else { out.append(scalar) }
        }
        return removed ? String(out) : text
    }

    /// goutils' `Initials` (bytes, whitespace as delimiter).
    static func initials(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var lastWasGap = true
        for byte in text.utf8 {
            let scalar = Unicode.Scalar(byte)
            if isSpace(scalar) {
                lastWasGap = true
            } else if lastWasGap {
                out.append(scalar)
                lastWasGap = false
            }
        }
        return String(out)
    }

    /// goutils' `SwapCase`.
    static func swapCase(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var whitespace = true
        for scalar in text.unicodeScalars {
            let properties = scalar.properties
            if properties.generalCategory == .uppercaseLetter || properties.generalCategory == .titlecaseLetter {
                out.append(lower(scalar))
                whitespace = false
            } else if properties.generalCategory == .lowercaseLetter {
                out.append(whitespace ? title(scalar) : upper(scalar))
                whitespace = false
            } else {
                out.append(scalar)
                whitespace = isSpace(scalar)
            }
        }
        return String(out)
    }

    /// goutils' `Uncapitalize`: the first letter of each whitespace-separated word lowered.
    static func uncapitalize(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var next = true
        for scalar in text.unicodeScalars {
            if isSpace(scalar) {
                next = true
                out.append(scalar)
            } else if next {
                out.append(lower(scalar))
                next = false
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// Go's `strings.Title`.
    static func title(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var previous: Unicode.Scalar = " "
        for scalar in text.unicodeScalars {
            out.append(isSeparator(previous) ? title(scalar) : scalar)
            previous = scalar
        }
        return String(out)
    }

    private static func isSeparator(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value <= 0x7F {
            switch scalar {
            case "0"..."9", "a"..."z", "A"..."Z", "_": return false
            default: return true
            }
        }
        if isLetter(scalar) || isDigit(scalar) { return false }
        return isSpace(scalar)
    }

    /// goutils' `WrapCustom` (bytes; words split at spaces).
    static func wrap(_ text: String, width: Int, newline: String, wrapLongWords: Bool) -> String {
        let source = bytes(text)
        if source.isEmpty { return "" }
        let newline = newline.isEmpty ? [UInt8(0x0A)] : bytes(newline)
        let width = Swift.max(width, 1)
        var offset = 0
        var out: [UInt8] = []
        while source.count - offset > width {
            if source[offset] == 0x20 {
                offset += 1
                continue
            }
            let end = Swift.min(width + offset + 1, source.count)
            var spaceAt = -1
            for position in stride(from: end - 1, through: offset, by: -1) where source[position] == 0x20 {
                spaceAt = position
                break
            }
            if spaceAt >= offset {
                out.append(contentsOf: source[offset..<spaceAt])
                out.append(contentsOf: newline)
                offset = spaceAt + 1
            } else if wrapLongWords {
                out.append(contentsOf: source[offset..<(width + offset)])
                out.append(contentsOf: newline)
                offset += width
            } else {
                let end = width + offset
                if let space = source[end...].firstIndex(of: 0x20) {
                    out.append(contentsOf: source[offset..<space])
                    out.append(contentsOf: newline)
                    offset = space + 1
                } else {
                    out.append(contentsOf: source[offset...])
                    offset = source.count
                }
            }
        }
        out.append(contentsOf: source[offset...])
        return self.text(out)
    }
}
