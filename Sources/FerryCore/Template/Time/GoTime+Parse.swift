extension GoTime {
    /// Go's `time.ParseInLocation(layout, value, location)` as the Go Flux is built with (1.24,
    /// 1.25) parses: the value must spell each element of `layout`; elements the layout
    /// leaves out are zero (or one, for month and day); a time without a zone is in
    /// `location`, and an offset or zone abbreviation gives a fixed zone unless it is
    /// `location`'s own.
    ///
    /// - Throws: ``GoTimeParseError`` with Go's message.
    public init(parsing value: String, layout: String, location: GoLocation = .local) throws(GoTimeParseError) {
        var parser = GoTimeParser(layout: layout, value: value)
        self = try parser.parse(location: location)
    }
}

/// The state of one `time.Parse`: Go's `parse` loop over the layout's elements.
private struct GoTimeParser {
    let layoutText: String
    let valueText: String
    var layout: ArraySlice<UInt8>
    var value: ArraySlice<UInt8>

    var year = 0
    var month = -1
    var day = -1
    var yearDay = -1
    var hour = 0
    var minute = 0
    var second = 0
    var nanosecond = 0
    var amSet = false
    var pmSet = false
    var utc = false
    var zoneOffset = -1
    var zoneName: ArraySlice<UInt8> = []

    init(layout: String, value: String) {
        self.layoutText = layout
        self.valueText = value
        self.layout = Array(layout.utf8)[...]
        self.value = Array(value.utf8)[...]
    }

    /// Go's `errBad`: the element did not match.
    struct Bad: Error {}

    func failure<Bytes: Collection<UInt8>>(_ element: Bytes, _ at: Bytes, _ message: String = "") -> GoTimeParseError {
        GoTimeParseError(layout: layoutText, value: valueText, layoutElement: element, valueElement: at, message: message)
    }

    mutating func parse(location: GoLocation) throws(GoTimeParseError) -> GoTime {
        while true {
            let (prefix, element, suffix) = GoTimeLayout.next(layout)
            let elementText = layout[prefix.endIndex..<suffix.startIndex]
            guard Self.skip(&value, prefix) else { throw failure(prefix, value) }
            guard let element else {
                if !value.isEmpty { throw failure([], value, ": extra text: " + GoTimeText.quote(value)) }
                break
            }
            layout = suffix
            let hold = value
            var rangeError: String?
            do {
                rangeError = try read(element)
            } catch {
                throw failure(elementText, hold)
            }
            if let rangeError { throw failure(elementText, value, ": \(rangeError) out of range") }
        }
        return try finish(location: location)
    }

    /// Reads one element from `value`; returns the name of a field out of range, if any.
    private mutating func read(_ element: GoTimeLayout) throws(Bad) -> String? {
        switch element {
        case .year:
            guard value.count >= 2 else { throw Bad() }
            let digits = value.prefix(2)
            value = value.dropFirst(2)
            year = try Self.atoi(digits)
            year += year >= 69 ? 1900 : 2000
        case .longYear:
            guard value.count >= 4, value.first?.isASCIIDigit == true else { throw Bad() }
            let digits = value.prefix(4)
            value = value.dropFirst(4)
            year = try Self.atoi(digits)
        case .month, .longMonth:
            month = try Self.lookup(element == .month ? GoTimeText.shortMonthNames : GoTimeText.longMonthNames, &value) + 1
        case .numMonth, .zeroMonth:
            month = try Self.getnum(&value, fixed: element == .zeroMonth)
            if month <= 0 || month > 12 { return "month" }
        case .weekDay, .longWeekDay:
            _ = try Self.lookup(element == .weekDay ? GoTimeText.shortDayNames : GoTimeText.longDayNames, &value)
        case .day, .underDay, .zeroDay:
            if element == .underDay, value.first == UInt8(ascii: " ") { value = value.dropFirst() }
            day = try Self.getnum(&value, fixed: element == .zeroDay)
        case .underYearDay, .zeroYearDay:
            for _ in 0..<2 where element == .underYearDay && value.first == UInt8(ascii: " ") { value = value.dropFirst() }
            yearDay = try Self.getnum3(&value, fixed: element == .zeroYearDay)
        case .hour:
            hour = try Self.getnum(&value, fixed: false)
            if hour >= 24 { return "hour" }
        case .hour12, .zeroHour12:
            hour = try Self.getnum(&value, fixed: element == .zeroHour12)
            if hour > 12 { return "hour" }
        case .minute, .zeroMinute:
            minute = try Self.getnum(&value, fixed: element == .zeroMinute)
            if minute >= 60 { return "minute" }
        case .second, .zeroSecond:
            second = try Self.getnum(&value, fixed: element == .zeroSecond)
            if second >= 60 { return "second" }
            return try readUnannouncedFraction()
        case .pm, .lowerPM:
            guard value.count >= 2 else { throw Bad() }
            let mark = Array(value.prefix(2))
            value = value.dropFirst(2)
            let (pm, am) = element == .pm ? (Array("PM".utf8), Array("AM".utf8)) : (Array("pm".utf8), Array("am".utf8))
            if mark == pm {
                pmSet = true
            } else if mark == am {
                amSet = true
            } else {
                throw Bad()
            }
        case .zoneName:
            if value.starts(with: "UTC".utf8) {
                utc = true
                value = value.dropFirst(3)
                break
            }
            guard let length = Self.zoneNameLength(value) else { throw Bad() }
            zoneName = value.prefix(length)
            value = value.dropFirst(length)
        case .fraction(let digits, let trim, _):
            if !trim {
                // `.000` needs exactly that many digits.
                let count = 1 + digits
                guard value.count >= count else { throw Bad() }
                let (nanos, outOfRange) = try Self.nanoseconds(value, count)
                nanosecond = nanos
                value = value.dropFirst(count)
                return outOfRange
            }
            guard value.count >= 2, Self.isCommaOrPeriod(value.first), value.dropFirst().first?.isASCIIDigit == true else { break }
            let count = 1 + value.dropFirst().prefix(while: \.isASCIIDigit).count
            let (nanos, outOfRange) = try Self.nanoseconds(value, count)
            nanosecond = nanos
            value = value.dropFirst(count)
            return outOfRange
        default:
            return try readOffset(element)
        }
        return nil
    }

    /// A fraction after the seconds that the layout does not announce: Go reads it anyway.
    private mutating func readUnannouncedFraction() throws(Bad) -> String? {
        guard value.count >= 2, Self.isCommaOrPeriod(value.first), value.dropFirst().first?.isASCIIDigit == true else { return nil }
        if case .fraction? = GoTimeLayout.next(layout).element { return nil }
        let count = 1 + value.dropFirst().prefix(while: \.isASCIIDigit).count
        let (nanos, outOfRange) = try Self.nanoseconds(value, count)
        nanosecond = nanos
        value = value.dropFirst(count)
        return outOfRange
    }

    /// A numeric zone offset (`-0700`, `-07:00`, `-07`, with seconds, or `Z…` for UTC).
    private mutating func readOffset(_ element: GoTimeLayout) throws(Bad) -> String? {
        if element.isISO8601, value.first == UInt8(ascii: "Z") {
            value = value.dropFirst()
            utc = true
            return nil
        }
        let bytes = Array(value)
        let zero = Array("00".utf8)[...]
        let sign: UInt8
        let parts: (ArraySlice<UInt8>, ArraySlice<UInt8>, ArraySlice<UInt8>)
        let length: Int
        switch element {
        case .iso8601Colon, .numericColon:
            guard bytes.count >= 6, bytes[3] == UInt8(ascii: ":") else { throw Bad() }
            parts = (bytes[1..<3], bytes[4..<6], zero)
            length = 6
        case .numericShort, .iso8601Short:
            guard bytes.count >= 3 else { throw Bad() }
            parts = (bytes[1..<3], zero, zero)
            length = 3
        case .iso8601ColonSeconds, .numericColonSeconds:
            guard bytes.count >= 9, bytes[3] == UInt8(ascii: ":"), bytes[6] == UInt8(ascii: ":") else { throw Bad() }
            parts = (bytes[1..<3], bytes[4..<6], bytes[7..<9])
            length = 9
        case .iso8601Seconds, .numericSeconds:
            guard bytes.count >= 7 else { throw Bad() }
            parts = (bytes[1..<3], bytes[3..<5], bytes[5..<7])
            length = 7
        default:
            guard bytes.count >= 5 else { throw Bad() }
            parts = (bytes[1..<3], bytes[3..<5], zero)
            length = 5
        }
        sign = bytes[0]
        value = value.dropFirst(length)
        // Go parses the fields in turn, stopping at the first bad one, but reports an offset
        // out of range before a bad field or sign.
        var bad = false
        var fields = [0, 0, 0]
        for (index, text) in [parts.0, parts.1, parts.2].enumerated() where !bad {
            var field = text
            if let number = try? Self.getnum(&field, fixed: true) { fields[index] = number } else { bad = true }
        }
        // Go tests with > rather than >=: offsets of 24 hours or 60 minutes are written.
        var outOfRange: String?
        if fields[0] > 24 { outOfRange = "time zone offset hour" }
        if fields[1] > 60 { outOfRange = "time zone offset minute" }
        if fields[2] > 60 { outOfRange = "time zone offset second" }
        zoneOffset = (fields[0] * 60 + fields[1]) * 60 + fields[2]
        switch sign {
        case UInt8(ascii: "+"): break
        case UInt8(ascii: "-"): zoneOffset = -zoneOffset
        default: bad = true
        }
        if outOfRange == nil && bad { throw Bad() }
        return outOfRange
    }

    /// After the last element: AM/PM, the day of the year, the day's range, and the zone.
    private mutating func finish(location: GoLocation) throws(GoTimeParseError) -> GoTime {
        if pmSet && hour < 12 {
            hour += 12
        } else if amSet && hour == 12 {
            hour = 0
        }
        if yearDay >= 0 {
            var dayOfMonth = 0
            var monthOfYear = 0
            var yearDay = self.yearDay
            if GoTime.isLeap(year) {
                if yearDay == 31 + 29 {
                    monthOfYear = 2
                    dayOfMonth = 29
                } else if yearDay > 31 + 29 {
                    yearDay -= 1
                }
            }
            if yearDay < 1 || yearDay > 365 { throw failure([], value, ": day-of-year out of range") }
            if monthOfYear == 0 {
                let daysBefore = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365]
                monthOfYear = (yearDay - 1) / 31 + 1
                if daysBefore[monthOfYear] < yearDay { monthOfYear += 1 }
                dayOfMonth = yearDay - daysBefore[monthOfYear - 1]
            }
            if month >= 0 && month != monthOfYear { throw failure([], value, ": day-of-year does not match month") }
            month = monthOfYear
            if day >= 0 && day != dayOfMonth { throw failure([], value, ": day-of-year does not match day") }
            day = dayOfMonth
        } else {
            if month < 0 { month = 1 }
            if day < 0 { day = 1 }
        }
        if day < 1 || day > GoTime.daysIn(month: month, year: year) { throw failure([], value, ": day out of range") }
        func date(_ location: GoLocation) -> GoTime {
            GoTime.date(
                year: year, month: month, day: day, hour: hour, minute: minute, second: second, nanosecond: nanosecond, location: location)
        }
        if utc { return date(.utc) }
        let name = String(decoding: zoneName, as: UTF8.self)
        if zoneOffset != -1 {
            let time = date(.utc).adding(GoDuration.seconds(Int64(-zoneOffset)))
            // The location's own zone when it has this offset (and name), else a fixed zone.
            let own = location.zone
            if own.offset == zoneOffset && (name.isEmpty || own.name == name) { return time.in(location) }
            return time.in(.fixed(name: name, offset: zoneOffset))
        }
        if !name.isEmpty {
            if case .fixed(let ownName, let ownOffset) = location, ownName == name {
                return date(.utc).adding(GoDuration.seconds(Int64(-ownOffset))).in(location)
            }
            // An unknown abbreviation: offset zero, but GMT+3 and the like have theirs.
            var offset = 0
            if name.utf8.count > 3, name.hasPrefix("GMT"), let hours = try? Self.atoi(zoneName.dropFirst(3)) { offset = hours * 3600 }
            return date(.utc).in(.fixed(name: name, offset: offset))
        }
        return date(location)
    }

    // MARK: Go's helpers

    /// Go's `skip`: `prefix` must begin `value`, runs of spaces matching runs of spaces.
    static func skip(_ value: inout ArraySlice<UInt8>, _ prefix: ArraySlice<UInt8>) -> Bool {
        var prefix = prefix
        while let first = prefix.first {
            if first == UInt8(ascii: " ") {
                if let next = value.first, next != UInt8(ascii: " ") { return false }
                prefix = prefix.drop { $0 == UInt8(ascii: " ") }
                value = value.drop { $0 == UInt8(ascii: " ") }
                continue
            }
            guard value.first == first else { return false }
            prefix = prefix.dropFirst()
            value = value.dropFirst()
        }
        return true
    }

    static func isCommaOrPeriod(_ byte: UInt8?) -> Bool { byte == UInt8(ascii: ".") || byte == UInt8(ascii: ",") }

    /// Go's `getnum`: one or two digits (exactly two when `fixed`).
    static func getnum(_ value: inout ArraySlice<UInt8>, fixed: Bool) throws(Bad) -> Int {
        guard let first = value.first, first.isASCIIDigit else { throw Bad() }
        guard let second = value.dropFirst().first, second.isASCIIDigit else {
            if fixed { throw Bad() }
            value = value.dropFirst()
            return Int(first - UInt8(ascii: "0"))
        }
        value = value.dropFirst(2)
        return Int(first - UInt8(ascii: "0")) * 10 + Int(second - UInt8(ascii: "0"))
    }

    /// Go's `getnum3`: one to three digits (exactly three when `fixed`).
    static func getnum3(_ value: inout ArraySlice<UInt8>, fixed: Bool) throws(Bad) -> Int {
        let digits = value.prefix(3).prefix(while: \.isASCIIDigit)
        if digits.isEmpty || (fixed && digits.count != 3) { throw Bad() }
        value = value.dropFirst(digits.count)
        return digits.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
    }

    /// Go's `atoi` in the time package: an optional sign, then only digits (none is zero).
    static func atoi(_ text: ArraySlice<UInt8>) throws(Bad) -> Int {
        var digits = text
        var negative = false
        if let sign = digits.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
            negative = sign == UInt8(ascii: "-")
            digits = digits.dropFirst()
        }
        var magnitude: UInt64 = 0
        for byte in digits {
            guard byte.isASCIIDigit else { throw Bad() }
            guard magnitude <= (1 << 63) / 10 else { throw Bad() }
            magnitude = magnitude * 10 + UInt64(byte - UInt8(ascii: "0"))
            guard magnitude <= 1 << 63 else { throw Bad() }
        }
        let number = Int(truncatingIfNeeded: magnitude)
        return negative ? 0 &- number : number
    }

    /// Go's `lookup`: the first name that begins `value`, ignoring ASCII case; its index.
    static func lookup(_ names: [String], _ value: inout ArraySlice<UInt8>) throws(Bad) -> Int {
        for (index, name) in names.enumerated() {
            let bytes = Array(name.utf8)
            guard value.count >= bytes.count else { continue }
            let matches = zip(value.prefix(bytes.count), bytes).allSatisfy { a, b in
                a == b || ((a | 0x20) == (b | 0x20) && (a | 0x20) >= UInt8(ascii: "a") && (a | 0x20) <= UInt8(ascii: "z"))
            }
            if matches {
                value = value.dropFirst(bytes.count)
                return index
            }
        }
        throw Bad()
    }

    /// Go's `parseNanoseconds`: `value` begins with `.` or `,` and `count` bytes hold the fraction.
    static func nanoseconds(_ value: ArraySlice<UInt8>, _ count: Int) throws(Bad) -> (Int, String?) {
        guard isCommaOrPeriod(value.first) else { throw Bad() }
        let count = min(count, 10)
        var nanos = try atoi(value.dropFirst().prefix(count - 1))
        if nanos < 0 { return (0, "fractional second") }
        for _ in 0..<(10 - count) { nanos *= 10 }
        return (nanos, nil)
    }

    /// Go's `parseTimeZone`: the length of the zone abbreviation that begins `value`.
    static func zoneNameLength(_ value: ArraySlice<UInt8>) -> Int? {
        guard value.count >= 3 else { return nil }
        if value.starts(with: "ChST".utf8) || value.starts(with: "MeST".utf8) { return 4 }
        if value.starts(with: "GMT".utf8) { return 3 + signedOffsetLength(value.dropFirst(3)) }
        if let first = value.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            let length = signedOffsetLength(value)
            return length > 0 ? length : nil
        }
        let upper = value.prefix(6).prefix { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }.count
        let bytes = Array(value.prefix(6))
        switch upper {
        case 3: return 3
        case 4 where bytes[3] == UInt8(ascii: "T") || bytes.starts(with: "WITA".utf8): return 4
        case 5 where bytes[4] == UInt8(ascii: "T"): return 5
        default: return nil
        }
    }

    /// Go's `parseSignedOffset`: `+3`, `-11` (at most 23); 0 when there is none.
    static func signedOffsetLength(_ value: ArraySlice<UInt8>) -> Int {
        guard let sign = value.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") else { return 0 }
        let digits = value.dropFirst().prefix(while: \.isASCIIDigit)
        guard !digits.isEmpty else { return 0 }
        var number: UInt64 = 0
        for byte in digits {
            // Go's leadingInt fails past 2⁶³, and such an offset is never under 24.
            guard number <= (1 << 63) / 10 else { return 0 }
            number = number * 10 + UInt64(byte - UInt8(ascii: "0"))
            guard number <= 1 << 63 else { return 0 }
        }
        return number > 23 ? 0 : 1 + digits.count
    }
}
