extension GoFormatter {
    // MARK: Padding

    mutating func writePadding(_ count: Int) {
        guard count > 0 else { return }
        out.append(contentsOf: repeatElement(flags.zero ? UInt8(ascii: "0") : UInt8(ascii: " "), count: count))
    }

    mutating func pad(_ text: String) {
        pad(Array(text.utf8))
    }

    mutating func pad(_ bytes: [UInt8]) {
        guard flags.hasWidth, flags.width != 0 else {
            out.append(contentsOf: bytes)
            return
        }
        let width = flags.width - Self.runeCount(bytes)
        if !flags.minus {
            writePadding(width)
            out.append(contentsOf: bytes)
        } else {
            out.append(contentsOf: bytes)
            writePadding(width)
        }
    }

    static func runeCount(_ bytes: [UInt8]) -> Int {
        bytes.reduce(0) { $0 + (($1 & 0xC0) == 0x80 ? 0 : 1) }
    }

    // MARK: Booleans and strings

    mutating func fmtBoolean(_ value: Bool, _ verb: Unicode.Scalar, _ argument: TemplateValue) {
        if verb == "t" || verb == "v" {
            pad(value ? "true" : "false")
        } else {
            badVerb(verb, argument)
        }
    }

    mutating func fmtString(_ text: String, _ verb: Unicode.Scalar, _ argument: TemplateValue) {
        switch verb {
        case "v":
            if flags.sharpV { fmtQ(text) } else { fmtS(text) }
        case "s": fmtS(text)
        case "x": fmtSx(Array(text.utf8), upper: false)
        case "X": fmtSx(Array(text.utf8), upper: true)
        case "q": fmtQ(text)
        default: badVerb(verb, argument)
        }
    }

    private func truncated(_ text: String) -> String {
        guard flags.hasPrecision else { return text }
        var count = 0
        var end = text.unicodeScalars.startIndex
        for index in text.unicodeScalars.indices {
            if count == flags.precision {
                end = index
                return String(text.unicodeScalars[..<end])
            }
            count += 1
        }
        return text
    }

    mutating func fmtS(_ text: String) {
        pad(truncated(text))
    }

    mutating func fmtQ(_ text: String) {
        let text = truncated(text)
        if flags.sharp && GoQuote.canBackquote(text) {
            pad("`" + text + "`")
        } else {
            pad(GoQuote.quote(text, asciiOnly: flags.plus))
        }
    }

    private mutating func fmtSx(_ bytes: [UInt8], upper: Bool) {
        let digits = Array((upper ? "0123456789ABCDEFX" : "0123456789abcdefx").utf8)
        var length = bytes.count
        if flags.hasPrecision && flags.precision < length { length = flags.precision }
        var width = 2 * length
        if width > 0 {
            if flags.space {
                if flags.sharp { width *= 2 }
                width += length - 1
            } else if flags.sharp {
                width += 2
            }
        } else {
            if flags.hasWidth { writePadding(flags.width) }
            return
        }
        if flags.hasWidth && flags.width > width && !flags.minus { writePadding(flags.width - width) }
        if flags.sharp { out.append(contentsOf: [UInt8(ascii: "0"), digits[16]]) }
        for index in 0..<length {
            if flags.space && index > 0 {
                out.append(UInt8(ascii: " "))
                if flags.sharp { out.append(contentsOf: [UInt8(ascii: "0"), digits[16]]) }
            }
            out.append(digits[Int(bytes[index] >> 4)])
            out.append(digits[Int(bytes[index] & 0xF)])
        }
        if flags.hasWidth && flags.width > width && flags.minus { writePadding(flags.width - width) }
    }

    // MARK: Integers

    mutating func fmtInteger(_ value: Int64, _ type: IntegerType, _ verb: Unicode.Scalar, _ argument: TemplateValue) {
        let signed = !type.isUnsigned
        let bits = UInt64(bitPattern: value)
        switch verb {
        case "v":
            if flags.sharpV && !signed {
                fmt0x64(bits)
            } else {
                formatInteger(bits, base: 10, signed: signed, verb: verb, upper: false)
            }
        case "d": formatInteger(bits, base: 10, signed: signed, verb: verb, upper: false)
        case "b": formatInteger(bits, base: 2, signed: signed, verb: verb, upper: false)
        case "o", "O": formatInteger(bits, base: 8, signed: signed, verb: verb, upper: false)
        case "x": formatInteger(bits, base: 16, signed: signed, verb: verb, upper: false)
        case "X": formatInteger(bits, base: 16, signed: signed, verb: verb, upper: true)
        case "c": pad(Self.scalarText(bits))
        case "q":
            let scalar = Self.scalar(bits)
            if flags.sharp && GoQuote.isPrint(scalar) {
                pad("'" + Self.scalarText(bits) + "'")
            } else {
                pad(GoQuote.quoteRune(scalar, asciiOnly: flags.plus))
            }
        case "U": fmtUnicode(bits)
        default: badVerb(verb, argument)
        }
    }

    private static func scalar(_ bits: UInt64) -> Unicode.Scalar {
        if bits <= 0x10FFFF, let scalar = Unicode.Scalar(UInt32(bits)) { return scalar }
        return "\u{FFFD}"
    }

    private static func scalarText(_ bits: UInt64) -> String {
        var text = ""
        text.unicodeScalars.append(scalar(bits))
        return text
    }

    private mutating func fmt0x64(_ bits: UInt64) {
        let sharp = flags.sharp
        flags.sharp = true
        formatInteger(bits, base: 16, signed: false, verb: "v", upper: false)
        flags.sharp = sharp
    }

    private mutating func fmtUnicode(_ bits: UInt64) {
        var precision = 4
        if flags.hasPrecision && flags.precision > 4 { precision = flags.precision }
        var digits = String(bits, radix: 16, uppercase: true)
        if digits.count < precision { digits = String(repeating: "0", count: precision - digits.count) + digits }
        var text = "U+" + digits
        if flags.sharp && bits <= 0x10FFFF && GoQuote.isPrint(Self.scalar(bits)) {
            text += " '" + Self.scalarText(bits) + "'"
        }
        let zero = flags.zero
        flags.zero = false
        pad(text)
        flags.zero = zero
    }

    /// Go's `fmt.fmtInteger`: digits, precision or zero padding, `#` prefixes, sign, width.
    mutating func formatInteger(_ bits: UInt64, base: UInt64, signed: Bool, verb: Unicode.Scalar, upper: Bool) {
        let negative = signed && Int64(bitPattern: bits) < 0
        var magnitude = negative ? (~bits &+ 1) : bits
        var precision = 0
        if flags.hasPrecision {
            precision = flags.precision
            if precision == 0 && magnitude == 0 {
                let zero = flags.zero
                flags.zero = false
                writePadding(flags.width)
                flags.zero = zero
                return
            }
        } else if flags.zero && flags.hasWidth {
            precision = flags.width
            if negative || flags.plus || flags.space { precision -= 1 }
        }
        let digitSet = Array((upper ? "0123456789ABCDEF" : "0123456789abcdef").utf8)
        var reversed: [UInt8] = []
        repeat {
            reversed.append(digitSet[Int(magnitude % base)])
            magnitude /= base
        } while magnitude > 0
        while reversed.count < precision { reversed.append(UInt8(ascii: "0")) }
        if flags.sharp {
            switch base {
            case 2: reversed.append(contentsOf: [UInt8(ascii: "b"), UInt8(ascii: "0")])
            case 8: if reversed.last != UInt8(ascii: "0") { reversed.append(UInt8(ascii: "0")) }
            case 16: reversed.append(contentsOf: [upper ? UInt8(ascii: "X") : UInt8(ascii: "x"), UInt8(ascii: "0")])
            default: break
            }
        }
        if verb == "O" { reversed.append(contentsOf: [UInt8(ascii: "o"), UInt8(ascii: "0")]) }
        if negative {
            reversed.append(UInt8(ascii: "-"))
        } else if flags.plus {
            reversed.append(UInt8(ascii: "+"))
        } else if flags.space {
            reversed.append(UInt8(ascii: " "))
        }
        let zero = flags.zero
        flags.zero = false
        pad(Array(reversed.reversed()))
        flags.zero = zero
    }

    // MARK: Floats

    mutating func fmtFloat(_ value: Double, _ verb: Unicode.Scalar, _ argument: TemplateValue) {
        switch verb {
        case "v": formatFloat(value, UInt8(ascii: "g"), precision: -1)
        case "b", "g", "G", "x", "X": formatFloat(value, UInt8(verb.value), precision: -1)
        case "f", "e", "E": formatFloat(value, UInt8(verb.value), precision: 6)
        case "F": formatFloat(value, UInt8(ascii: "f"), precision: 6)
        default: badVerb(verb, argument)
        }
    }

    /// Go's `fmt.fmtFloat`.
    private mutating func formatFloat(_ value: Double, _ format: UInt8, precision defaultPrecision: Int) {
        let precision = flags.hasPrecision ? flags.precision : defaultPrecision
        var number = Array(GoFloatFormat.format(value, format, precision: precision).utf8)
        if number.first == UInt8(ascii: "-") || number.first == UInt8(ascii: "+") {
            // keep the sign
        } else {
            number.insert(UInt8(ascii: "+"), at: 0)
        }
        if flags.space && number[0] == UInt8(ascii: "+") && !flags.plus { number[0] = UInt8(ascii: " ") }
        if number.count > 1 && (number[1] == UInt8(ascii: "I") || number[1] == UInt8(ascii: "N")) {
            let zero = flags.zero
            flags.zero = false
            if number[1] == UInt8(ascii: "N") && !flags.space && !flags.plus { number.removeFirst() }
            pad(number)
            flags.zero = zero
            return
        }
        if flags.sharp && format != UInt8(ascii: "b") {
            number = Self.sharpFloat(number, format: format, precision: precision)
        }
        if flags.plus || number[0] != UInt8(ascii: "+") {
            if flags.zero && flags.hasWidth && flags.width > number.count {
                out.append(number[0])
                writePadding(flags.width - number.count)
                out.append(contentsOf: number[1...])
                return
            }
            pad(number)
            return
        }
        pad(Array(number[1...]))
    }

    /// The `#` flag: always a decimal point, and for `%g` trailing zeros up to the precision.
    private static func sharpFloat(_ input: [UInt8], format: UInt8, precision: Int) -> [UInt8] {
        var number = input
        var digits = 0
        if format == UInt8(ascii: "g") || format == UInt8(ascii: "G") || format == UInt8(ascii: "x") {
            digits = precision == -1 ? 6 : precision
        }
        var tail: [UInt8] = []
        var hasPoint = false
        var sawNonzero = false
        var index = 1
        scan: while index < number.count {
            let byte = number[index]
            switch byte {
            case UInt8(ascii: "."):
                hasPoint = true
            case UInt8(ascii: "p"), UInt8(ascii: "P"):
                tail = Array(number[index...])
                number.removeSubrange(index...)
                break scan
            case UInt8(ascii: "e"), UInt8(ascii: "E") where format != UInt8(ascii: "x") && format != UInt8(ascii: "X"):
                tail = Array(number[index...])
                number.removeSubrange(index...)
                break scan
            default:
                if byte != UInt8(ascii: "0") { sawNonzero = true }
                if sawNonzero { digits -= 1 }
            }
            index += 1
        }
        if !hasPoint {
            if number.count == 2 && number[1] == UInt8(ascii: "0") { digits -= 1 }
            number.append(UInt8(ascii: "."))
        }
        while digits > 0 {
            number.append(UInt8(ascii: "0"))
            digits -= 1
        }
        return number + tail
    }
}
