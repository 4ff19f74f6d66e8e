/// Go's `strconv.FormatFloat` for `float64`: formats `e E f g G b x X` with a precision, or
/// the shortest representation that reads back exactly when the precision is -1.
enum GoFloatFormat {
    /// The text of `value` in `format` with `precision` (-1 for shortest).
    static func format(_ value: Double, _ format: UInt8, precision: Int) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Inf" : "+Inf" }
        let negative = value.sign == .minus
        let bits = value.bitPattern
        var exponent = Int((bits >> 52) & 0x7FF)
        var mantissa = bits & ((1 << 52) - 1)
        if exponent == 0 {
            exponent = 1
        } else {
            mantissa |= 1 << 52
        }
        exponent -= 1023
        switch format {
        case UInt8(ascii: "b"):
            let sign = negative ? "-" : ""
            let power = exponent - 52
            return "\(sign)\(mantissa)p\(power >= 0 ? "+" : "")\(power)"
        case UInt8(ascii: "x"), UInt8(ascii: "X"):
            return hex(negative: negative, mantissa: mantissa, exponent: exponent, precision: precision, upper: format == UInt8(ascii: "X"))
        default:
            break
        }
        var decimal: GoDecimal
        var precision = precision
        let shortest = precision < 0
        if shortest {
            decimal = GoDecimal(shortest: value)
            switch format {
            case UInt8(ascii: "e"), UInt8(ascii: "E"): precision = Swift.max(decimal.count - 1, 0)
            case UInt8(ascii: "f"): precision = Swift.max(decimal.count - decimal.point, 0)
            default: precision = decimal.count
            }
        } else {
            decimal = GoDecimal(mantissa: mantissa, exponent: exponent - 52)
            switch format {
            case UInt8(ascii: "e"), UInt8(ascii: "E"): decimal.round(toDigits: precision + 1)
            case UInt8(ascii: "f"): decimal.round(toDigits: decimal.point + precision)
            default:
                if precision == 0 { precision = 1 }
                decimal.round(toDigits: precision)
            }
        }
        return digits(negative: negative, decimal, precision: precision, format: format, shortest: shortest)
    }

    private static func digits(negative: Bool, _ decimal: GoDecimal, precision: Int, format: UInt8, shortest: Bool) -> String {
        switch format {
        case UInt8(ascii: "e"), UInt8(ascii: "E"):
            return exponential(negative: negative, decimal, precision: precision, letter: format)
        case UInt8(ascii: "f"):
            return fixed(negative: negative, decimal, precision: precision)
        default:
            var exponentLimit = precision
            if exponentLimit > decimal.count && decimal.count >= decimal.point { exponentLimit = decimal.count }
            if shortest { exponentLimit = 6 }
            let exponent = decimal.point - 1
            if exponent < -4 || exponent >= exponentLimit {
                var digitsAfter = precision
                if digitsAfter > decimal.count { digitsAfter = decimal.count }
                let letter = format == UInt8(ascii: "G") ? UInt8(ascii: "E") : UInt8(ascii: "e")
                return exponential(negative: negative, decimal, precision: digitsAfter - 1, letter: letter)
            }
            var fraction = precision
            if fraction > decimal.point { fraction = decimal.count }
            return fixed(negative: negative, decimal, precision: Swift.max(fraction - decimal.point, 0))
        }
    }

    private static func exponential(negative: Bool, _ decimal: GoDecimal, precision: Int, letter: UInt8) -> String {
        var out: [UInt8] = []
        if negative { out.append(UInt8(ascii: "-")) }
        out.append(decimal.count > 0 ? decimal.digits[0] + 48 : 48)
        if precision > 0 {
            out.append(UInt8(ascii: "."))
            var index = 1
            let end = Swift.min(decimal.count, precision + 1)
            while index < end {
                out.append(decimal.digits[index] + 48)
                index += 1
            }
            while index <= precision {
                out.append(48)
                index += 1
            }
        }
        out.append(letter)
        var exponent = decimal.count == 0 ? 0 : decimal.point - 1
        if exponent < 0 {
            out.append(UInt8(ascii: "-"))
            exponent = -exponent
        } else {
            out.append(UInt8(ascii: "+"))
        }
        if exponent < 10 { out.append(48) }
        out.append(contentsOf: String(exponent).utf8)
        return String(decoding: out, as: UTF8.self)
    }

    private static func fixed(negative: Bool, _ decimal: GoDecimal, precision: Int) -> String {
        var out: [UInt8] = []
        if negative { out.append(UInt8(ascii: "-")) }
        if decimal.point > 0 {
            let end = Swift.min(decimal.count, decimal.point)
            for index in 0..<end { out.append(decimal.digits[index] + 48) }
            if end < decimal.point { out.append(contentsOf: repeatElement(48, count: decimal.point - end)) }
        } else {
            out.append(48)
        }
        if precision > 0 {
            out.append(UInt8(ascii: "."))
            for offset in 1...precision {
                let index = decimal.point + offset - 1
                out.append(index >= 0 && index < decimal.count ? decimal.digits[index] + 48 : 48)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func hex(negative: Bool, mantissa: UInt64, exponent: Int, precision: Int, upper: Bool) -> String {
        var mantissa = mantissa
        var exponent = mantissa == 0 ? 0 : exponent
        mantissa <<= 8
        while mantissa != 0 && mantissa & (1 << 60) == 0 {
            mantissa <<= 1
            exponent -= 1
        }
        if precision >= 0 && precision < 15 {
            let shift = UInt64(precision * 4)
            let extra = (mantissa << shift) & ((1 << 60) - 1)
            mantissa >>= 60 - shift
            if extra | (mantissa & 1) > 1 << 59 { mantissa += 1 }
            mantissa <<= 60 - shift
            if mantissa & (1 << 61) != 0 {
                mantissa >>= 1
                exponent += 1
            }
        }
        let digits = Array((upper ? "0123456789ABCDEF" : "0123456789abcdef").utf8)
        var out: [UInt8] = []
        if negative { out.append(UInt8(ascii: "-")) }
        out.append(48)
        out.append(upper ? UInt8(ascii: "X") : UInt8(ascii: "x"))
        out.append(48 + UInt8((mantissa >> 60) & 1))
        mantissa <<= 4
        if precision < 0 && mantissa != 0 {
            out.append(UInt8(ascii: "."))
            while mantissa != 0 {
                out.append(digits[Int((mantissa >> 60) & 15)])
                mantissa <<= 4
            }
        } else if precision > 0 {
            out.append(UInt8(ascii: "."))
            for _ in 0..<precision {
                out.append(digits[Int((mantissa >> 60) & 15)])
                mantissa <<= 4
            }
        }
        out.append(upper ? UInt8(ascii: "P") : UInt8(ascii: "p"))
        if exponent < 0 {
            out.append(UInt8(ascii: "-"))
            exponent = -exponent
        } else {
            out.append(UInt8(ascii: "+"))
        }
        if exponent < 10 { out.append(48) }
        out.append(contentsOf: String(exponent).utf8)
        return String(decoding: out, as: UTF8.self)
    }
}
