/// One element of a Go time layout: the parts of the reference time
/// `Mon Jan 2 15:04:05 MST 2006` that `Format` replaces and `Parse` reads.
enum GoTimeLayout: Equatable {
    case longMonth, month, numMonth, zeroMonth
    case longWeekDay, weekDay
    case day, underDay, zeroDay, underYearDay, zeroYearDay
    case hour, hour12, zeroHour12, minute, zeroMinute, second, zeroSecond
    case longYear, year
    case pm, lowerPM
    case zoneName
    case iso8601, iso8601Seconds, iso8601Short, iso8601Colon, iso8601ColonSeconds
    case numeric, numericSeconds, numericShort, numericColon, numericColonSeconds
    /// `.000` (`trim` false) or `.999` (`trim` true), or with a comma; `digits` as Go keeps
    /// it (the count of 0s or 9s, modulo 4096).
    case fraction(digits: Int, trim: Bool, comma: Bool)

    /// Whether the element is one of the `Z07…` forms, which print `Z` for UTC.
    var isISO8601: Bool {
        switch self {
        case .iso8601, .iso8601Seconds, .iso8601Short, .iso8601Colon, .iso8601ColonSeconds: return true
        default: return false
        }
    }

    /// Whether the element is a numeric zone offset (`-0700`, `Z07:00`, …).
    var isZoneOffset: Bool {
        switch self {
        case .numeric, .numericSeconds, .numericShort, .numericColon, .numericColonSeconds: return true
        default: return isISO8601
        }
    }

    /// Go's `nextStdChunk`: the text before the first element of `layout`, the element, and
    /// the text after it; `nil` as the element when there is none.
    static func next(_ layout: ArraySlice<UInt8>) -> (prefix: ArraySlice<UInt8>, element: GoTimeLayout?, suffix: ArraySlice<UInt8>) {
        let bytes = layout
        let start = bytes.startIndex
        func has(_ text: String, at index: Int) -> Bool {
            let pattern = Array(text.utf8)
            guard index + pattern.count <= bytes.endIndex else { return false }
            return bytes[index..<(index + pattern.count)].elementsEqual(pattern)
        }
        func byte(_ index: Int) -> UInt8? { index < bytes.endIndex ? bytes[index] : nil }
        func found(_ index: Int, _ length: Int, _ element: GoTimeLayout) -> (ArraySlice<UInt8>, GoTimeLayout?, ArraySlice<UInt8>) {
            (bytes[start..<index], element, bytes[(index + length)...])
        }
        func startsWithLowercase(_ index: Int) -> Bool {
            guard let next = byte(index) else { return false }
            return next >= UInt8(ascii: "a") && next <= UInt8(ascii: "z")
        }
        var index = start
        while index < bytes.endIndex {
            switch bytes[index] {
            case UInt8(ascii: "J"):
                if has("Jan", at: index) {
                    if has("January", at: index) { return found(index, 7, .longMonth) }
                    if !startsWithLowercase(index + 3) { return found(index, 3, .month) }
                }
            case UInt8(ascii: "M"):
                if has("Mon", at: index) {
                    if has("Monday", at: index) { return found(index, 6, .longWeekDay) }
                    if !startsWithLowercase(index + 3) { return found(index, 3, .weekDay) }
                }
                if has("MST", at: index) { return found(index, 3, .zoneName) }
            case UInt8(ascii: "0"):
                if let next = byte(index + 1), next >= UInt8(ascii: "1"), next <= UInt8(ascii: "6") {
                    let elements: [GoTimeLayout] = [.zeroMonth, .zeroDay, .zeroHour12, .zeroMinute, .zeroSecond, .year]
                    return found(index, 2, elements[Int(next - UInt8(ascii: "1"))])
                }
                if has("002", at: index) { return found(index, 3, .zeroYearDay) }
            case UInt8(ascii: "1"):
                if byte(index + 1) == UInt8(ascii: "5") { return found(index, 2, .hour) }
                return found(index, 1, .numMonth)
            case UInt8(ascii: "2"):
                if has("2006", at: index) { return found(index, 4, .longYear) }
                return found(index, 1, .day)
            case UInt8(ascii: "_"):
                if byte(index + 1) == UInt8(ascii: "2") {
                    // `_2006` is a literal underscore and the year.
                    if has("2006", at: index + 1) { return (bytes[start...index], .longYear, bytes[(index + 5)...]) }
                    return found(index, 2, .underDay)
                }
                if has("__2", at: index) { return found(index, 3, .underYearDay) }
            case UInt8(ascii: "3"): return found(index, 1, .hour12)
            case UInt8(ascii: "4"): return found(index, 1, .minute)
            case UInt8(ascii: "5"): return found(index, 1, .second)
            case UInt8(ascii: "P"):
                if byte(index + 1) == UInt8(ascii: "M") { return found(index, 2, .pm) }
            case UInt8(ascii: "p"):
                if byte(index + 1) == UInt8(ascii: "m") { return found(index, 2, .lowerPM) }
            case UInt8(ascii: "-"):
                if has("-070000", at: index) { return found(index, 7, .numericSeconds) }
                if has("-07:00:00", at: index) { return found(index, 9, .numericColonSeconds) }
                if has("-0700", at: index) { return found(index, 5, .numeric) }
                if has("-07:00", at: index) { return found(index, 6, .numericColon) }
                if has("-07", at: index) { return found(index, 3, .numericShort) }
            case UInt8(ascii: "Z"):
                if has("Z070000", at: index) { return found(index, 7, .iso8601Seconds) }
                if has("Z07:00:00", at: index) { return found(index, 9, .iso8601ColonSeconds) }
                if has("Z0700", at: index) { return found(index, 5, .iso8601) }
                if has("Z07:00", at: index) { return found(index, 6, .iso8601Colon) }
                if has("Z07", at: index) { return found(index, 3, .iso8601Short) }
            case UInt8(ascii: "."), UInt8(ascii: ","):
                if let digit = byte(index + 1), digit == UInt8(ascii: "0") || digit == UInt8(ascii: "9") {
                    var end = index + 1
                    while end < bytes.endIndex && bytes[end] == digit { end += 1 }
                    // The run of digits must end the fraction: only a fractional second is all digits.
                    if !(byte(end).map(\.isASCIIDigit) ?? false) {
                        let element = GoTimeLayout.fraction(
                            digits: (end - index - 1) & 0xFFF, trim: digit == UInt8(ascii: "9"), comma: bytes[index] == UInt8(ascii: ","))
                        return found(index, end - index, element)
                    }
                }
            default:
                break
            }
            index += 1
        }
        return (bytes, nil, bytes[bytes.endIndex...])
    }
}
