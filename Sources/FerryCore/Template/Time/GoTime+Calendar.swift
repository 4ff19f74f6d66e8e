/// The proleptic Gregorian calendar of Go's `time` package: the fields of a time in its
/// location, and `time.Date`, which builds a time from (possibly out-of-range) fields.
extension GoTime {
    /// The year, month (1–12), day (1–31) and day of the year (1–366) in the time's location.
    var civil: (year: Int, month: Int, day: Int, yearDay: Int) {
        let (days, _) = localDaysAndSeconds
        let date = Self.civilFromDays(days)
        let yearDay = days - Int64(Timestamp.daysFromCivil(year: date.year, month: 1, day: 1)) + 1
        return (date.year, date.month, date.day, Int(yearDay))
    }

    /// The hour, minute and second in the time's location.
    var clock: (hour: Int, minute: Int, second: Int) {
        let seconds = Int(localDaysAndSeconds.seconds)
        return (seconds / 3600, seconds / 60 % 60, seconds % 60)
    }

    /// The day of the week, 0 for Sunday.
    var weekday: Int {
        // 1970-01-01 was a Thursday.
        let days = localDaysAndSeconds.days
        let weekday = (days + 4) % 7
        return Int(weekday < 0 ? weekday + 7 : weekday)
    }

    /// Days since 1970-01-01 and seconds into the day, in the time's location.
    private var localDaysAndSeconds: (days: Int64, seconds: Int64) {
        let local = unixSeconds &+ Int64(location.zone.offset)
        var days = local / 86_400
        var rest = local % 86_400
        if rest < 0 {
            rest += 86_400
            days -= 1
        }
        return (days, rest)
    }

    /// The civil date of the day `days` after 1970-01-01 (Howard Hinnant's `civil_from_days`).
    static func civilFromDays(_ days: Int64) -> (year: Int, month: Int, day: Int) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (Int(year), Int(month), Int(day))
    }

    /// Whether `year` has a February 29.
    static func isLeap(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    /// The number of days in `month` (1–12) of `year`.
    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Go's `norm`: `(high, low)` with `low` brought into `0..<base`, carrying into `high`.
    private static func normalize(_ high: Int, _ low: Int, base: Int) -> (Int, Int) {
        var (high, low) = (high, low)
        if low < 0 {
            let carry = (0 &- low &- 1) / base + 1
            high &-= carry
            low &+= carry &* base
        }
        if low >= base {
            let carry = low / base
            high &+= carry
            low &-= carry &* base
        }
        return (high, low)
    }

    /// Go's `time.Date`: the time with these fields in `location`. Fields outside their
    /// ranges carry over, as in Go: October 32 is November 1, minute 60 the next hour.
    static func date(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, nanosecond: Int, location: GoLocation) -> GoTime {
        var (year, monthIndex) = normalize(year, month - 1, base: 12)
        var (second, nanosecond) = normalize(second, nanosecond, base: 1_000_000_000)
        var minute = minute
        var hour = hour
        var day = day
        (minute, second) = normalize(minute, second, base: 60)
        (hour, minute) = normalize(hour, minute, base: 60)
        (day, hour) = normalize(day, hour, base: 24)
        year = max(min(year, Int(Int32.max) * 100), Int(Int32.min) * 100)
        let days = Int64(Timestamp.daysFromCivil(year: year, month: monthIndex + 1, day: 1)) &+ Int64(day) &- 1
        let unix = days &* 86_400 &+ Int64(hour * 3600 + minute * 60 + second) &- Int64(location.zone.offset)
        return GoTime(unixSeconds: unix, nanoseconds: Int64(nanosecond), location: location)
    }

    /// Go's `AddDate`: years, months and days added to the date, normalised as `date` does.
    public func addingDate(years: Int, months: Int, days: Int) -> GoTime {
        let date = civil
        let clock = self.clock
        return Self.date(
            year: date.year &+ years, month: date.month &+ months, day: date.day &+ days, hour: clock.hour, minute: clock.minute,
            second: clock.second, nanosecond: Int(nanosecond), location: location)
    }
}
