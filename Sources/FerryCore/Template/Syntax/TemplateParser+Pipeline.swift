extension TemplateParser {
    /// `declarations? command ('|' command)*` up to `end`.
    mutating func pipeline(_ context: String, end: TemplateToken.Kind) throws(TemplateError) -> PipeNode {
        let start = peekNonSpace()
        var pipe = PipeNode(position: start.position)
        declarations: while true {
            let variable = peekNonSpace()
            guard variable.kind == .variable else { break }
            _ = next()
            let adjacent = peek()
            let following = peekNonSpace()
            if following.kind == .assign || following.kind == .declare {
                pipe.isAssign = following.kind == .assign
                _ = nextNonSpace()
                pipe.declarations.append(VariableName(position: variable.position, name: variable.value))
                variables.append(variable.value)
            } else if following.kind == .char && following.value == "," {
                _ = nextNonSpace()
                pipe.declarations.append(VariableName(position: variable.position, name: variable.value))
                variables.append(variable.value)
                if context == "range" && pipe.declarations.count < 2 {
                    switch peekNonSpace().kind {
                    case .variable, .rightDelim, .rightParen: continue declarations
                    default: throw error("range can only initialize variables")
                    }
                }
                throw error("too many declarations in \(context)")
            } else if adjacent.kind == .space {
                backup3(variable, adjacent)
            } else {
                backup2(variable)
            }
            break
        }
        while true {
            let token = nextNonSpace()
            switch token.kind {
            case end:
                try checkPipeline(pipe, context)
                return pipe
            case .bool, .charConstant, .complex, .dot, .field, .identifier, .number, .nil, .rawString, .string, .variable, .leftParen:
                backup()
                pipe.commands.append(try command())
            default:
                throw unexpected(token, context)
            }
        }
    }

    private func checkPipeline(_ pipe: PipeNode, _ context: String) throws(TemplateError) {
        if pipe.commands.isEmpty { throw error("missing value for \(context)") }
        for (index, command) in pipe.commands.enumerated().dropFirst() {
            switch command.arguments.first {
            case .bool, .dot, .nil, .number, .string:
                throw error("non executable command in pipeline stage \(index + 1)")
            default:
                continue
            }
        }
    }

    private mutating func command() throws(TemplateError) -> CommandNode {
        var command = CommandNode(position: peekNonSpace().position)
        while true {
            _ = peekNonSpace()
            if let operand = try operand() { command.arguments.append(operand) }
            let token = next()
            switch token.kind {
            case .space: continue
            case .rightDelim, .rightParen: backup()
            case .pipe: break
            default: throw unexpected(token, "operand")
            }
            break
        }
        if command.arguments.isEmpty { throw error("empty command") }
        return command
    }

    private mutating func operand() throws(TemplateError) -> Operand? {
        guard var node = try term() else { return nil }
        if peek().kind == .field {
            let chainPosition = peek().position
            var fields: [String] = []
            while peek().kind == .field { fields.append(String(next().value.dropFirst())) }
            switch node {
            case .field(_, let names):
                node = .field(position: chainPosition, names: names + fields)
            case .variable(_, let names):
                node = .variable(position: chainPosition, names: names + fields)
            case .bool, .string, .number, .nil, .dot:
                throw error("unexpected . after term \(GoQuote.quote(node.description))")
            default:
                node = .chain(position: chainPosition, base: node, fields: fields)
            }
        }
        return node
    }

    private mutating func term() throws(TemplateError) -> Operand? {
        let token = nextNonSpace()
        switch token.kind {
        case .identifier:
            if !isFunction(token.value) { throw error("function \(GoQuote.quote(token.value)) not defined") }
            return .identifier(position: token.position, name: token.value)
        case .dot:
            return .dot(position: token.position)
        case .nil:
            return .nil(position: token.position)
        case .variable:
            return try useVariable(token)
        case .field:
            return .field(position: token.position, names: [String(token.value.dropFirst())])
        case .bool:
            return .bool(position: token.position, value: token.value == "true")
        case .charConstant, .complex, .number:
            return .number(try number(token))
        case .leftParen:
            try enter()
            defer { depth -= 1 }
            return .pipe(try pipeline("parenthesized pipeline", end: .rightParen))
        case .string, .rawString:
            guard let text = GoUnquote.unquote(token.value) else { throw error("invalid syntax") }
            return .string(position: token.position, quoted: token.value, text: text)
        default:
            backup()
            return nil
        }
    }

    private func useVariable(_ token: TemplateToken) throws(TemplateError) -> Operand {
        let names = token.value.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard variables.contains(names[0]) else { throw error("undefined variable \(GoQuote.quote(names[0]))") }
        return .variable(position: token.position, names: names)
    }

    /// Go's `newNumber`: every reading of the constant (int, uint, float) that succeeds.
    private func number(_ token: TemplateToken) throws(TemplateError) -> NumberLiteral {
        var number = NumberLiteral(position: token.position, text: token.value)
        let text = token.value
        if token.kind == .charConstant {
            guard let scalar = GoUnquote.unquoteCharacter(text) else {
                if GoUnquote.isSingleCharacterPrefix(text) { throw error("malformed character constant: \(text)") }
                throw error("invalid syntax")
            }
            number.isInt = true
            number.isUint = true
            number.isFloat = true
            number.int = Int64(scalar.value)
            number.uint = UInt64(scalar.value)
            number.float = Double(scalar.value)
            return number
        }
        if token.kind == .complex || text.hasSuffix("i") {
            throw error("complex numbers are not supported: \(GoQuote.quote(text))")
        }
        let unsigned = GoInteger.parseUnsigned(text)
        if let unsigned {
            number.isUint = true
            number.uint = unsigned
        }
        if let signed = GoInteger.parseSigned(text) {
            number.isInt = true
            number.int = signed
            if signed == 0 {
                number.isUint = true
                number.uint = 0
            }
        }
        if number.isInt {
            number.isFloat = true
            number.float = Double(number.int)
        } else if number.isUint {
            number.isFloat = true
            number.float = Double(number.uint)
        } else if let float = GoFloat.parse(text) {
            if !text.contains(where: { ".eEpP".contains($0) }) { throw error("integer overflow: \(GoQuote.quote(text))") }
            number.isFloat = true
            number.float = float
            if float == float.rounded(.towardZero), float.magnitude < 9.2e18 {
                number.isInt = true
                number.int = Int64(float)
            }
            if float == float.rounded(.towardZero), float >= 0, float < 1.8e19 {
                number.isUint = true
                number.uint = UInt64(float)
            }
        }
        if !number.isInt && !number.isUint && !number.isFloat { throw error("illegal number syntax: \(GoQuote.quote(text))") }
        return number
    }
}
