extension GoTime {
    /// Go's `Format`: `layout` with each element of the reference time
    /// (`Mon Jan 2 15:04:05 MST 2006`, `-0700`, `.000`, …) replaced by this time's value.
    public func format(_ layout: String) -> String {
        String(decoding: formatBytes(Array(layout.utf8)[...]), as: UTF8.self)
    }

    func formatBytes(_ layout: ArraySlice<UInt8>) -> [UInt8] {
        let (zoneName, offset) = location.zone
        let date = civil
        let clock = self.clock
        var out: [UInt8] = []
        var rest = layout
        while !rest.isEmpty {
            let (prefix, element, suffix) = GoTimeLayout.next(rest)
            out.append(contentsOf: prefix)
            guard let element else { break }
            rest = suffix
            switch element {
            case .year: GoTimeText.appendInt(abs(date.year % 100), width: 2, to: &out)
            case .longYear: GoTimeText.appendInt(date.year, width: 4, to: &out)
            case .month: out.append(contentsOf: GoTimeText.monthName(date.month).utf8.prefix(3))
            case .longMonth: out.append(contentsOf: GoTimeText.monthName(date.month).utf8)
            case .numMonth: GoTimeText.appendInt(date.month, width: 0, to: &out)
            case .zeroMonth: GoTimeText.appendInt(date.month, width: 2, to: &out)
            case .weekDay: out.append(contentsOf: GoTimeText.shortDayNames[weekday].utf8)
            case .longWeekDay: out.append(contentsOf: GoTimeText.longDayNames[weekday].utf8)
            case .day: GoTimeText.appendInt(date.day, width: 0, to: &out)
            case .underDay:
                if date.day < 10 { out.append(UInt8(ascii: " ")) }
                GoTimeText.appendInt(date.day, width: 0, to: &out)
            case .zeroDay: GoTimeText.appendInt(date.day, width: 2, to: &out)
            case .underYearDay:
                if date.yearDay < 100 { out.append(contentsOf: date.yearDay < 10 ? [0x20, 0x20] : [0x20]) }
                GoTimeText.appendInt(date.yearDay, width: 0, to: &out)
            case .zeroYearDay: GoTimeText.appendInt(date.yearDay, width: 3, to: &out)
            case .hour: GoTimeText.appendInt(clock.hour, width: 2, to: &out)
            case .hour12, .zeroHour12:
                // Noon is 12PM, midnight 12AM.
                let hour = clock.hour % 12 == 0 ? 12 : clock.hour % 12
                GoTimeText.appendInt(hour, width: element == .hour12 ? 0 : 2, to: &out)
            case .minute: GoTimeText.appendInt(clock.minute, width: 0, to: &out)
            case .zeroMinute: GoTimeText.appendInt(clock.minute, width: 2, to: &out)
            case .second: GoTimeText.appendInt(clock.second, width: 0, to: &out)
            case .zeroSecond: GoTimeText.appendInt(clock.second, width: 2, to: &out)
            case .pm: out.append(contentsOf: (clock.hour >= 12 ? "PM" : "AM").utf8)
            case .lowerPM: out.append(contentsOf: (clock.hour >= 12 ? "pm" : "am").utf8)
            case .zoneName:
                if !zoneName.isEmpty {
                    out.append(contentsOf: zoneName.utf8)
                } else {
                    // No name: print the offset as -0700.
                    let minutes = offset / 60
                    out.append(minutes < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
                    GoTimeText.appendInt(abs(minutes) / 60, width: 2, to: &out)
                    GoTimeText.appendInt(abs(minutes) % 60, width: 2, to: &out)
                }
            case .fraction(let digits, let trim, let comma):
                Self.appendFraction(Int(nanosecond), digits: digits, trim: trim, comma: comma, to: &out)
            default:
                Self.appendOffset(offset, element, to: &out)
            }
        }
        return out
    }

    /// A numeric zone offset in the form `element` asks for; `Z` for UTC in the ISO 8601 forms.
    private static func appendOffset(_ offset: Int, _ element: GoTimeLayout, to out: inout [UInt8]) {
        if offset == 0 && element.isISO8601 {
            out.append(UInt8(ascii: "Z"))
            return
        }
        let minutes = abs(offset / 60)
        out.append(offset / 60 < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
        GoTimeText.appendInt(minutes / 60, width: 2, to: &out)
        switch element {
        case .iso8601Colon, .numericColon, .iso8601ColonSeconds, .numericColonSeconds: out.append(UInt8(ascii: ":"))
        default: break
        }
        if element != .numericShort && element != .iso8601Short { GoTimeText.appendInt(minutes % 60, width: 2, to: &out) }
        switch element {
        case .iso8601Seconds, .numericSeconds, .iso8601ColonSeconds, .numericColonSeconds:
            if element == .numericColonSeconds || element == .iso8601ColonSeconds { out.append(UInt8(ascii: ":")) }
            // As in Go, an offset under a minute west of UTC keeps its sign here.
            let seconds = offset / 60 < 0 ? -offset : offset
            GoTimeText.appendInt(seconds % 60, width: 2, to: &out)
        default:
            break
        }
    }

    /// Go's `appendNano`: the fraction of a second to `digits` places (at most 9), trailing
    /// zeros dropped when `trim` (and nothing at all when the fraction is zero).
    private static func appendFraction(_ nanoseconds: Int, digits: Int, trim: Bool, comma: Bool, to out: inout [UInt8]) {
        var nine = Array(String(nanoseconds).utf8)
        nine = Array(repeating: UInt8(ascii: "0"), count: max(0, 9 - nine.count)) + nine
        var count = min(digits, 9)
        if trim {
            while count > 0 && nine[count - 1] == UInt8(ascii: "0") { count -= 1 }
            if count == 0 { return }
        }
        out.append(comma ? UInt8(ascii: ",") : UInt8(ascii: "."))
        out.append(contentsOf: nine[..<count])
    }
}
