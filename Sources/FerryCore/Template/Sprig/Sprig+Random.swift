extension Sprig {
    /// Sprig's `randInt` and `shuffle`, drawing from the execution's Go `math/rand` sequence
    /// (``TemplateLimits/randomSeed``). Flux's output is random here; Ferry's is repeatable.
    static let random: [TemplateFunction] = [
        function("randInt", [.int, .int], result: .int) { call throws(TemplateFunctionError) in
            // rand.Intn(max-min) + min, in Go's wrapping int arithmetic.
            guard case .int(let low, _) = call[0], case .int(let high, _) = call[1] else { return .int(0) }
            let span = high &- low
            guard span > 0 else { throw TemplateFunctionError("invalid argument to Intn") }
            return .int(call.random.draw { $0.intn(span) } &+ low, .int)
        },
        function("shuffle", [.string], result: .string) { call in
            // huandu/xstrings' Shuffle: Fisher–Yates over the runes with rand.Intn.
            var scalars = Array(call.string(0).unicodeScalars)
            guard scalars.count > 1 else { return .string(call.string(0)) }
            call.random.draw { random in
                for index in stride(from: scalars.count - 1, to: 0, by: -1) {
                    let other = Int(random.intn(Int64(index + 1)))
                    if other != index { scalars.swapAt(index, other) }
                }
            }
            var text = ""
            text.unicodeScalars.append(contentsOf: scalars)
            return .string(text)
        },
    ]
}
