/// The words and number formatting of Go's `time` package.
enum GoTimeText {
    static let longDayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
    static let shortDayNames = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    static let longMonthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
    ]
    static let shortMonthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// Go's `Month.String()`, `%!Month(13)` outside 1–12.
    static func monthName(_ month: Int) -> String {
        (1...12).contains(month) ? longMonthNames[month - 1] : "%!Month(\(month))"
    }

    /// Go's `Weekday.String()`, `%!Weekday(7)` outside 0–6.
    static func weekdayName(_ weekday: Int) -> String {
        (0...6).contains(weekday) ? longDayNames[weekday] : "%!Weekday(\(weekday))"
    }

    /// Go's `appendInt`: decimal, the digits zero-padded to `width`, a minus sign before them.
    static func appendInt(_ value: Int, width: Int, to out: inout [UInt8]) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        let digits = Array(String(value.magnitude).utf8)
        if digits.count < width { out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: width - digits.count)) }
        out.append(contentsOf: digits)
    }

    /// The `time` package's own `quote` (not `strconv.Quote`): quotes and backslashes escaped,
    /// every byte of a non-ASCII or control character as `\xNN`.
    static func quote<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> String {
        var out: [UInt8] = [UInt8(ascii: "\"")]
        let hex = Array("0123456789abcdef".utf8)
        for byte in bytes {
            if byte >= 0x80 || byte < 0x20 {
                out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "x"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
            } else {
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { out.append(UInt8(ascii: "\\")) }
                out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
        return String(decoding: out, as: UTF8.self)
    }

    static func quote(_ text: String) -> String { quote(text.utf8) }
}
