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
