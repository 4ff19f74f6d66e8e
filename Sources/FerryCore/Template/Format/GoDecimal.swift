/// An exact decimal expansion of a binary floating-point number, as Go's `strconv` keeps one
/// for correctly rounded fixed-precision formatting: digits `d[0..<count]` with the decimal
/// point `point` digits from the left (`0.d` × 10^`point`).
struct GoDecimal {
    /// Decimal digits, most significant first, no trailing zeros.
    var digits: [UInt8] = []
    /// The position of the decimal point.
    var point = 0

    /// The exact value of `mantissa` × 2^`exponent`.
    init(mantissa: UInt64, exponent: Int) {
        var value = mantissa
        var reversed: [UInt8] = []
        while value > 0 {
            reversed.append(UInt8(value % 10))
            value /= 10
        }
        digits = reversed.reversed()
        point = digits.count
        trim()
        var remaining = exponent
        while remaining > 0 {
            let step = Swift.min(remaining, 56)
            multiply(byPowerOfTwo: step)
            remaining -= step
        }
        while remaining < 0 {
            let step = Swift.min(-remaining, 56)
            divide(byPowerOfTwo: step)
            remaining += step
        }
    }

    /// Digits from Swift's shortest round-trip description of a finite, non-negative double
    /// (`1e-05`, `123.45`, `5e-324`): the same shortest digits Go's `strconv` chooses.
    init(shortest value: Double) {
        let text = value.magnitude.description
        var mantissa = Substring(text)
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exponent = Int(text[text.index(after: e)...]) ?? 0
        }
        var all: [UInt8] = []
        var pointAt: Int?
        for character in mantissa.utf8 {
            if character == UInt8(ascii: ".") {
                pointAt = all.count
            } else if character >= UInt8(ascii: "0") && character <= UInt8(ascii: "9") {
                all.append(character - UInt8(ascii: "0"))
            }
        }
        var decimalPoint = (pointAt ?? all.count) + exponent
        var first = 0
        while first < all.count && all[first] == 0 {
            first += 1
            decimalPoint -= 1
        }
        digits = Array(all[first...])
        point = digits.isEmpty ? 0 : decimalPoint
        trim()
    }

    var count: Int { digits.count }

    private mutating func trim() {
        while let last = digits.last, last == 0 { digits.removeLast() }
        if digits.isEmpty { point = 0 }
    }

    private mutating func multiply(byPowerOfTwo shift: Int) {
        var carry: UInt64 = 0
        for index in stride(from: digits.count - 1, through: 0, by: -1) {
            let value = UInt64(digits[index]) << UInt64(shift) + carry
            digits[index] = UInt8(value % 10)
            carry = value / 10
        }
        var prefix: [UInt8] = []
        while carry > 0 {
            prefix.append(UInt8(carry % 10))
            carry /= 10
        }
        if !prefix.isEmpty {
            digits.insert(contentsOf: prefix.reversed(), at: 0)
            point += prefix.count
        }
        trim()
    }

    private mutating func divide(byPowerOfTwo shift: Int) {
        guard !digits.isEmpty else { return }
        let mask: UInt64 = (1 << UInt64(shift)) - 1
        var result: [UInt8] = []
        var remainder: UInt64 = 0
        var index = 0
        var leading = true
        var newPoint = point
        while index < digits.count || remainder != 0 {
            let digit = index < digits.count ? UInt64(digits[index]) : 0
            remainder = remainder * 10 + digit
            let quotient = remainder >> UInt64(shift)
            remainder &= mask
            if leading && quotient == 0 {
                newPoint -= 1
            } else {
                leading = false
                result.append(UInt8(quotient))
            }
            index += 1
        }
        digits = result
        point = newPoint
        trim()
    }

    /// Rounds to `count` significant digits, ties to even (the expansion is exact).
    mutating func round(toDigits count: Int) {
        guard count >= 0, count < digits.count else { return }
        if shouldRoundUp(count) {
            roundUp(count)
        } else {
            digits.removeSubrange(count...)
            trim()
        }
    }

    private func shouldRoundUp(_ count: Int) -> Bool {
        if digits[count] == 5 && count + 1 == digits.count {
            return count > 0 && digits[count - 1] % 2 == 1
        }
        return digits[count] >= 5
    }

    private mutating func roundUp(_ count: Int) {
        var index = count - 1
        while index >= 0 {
            if digits[index] < 9 {
                digits[index] += 1
                digits.removeSubrange((index + 1)...)
                return
            }
            index -= 1
        }
        digits = [1]
        point += 1
    }
}
