extension GoFormatter {
    /// How deeply nested values are printed before `...` stands for the rest.
    static let maxDepth = 100

    /// Go's `printArg`: one operand with one verb.
    mutating func printArgument(_ argument: TemplateValue, verb: Unicode.Scalar) {
        switch argument {
        case .missing, .null:
            if verb == "T" || verb == "v" {
                pad("<nil>")
            } else {
                badVerb(verb, argument)
            }
            return
        default:
            break
        }
        if verb == "T" {
            fmtS(argument.goType?.description ?? "<nil>")
            return
        }
        if verb == "p" {
            badVerb(verb, argument)
            return
        }
        switch argument {
        case .bool(let value): fmtBoolean(value, verb, argument)
        case .int(let value, let type): fmtInteger(value, type, verb, argument)
        case .float(let value): fmtFloat(value, verb, argument)
        case .string(let value): fmtString(value, verb, argument)
        default:
            if handleMethods(argument, verb) { return }
            printValue(argument, verb: verb, depth: 0)
        }
    }

    /// Uses the value's `String()` method for the verbs that format strings.
    private mutating func handleMethods(_ argument: TemplateValue, _ verb: Unicode.Scalar) -> Bool {
        guard !erroring, case .structure(let structure) = argument else { return false }
        if flags.sharpV {
            // %#v uses GoString() when the type has it (time.Time does).
            guard let method = structure.method(named: "GoString"), case .string(let text)? = try? method.invoke([], limits: .default) else {
                return false
            }
            fmtS(text)
            return true
        }
        switch verb {
        case "v", "s", "x", "X", "q":
            guard let text = structure.stringerDescription else { return false }
            fmtString(text, verb, .string(text))
            return true
        default:
            return false
        }
    }

    /// Go's `printValue`: composite values, element by element.
    mutating func printValue(_ value: TemplateValue, verb: Unicode.Scalar, depth: Int) {
        // A map that contains itself (Sprig's `set $m "k" $m`) would recurse forever, as it does in Go.
        if depth > Self.maxDepth {
            write("...")
            return
        }
        if depth > 0 && handleMethods(value, verb) { return }
        switch value {
        case .missing:
            if depth == 0 {
                write("<invalid reflect.Value>")
            } else if verb == "v" {
                pad("<nil>")
            } else {
                badVerb(verb, value)
            }
        case .null:
            if flags.sharpV {
                write("interface {}(nil)")
            } else {
                pad("<nil>")
            }
        case .bool(let flag): fmtBoolean(flag, verb, value)
        case .int(let number, let type): fmtInteger(number, type, verb, value)
        case .float(let number): fmtFloat(number, verb, value)
        case .string(let text): fmtString(text, verb, value)
        case .map(let map):
            write(flags.sharpV ? "\(map.type){" : "map[")
            for (index, entry) in map.sortedEntries.enumerated() {
                if index > 0 { write(flags.sharpV ? ", " : " ") }
                printValue(entry.key, verb: verb, depth: depth + 1)
                out.append(UInt8(ascii: ":"))
                printValue(entry.value, verb: verb, depth: depth + 1)
            }
            write(flags.sharpV ? "}" : "]")
        case .structure(let structure) where structure.native?.integer != nil:
            // A named integer (time.Duration, time.Month): its number, for the verbs that are not String()'s.
            fmtInteger(structure.native?.integer ?? 0, .int64, verb, value)
        case .structure(let structure):
            if flags.sharpV { write(structure.type.description) }
            out.append(UInt8(ascii: "{"))
            for (index, field) in structure.fields.enumerated() {
                if index > 0 { write(flags.sharpV ? ", " : " ") }
                if flags.plusV || flags.sharpV { write(field.name + ":") }
                printValue(field.value, verb: verb, depth: depth + 1)
            }
            out.append(UInt8(ascii: "}"))
        case .slice(let slice):
            write(flags.sharpV ? "\(slice.type){" : "[")
            for (index, element) in slice.elements.enumerated() {
                if index > 0 { write(flags.sharpV ? ", " : " ") }
                printValue(element, verb: verb, depth: depth + 1)
            }
            write(flags.sharpV ? "}" : "]")
        case .function(let function):
            if flags.sharpV {
                write("(\(function.type))(nil)")
            } else if verb == "v" {
                pad("<func>")
            } else {
                badVerb(verb, value)
            }
        }
    }

    /// `%!verb(type=value)`.
    mutating func badVerb(_ verb: Unicode.Scalar, _ argument: TemplateValue) {
        erroring = true
        write("%!")
        writeScalar(verb)
        out.append(UInt8(ascii: "("))
        switch argument {
        case .missing, .null:
            write("<nil>")
        default:
            write(argument.goType?.description ?? "<nil>")
            out.append(UInt8(ascii: "="))
            printArgument(argument, verb: "v")
        }
        out.append(UInt8(ascii: ")"))
        erroring = false
    }
}
