/// Sprig's float arithmetic (`addf`, `subf`, `mulf`, `divf`): shopspring/decimal on each
/// operand's shortest decimal form, so `addf 0.1 0.2` is `0.3`; division keeps 16 decimal
/// places, rounding half away from zero. Operands too large for exact 128-bit decimal
/// arithmetic fall back to binary floating point.
struct SprigDecimal {
    enum Operation { case add, subtract, multiply, divide }

    /// The coefficient (signed).
    var coefficient: Int128
    /// The power of ten the coefficient is scaled by.
    var exponent: Int

    /// The decimal of `value`'s shortest representation, if it fits.
    init?(_ value: Double) {
        guard value.isFinite else { return nil }
        let digits = GoDecimal(shortest: value)
        guard digits.count <= 30 else { return nil }
        var coefficient: Int128 = 0
        for digit in digits.digits { coefficient = coefficient * 10 + Int128(digit) }
        self.coefficient = value.sign == .minus ? -coefficient : coefficient
        self.exponent = digits.point - digits.count
    }

    init(coefficient: Int128, exponent: Int) {
        self.coefficient = coefficient
        self.exponent = exponent
    }

    /// The nearest double.
    var double: Double {
        Double("\(coefficient)e\(exponent)") ?? .nan
    }

    private static func power(_ exponent: Int) -> Int128? {
        guard exponent >= 0, exponent <= 38 else { return nil }
        var result: Int128 = 1
        for _ in 0..<exponent { result *= 10 }
        return result
    }

    private static func aligned(_ a: SprigDecimal, _ b: SprigDecimal) -> (Int128, Int128, Int)? {
        let exponent = Swift.min(a.exponent, b.exponent)
        guard let scaleA = power(a.exponent - exponent), let scaleB = power(b.exponent - exponent) else { return nil }
        let (left, overflowA) = a.coefficient.multipliedReportingOverflow(by: scaleA)
        let (right, overflowB) = b.coefficient.multipliedReportingOverflow(by: scaleB)
        guard !overflowA, !overflowB else { return nil }
        return (left, right, exponent)
    }

    func applying(_ operation: Operation, _ other: SprigDecimal) -> SprigDecimal? {
        switch operation {
        case .add, .subtract:
            guard let (left, right, exponent) = Self.aligned(self, other) else { return nil }
            let (sum, overflow) = operation == .add ? left.addingReportingOverflow(right) : left.subtractingReportingOverflow(right)
            return overflow ? nil : SprigDecimal(coefficient: sum, exponent: exponent)
        case .multiply:
            let (product, overflow) = coefficient.multipliedReportingOverflow(by: other.coefficient)
            return overflow ? nil : SprigDecimal(coefficient: product, exponent: exponent + other.exponent)
        case .divide:
            guard other.coefficient != 0 else { return nil }
            // self / other rounded to 16 places: (c1 × 10^(e1 − e2 + 16)) / c2, half away from zero.
            let shift = exponent - other.exponent + 16
            var numerator = coefficient
            var denominator = other.coefficient
            if shift >= 0 {
                guard let scale = Self.power(shift) else { return nil }
                let (scaled, overflow) = numerator.multipliedReportingOverflow(by: scale)
                guard !overflow else { return nil }
                numerator = scaled
            } else {
                guard let scale = Self.power(-shift) else { return nil }
                let (scaled, overflow) = denominator.multipliedReportingOverflow(by: scale)
                guard !overflow else { return nil }
                denominator = scaled
            }
            var quotient = numerator / denominator
            let remainder = numerator % denominator
            if remainder.magnitude * 2 >= denominator.magnitude {
                quotient += (numerator < 0) == (denominator < 0) ? 1 : -1
            }
            return SprigDecimal(coefficient: quotient, exponent: -16)
        }
    }

    /// Applies `operation` from left to right over the operands, as Sprig's `execDecimalOp` does.
    static func fold(_ first: TemplateValue, _ rest: [TemplateValue], _ operation: Operation) throws(TemplateFunctionError) -> Double {
        var binary = SprigValues.float64(first)
        var decimal = SprigDecimal(binary)
        for operand in rest {
            let value = SprigValues.float64(operand)
            if operation == .divide && value == 0 { throw TemplateFunctionError("decimal division by 0") }
            if let current = decimal, let next = SprigDecimal(value), let result = current.applying(operation, next) {
                decimal = result
                binary = result.double
                continue
            }
            decimal = nil
            switch operation {
            case .add: binary += value
            case .subtract: binary -= value
            case .multiply: binary *= value
            case .divide: binary /= value
            }
        }
        return decimal?.double ?? binary
    }
}
