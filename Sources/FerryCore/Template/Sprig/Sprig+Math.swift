extension Sprig {
    static let math: [TemplateFunction] = {
        let max = function("max", [.interface], variadic: .interface, result: .int64) { call in
            .int(call.arguments.map(SprigValues.int64).max() ?? 0, .int64)
        }
        return [
            function("add1", [.interface], result: .int64) { call in .int(SprigValues.int64(call[0]) &+ 1, .int64) },
            function("add", [], variadic: .interface, result: .int64) { call in .int(call.arguments.reduce(0) { $0 &+ SprigValues.int64($1) }, .int64) },
            function("sub", [.interface, .interface], result: .int64) { call in .int(SprigValues.int64(call[0]) &- SprigValues.int64(call[1]), .int64) },
            function("div", [.interface, .interface], result: .int64) { call throws(TemplateFunctionError) in
                let divisor = SprigValues.int64(call[1])
                guard divisor != 0 else { throw SprigNumbers.divideByZero }
                return .int(SprigValues.int64(call[0]).dividedReportingOverflow(by: divisor).partialValue, .int64)
            },
            function("mod", [.interface, .interface], result: .int64) { call throws(TemplateFunctionError) in
                let divisor = SprigValues.int64(call[1])
                guard divisor != 0 else { throw SprigNumbers.divideByZero }
                return .int(SprigValues.int64(call[0]).remainderReportingOverflow(dividingBy: divisor).partialValue, .int64)
            },
            function("mul", [.interface], variadic: .interface, result: .int64) { call in
                .int(call.arguments.dropFirst().reduce(SprigValues.int64(call[0])) { $0 &* SprigValues.int64($1) }, .int64)
            },
            function("add1f", [.interface], result: .float64) { call throws(TemplateFunctionError) in .float(try SprigDecimal.fold(call[0], [.int(1)], .add)) },
            function("addf", [], variadic: .interface, result: .float64) { call throws(TemplateFunctionError) in .float(try SprigDecimal.fold(.float(0), call.arguments, .add)) },
            function("subf", [.interface], variadic: .interface, result: .float64) { call throws(TemplateFunctionError) in
                .float(try SprigDecimal.fold(call[0], Array(call.arguments.dropFirst()), .subtract))
            },
            function("divf", [.interface], variadic: .interface, result: .float64) { call throws(TemplateFunctionError) in
                .float(try SprigDecimal.fold(call[0], Array(call.arguments.dropFirst()), .divide))
            },
            function("mulf", [.interface], variadic: .interface, result: .float64) { call throws(TemplateFunctionError) in
                .float(try SprigDecimal.fold(call[0], Array(call.arguments.dropFirst()), .multiply))
            },
            max, alias("biggest", of: max),
            function("min", [.interface], variadic: .interface, result: .int64) { call in .int(call.arguments.map(SprigValues.int64).min() ?? 0, .int64) },
            function("maxf", [.interface], variadic: .interface, result: .float64) { call in
                .float(call.arguments.dropFirst().reduce(SprigValues.float64(call[0])) { SprigNumbers.goMax($0, SprigValues.float64($1)) })
            },
            function("minf", [.interface], variadic: .interface, result: .float64) { call in
                .float(call.arguments.dropFirst().reduce(SprigValues.float64(call[0])) { SprigNumbers.goMin($0, SprigValues.float64($1)) })
            },
            function("ceil", [.interface], result: .float64) { call in .float(SprigValues.float64(call[0]).rounded(.up)) },
            function("floor", [.interface], result: .float64) { call in .float(SprigValues.float64(call[0]).rounded(.down)) },
            function("round", [.interface, .int], variadic: .float64, result: .float64) { call in
                let roundOn: Double = if case .float(let value) = call[2] { value } else { 0.5 }
                let power = pow10(Double(call.int(1)))
                let digit = power * SprigValues.float64(call[0])
                let fraction = digit - digit.rounded(.towardZero)
                return .float((fraction >= roundOn ? digit.rounded(.up) : digit.rounded(.down)) / power)
            },
        ]
    }()

    private static func pow10(_ exponent: Double) -> Double {
        var result = 1.0
        var count = Int(exponent.magnitude)
        while count > 0 {
            result *= 10
            count -= 1
        }
        return exponent < 0 ? 1 / result : result
    }

    static let conversions: [TemplateFunction] = [
        function("atoi", [.string], result: .int) { call in
            let text = call.string(0)
            let body = text.hasPrefix("+") || text.hasPrefix("-") ? String(text.dropFirst()) : text
            guard !body.isEmpty, body.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let value = Int64(text) else { return .int(0) }
            return .int(value, .int)
        },
        function("int64", [.interface], result: .int64) { call in .int(SprigValues.int64(call[0]), .int64) },
        function("int", [.interface], result: .int) { call in .int(SprigValues.int64(call[0]), .int) },
        function("float64", [.interface], result: .float64) { call in .float(SprigValues.float64(call[0])) },
        function("toDecimal", [.interface], result: .int64) { call in
            let text = GoFormatter.sprint([call[0]])
            var body = Substring(text)
            var negative = false
            if let sign = body.first, sign == "+" || sign == "-" {
                negative = sign == "-"
                body = body.dropFirst()
            }
            guard !body.isEmpty, body.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x37 }), let value = Int64(body, radix: 8) else { return .int(0, .int64) }
            return .int(negative ? -value : value, .int64)
        },
    ]
}
