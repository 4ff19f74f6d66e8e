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

/// Number helpers with Go's semantics.
enum SprigNumbers {
    static let divideByZero = TemplateFunctionError("runtime error: integer divide by zero")

    /// Go's `math.Max`: NaN wins, +0 is above -0.
    static func goMax(_ a: Double, _ b: Double) -> Double {
        if a.isNaN || b.isNaN { return .nan }
        if a == 0 && b == 0 { return a.sign == .minus ? b : a }
        return a > b ? a : b
    }

    static func goMin(_ a: Double, _ b: Double) -> Double {
        if a.isNaN || b.isNaN { return .nan }
        if a == 0 && b == 0 { return a.sign == .minus ? a : b }
        return a < b ? a : b
    }

    /// Sprig's `untilStep`.
    static func untilStep(_ start: Int, _ stop: Int, _ step: Int, _ call: FunctionCall) throws(TemplateFunctionError) -> [Int] {
        var values: [Int] = []
        if stop < start {
            guard step < 0 else { return values }
            var value = start
            while value > stop {
                values.append(value)
                try Sprig.checkSize(values.count, call)
                value += step
            }
            return values
        }
        guard step > 0 else { return values }
        var value = start
        while value < stop {
            values.append(value)
            try Sprig.checkSize(values.count, call)
            value += step
        }
        return values
    }

    /// Sprig's `seq`: `seq 3` is `1 2 3`, `seq 2 4` is `2 3 4`, `seq 1 2 8` steps by 2.
    static func seq(_ parameters: [Int], _ call: FunctionCall) throws(TemplateFunctionError) -> String {
        var increment = 1
        let values: [Int]
        switch parameters.count {
        case 1:
            let end = parameters[0]
            if end < 1 { increment = -1 }
            values = try untilStep(1, end + increment, increment, call)
        case 2:
            let (start, end) = (parameters[0], parameters[1])
            let step = end < start ? -1 : 1
            values = try untilStep(start, end + step, step, call)
        case 3:
            let (start, step, end) = (parameters[0], parameters[1], parameters[2])
            if end < start {
                increment = -1
                if step > 0 { return "" }
            }
            values = try untilStep(start, end + increment, step, call)
        default:
            return ""
        }
        return values.map(String.init).joined(separator: " ")
    }
}
