/// Go's `fmt` package for template values: `Sprint`, `Sprintln` and `Sprintf` with Go's verbs,
/// flags, width, precision, argument indexes and error notations (`%!d(string=x)`,
/// `%!v(MISSING)`, `%!(EXTRA …)`).
public struct GoFormatter {
    struct Flags {
        var plus = false, minus = false, sharp = false, space = false, zero = false
        var plusV = false, sharpV = false
        var width = 0, precision = 0
        var hasWidth = false, hasPrecision = false
    }

    var out: [UInt8] = []
    var flags = Flags()
    /// Set while printing a bad-verb notation, so that `String()` methods are not called again.
    var erroring = false

    /// Go's `fmt.Sprint`: operands printed with `%v`, a space between two operands when
    /// neither is a string.
    public static func sprint(_ arguments: [TemplateValue]) -> String {
        var printer = GoFormatter()
        var previousIsString = false
        for (index, argument) in arguments.enumerated() {
            let isString = argument.stringValue != nil
            if index > 0 && !isString && !previousIsString { printer.out.append(UInt8(ascii: " ")) }
            printer.printArgument(argument, verb: "v")
            previousIsString = isString
        }
        return printer.text
    }

    /// Go's `fmt.Sprintln`: operands printed with `%v`, separated by spaces, then a newline.
    public static func sprintln(_ arguments: [TemplateValue]) -> String {
        var printer = GoFormatter()
        for (index, argument) in arguments.enumerated() {
            if index > 0 { printer.out.append(UInt8(ascii: " ")) }
            printer.printArgument(argument, verb: "v")
        }
        printer.out.append(UInt8(ascii: "\n"))
        return printer.text
    }

    /// Go's `fmt.Sprintf`.
    public static func sprintf(_ format: String, _ arguments: [TemplateValue]) -> String {
        var printer = GoFormatter()
        printer.printf(Array(format.utf8), arguments)
        return printer.text
    }

    var text: String { String(decoding: out, as: UTF8.self) }

    mutating func write(_ string: String) { out.append(contentsOf: string.utf8) }

    // MARK: Sprintf

    private struct FormatState {
        var argument = 0
        var reordered = false
        var goodArgument = true
    }

    private mutating func printf(_ format: [UInt8], _ arguments: [TemplateValue]) {
        var state = FormatState()
        var index = 0
        let end = format.count
        formatLoop: while index < end {
            state.goodArgument = true
            let literalStart = index
            while index < end && format[index] != UInt8(ascii: "%") { index += 1 }
            if index > literalStart { out.append(contentsOf: format[literalStart..<index]) }
            if index >= end { break }
            index += 1
            flags = Flags()
            simple: while index < end {
                let byte = format[index]
                switch byte {
                case UInt8(ascii: "#"): flags.sharp = true
                case UInt8(ascii: "0"): flags.zero = !flags.minus
                case UInt8(ascii: "+"): flags.plus = true
                case UInt8(ascii: "-"):
                    flags.minus = true
                    flags.zero = false
                case UInt8(ascii: " "): flags.space = true
                default:
                    if byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") && state.argument < arguments.count {
                        if byte == UInt8(ascii: "v") { moveVFlags() }
                        printArgument(arguments[state.argument], verb: Unicode.Scalar(byte))
                        state.argument += 1
                        index += 1
                        continue formatLoop
                    }
                    break simple
                }
                index += 1
            }
            var afterIndex = false
            (state.argument, index, afterIndex) = argumentNumber(state.argument, format, index, arguments.count, &state)
            if index < end && format[index] == UInt8(ascii: "*") {
                index += 1
                (flags.width, flags.hasWidth, state.argument) = integerArgument(arguments, state.argument)
                if !flags.hasWidth { write("%!(BADWIDTH)") }
                if flags.width < 0 {
                    flags.width = -flags.width
                    flags.minus = true
                    flags.zero = false
                }
                afterIndex = false
            } else {
                (flags.width, flags.hasWidth, index) = Self.parseNumber(format, index, end)
                if afterIndex && flags.hasWidth { state.goodArgument = false }
            }
            if index + 1 < end && format[index] == UInt8(ascii: ".") {
                index += 1
                if afterIndex { state.goodArgument = false }
                (state.argument, index, afterIndex) = argumentNumber(state.argument, format, index, arguments.count, &state)
                if index < end && format[index] == UInt8(ascii: "*") {
                    index += 1
                    (flags.precision, flags.hasPrecision, state.argument) = integerArgument(arguments, state.argument)
                    if flags.precision < 0 {
                        flags.precision = 0
                        flags.hasPrecision = false
                    }
                    if !flags.hasPrecision { write("%!(BADPREC)") }
                    afterIndex = false
                } else {
                    (flags.precision, flags.hasPrecision, index) = Self.parseNumber(format, index, end)
                    if !flags.hasPrecision {
                        flags.precision = 0
                        flags.hasPrecision = true
                    }
                }
            }
            if !afterIndex {
                (state.argument, index, afterIndex) = argumentNumber(state.argument, format, index, arguments.count, &state)
            }
            if index >= end {
                write("%!(NOVERB)")
                break
            }
            let (verb, size) = Self.decodeVerb(format, index)
            index += size
            switch verb {
            case "%":
                out.append(UInt8(ascii: "%"))
            case _ where !state.goodArgument:
                write("%!"); writeScalar(verb); write("(BADINDEX)")
            case _ where state.argument >= arguments.count:
                write("%!"); writeScalar(verb); write("(MISSING)")
            default:
                if verb == "v" { moveVFlags() }
                printArgument(arguments[state.argument], verb: verb)
                state.argument += 1
            }
        }
        if !state.reordered && state.argument < arguments.count {
            flags = Flags()
            write("%!(EXTRA ")
            for (offset, argument) in arguments[state.argument...].enumerated() {
                if offset > 0 { write(", ") }
                if case .null = argument {
                    write("<nil>")
                } else {
                    write(argument.goType?.description ?? "<nil>")
                    out.append(UInt8(ascii: "="))
                    printArgument(argument, verb: "v")
                }
            }
            out.append(UInt8(ascii: ")"))
        }
    }

    private mutating func moveVFlags() {
        flags.sharpV = flags.sharp
        flags.sharp = false
        flags.plusV = flags.plus
        flags.plus = false
    }

    mutating func writeScalar(_ scalar: Unicode.Scalar) {
        var string = ""
        string.unicodeScalars.append(scalar)
        write(string)
    }

    private static func decodeVerb(_ format: [UInt8], _ index: Int) -> (Unicode.Scalar, Int) {
        let first = format[index]
        if first < 0x80 { return (Unicode.Scalar(first), 1) }
        var iterator = format[index...].makeIterator()
        var decoder = UTF8()
        if case .scalarValue(let scalar) = decoder.decode(&iterator) {
            return (scalar, UTF8.width(scalar))
        }
        return ("\u{FFFD}", 1)
    }

    private static func tooLarge(_ value: Int) -> Bool { value > 1_000_000 || value < -1_000_000 }

    private static func parseNumber(_ format: [UInt8], _ start: Int, _ end: Int) -> (Int, Bool, Int) {
        guard start < end else { return (0, false, end) }
        var value = 0
        var isNumber = false
        var index = start
        while index < end && format[index] >= UInt8(ascii: "0") && format[index] <= UInt8(ascii: "9") {
            if tooLarge(value) { return (0, false, end) }
            value = value * 10 + Int(format[index] - UInt8(ascii: "0"))
            isNumber = true
            index += 1
        }
        return (value, isNumber, index)
    }

    private func argumentNumber(
        _ current: Int, _ format: [UInt8], _ index: Int, _ count: Int, _ state: inout FormatState
    ) -> (Int, Int, Bool) {
        guard index < format.count, format[index] == UInt8(ascii: "[") else { return (current, index, false) }
        state.reordered = true
        let rest = Array(format[index...])
        var (value, width, ok) = (0, 1, false)
        if rest.count >= 3 {
            for position in 1..<rest.count where rest[position] == UInt8(ascii: "]") {
                let (number, isNumber, next) = Self.parseNumber(rest, 1, position)
                if !isNumber || next != position {
                    (value, width, ok) = (0, position + 1, false)
                } else {
                    (value, width, ok) = (number - 1, position + 1, true)
                }
                break
            }
        }
        if ok && value >= 0 && value < count { return (value, index + width, true) }
        state.goodArgument = false
        return (current, index + width, ok)
    }

    private func integerArgument(_ arguments: [TemplateValue], _ index: Int) -> (Int, Bool, Int) {
        guard index < arguments.count else { return (0, false, index) }
        if case .int(let value, _) = arguments[index], !Self.tooLarge(Int(value)) {
            return (Int(value), true, index + 1)
        }
        return (0, false, index + 1)
    }
}
