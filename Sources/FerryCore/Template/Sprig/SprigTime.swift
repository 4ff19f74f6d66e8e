/// Go's `time` values as templates see them: a `time.Time` prints as Go prints it
/// (`2024-03-01 12:30:00 +0000 UTC`) and has Go's methods (`.Format`, `.Unix`, `.Year`,
/// `.Add`, `.Sub`, …); `.Sub` gives a `time.Duration` with its own methods; `.Month` and
/// `.Weekday` print their names; `.Location` prints the zone's name.
///
/// Methods that return several results (`Date`, `Clock`, `ISOWeek`, `Zone`, `ZoneBounds`) and
/// the byte-slice ones (`MarshalJSON`, `AppendFormat`, …) are not offered.
enum SprigTime {
    static let timeType = GoType.named("time.Time", underlying: nil)
    static let durationType = GoType.named("time.Duration", underlying: .integer(.int64))
    static let monthType = GoType.named("time.Month", underlying: .integer(.int))
    static let weekdayType = GoType.named("time.Weekday", underlying: .integer(.int))
    static let locationType = GoType.named("*time.Location", underlying: nil)

    private static func method(
        _ name: String, _ parameters: [GoType], _ result: GoType,
        _ body: @escaping @Sendable (FunctionCall) throws(TemplateFunctionError) -> TemplateValue
    ) -> TemplateFunction {
        TemplateFunction(name, FunctionSignature(parameters.map { .typed($0) }, result: result), body)
    }

    /// A method without parameters.
    private static func method(
        _ name: String, _ result: GoType, _ body: @escaping @Sendable (FunctionCall) throws(TemplateFunctionError) -> TemplateValue
    ) -> TemplateFunction {
        method(name, [], result, body)
    }

    private static func int(_ value: Int) -> TemplateValue { .int(Int64(value), .int) }

    /// The time argument at `index` (the signature guarantees the type).
    static func time(_ call: FunctionCall, _ index: Int) -> GoTime {
        if case .time(let time)? = call[index].native { return time }
        return .zero
    }

    /// The duration argument at `index` (the signature guarantees the type).
    static func duration(_ call: FunctionCall, _ index: Int) -> GoDuration {
        if case .duration(let duration)? = call[index].native { return duration }
        return .zero
    }

    /// A `time.Time`.
    static func value(_ time: GoTime) -> TemplateValue {
        let methods: [TemplateFunction] = [
            method("String", .string) { _ in .string(time.description) },
            method("GoString", .string) { _ in .string(time.goSyntax) },
            method("Format", [.string], .string) { call in .string(time.format(call.string(0))) },
            method("Unix", .int64) { _ in .int(time.unixSeconds, .int64) },
            method("UnixMilli", .int64) { _ in .int(time.unixSeconds &* 1000 &+ Int64(time.nanosecond) / 1_000_000, .int64) },
            method("UnixMicro", .int64) { _ in .int(time.unixSeconds &* 1_000_000 &+ Int64(time.nanosecond) / 1000, .int64) },
            method("UnixNano", .int64) { _ in .int(time.unixNanoseconds, .int64) },
            method("Year", .int) { _ in int(time.civil.year) },
            method("Month", monthType) { _ in value(month: time.civil.month) },
            method("Day", .int) { _ in int(time.civil.day) },
            method("YearDay", .int) { _ in int(time.civil.yearDay) },
            method("Weekday", weekdayType) { _ in value(weekday: time.weekday) },
            method("Hour", .int) { _ in int(time.clock.hour) },
            method("Minute", .int) { _ in int(time.clock.minute) },
            method("Second", .int) { _ in int(time.clock.second) },
            method("Nanosecond", .int) { _ in int(Int(time.nanosecond)) },
            method("IsZero", .bool) { _ in .bool(time.isZero) },
            method("IsDST", .bool) { _ in .bool(false) },
            method("UTC", timeType) { _ in value(time.in(.utc)) },
            method("Local", timeType) { _ in value(time.in(.local)) },
            method("In", [locationType], timeType) { call throws(TemplateFunctionError) in
                guard case .location(let location)? = call[0].native else { throw TemplateFunctionError("time: missing Location in call to Time.In") }
                return value(time.in(location))
            },
            method("Location", locationType) { _ in value(location: time.location) },
            method("Add", [durationType], timeType) { call in value(time.adding(duration(call, 0))) },
            method("AddDate", [.int, .int, .int], timeType) { call in
                value(time.addingDate(years: call.int(0), months: call.int(1), days: call.int(2)))
            },
            method("Sub", [timeType], durationType) { call in value(time.subtracting(self.time(call, 0))) },
            method("Before", [timeType], .bool) { call in .bool(time < self.time(call, 0)) },
            method("After", [timeType], .bool) { call in .bool(self.time(call, 0) < time) },
            method("Equal", [timeType], .bool) { call in .bool(time.isSameInstant(as: self.time(call, 0))) },
            method("Compare", [timeType], .int) { call in
                let other = self.time(call, 0)
                return int(time < other ? -1 : (other < time ? 1 : 0))
            },
            method("Round", [durationType], timeType) { call in value(time.rounded(to: duration(call, 0))) },
            method("Truncate", [durationType], timeType) { call in value(time.truncated(to: duration(call, 0))) },
        ]
        return .structure(TemplateStruct(type: timeType, fields: [], methods: methods, native: .time(time)))
    }

    /// A `time.Duration`, which prints as Go's `Duration.String()` (`1h30m0s`).
    static func value(_ duration: GoDuration) -> TemplateValue {
        let methods: [TemplateFunction] = [
            method("String", .string) { _ in .string(duration.description) },
            method("Nanoseconds", .int64) { _ in .int(duration.nanoseconds, .int64) },
            method("Microseconds", .int64) { _ in .int(duration.nanoseconds / 1000, .int64) },
            method("Milliseconds", .int64) { _ in .int(duration.nanoseconds / 1_000_000, .int64) },
            method("Seconds", .float64) { _ in .float(duration.goSeconds) },
            method("Minutes", .float64) { _ in .float(duration.minutes) },
            method("Hours", .float64) { _ in .float(duration.hours) },
            method("Round", [durationType], durationType) { call in value(duration.rounded(to: self.duration(call, 0))) },
            method("Truncate", [durationType], durationType) { call in value(duration.truncated(to: self.duration(call, 0))) },
            method("Abs", durationType) { _ in value(duration.magnitude) },
        ]
        return .structure(TemplateStruct(type: durationType, fields: [], methods: methods, native: .duration(duration)))
    }

    /// A `time.Month` (1 is January), which prints its English name.
    static func value(month: Int) -> TemplateValue {
        let name = GoTimeText.monthName(month)
        return .structure(
            TemplateStruct(type: monthType, fields: [], methods: [method("String", .string) { _ in .string(name) }], native: .month(month)))
    }

    /// A `time.Weekday` (0 is Sunday), which prints its English name.
    static func value(weekday: Int) -> TemplateValue {
        let name = GoTimeText.weekdayName(weekday)
        return .structure(
            TemplateStruct(type: weekdayType, fields: [], methods: [method("String", .string) { _ in .string(name) }], native: .weekday(weekday)))
    }

    /// A `*time.Location`, which prints its name.
    static func value(location: GoLocation) -> TemplateValue {
        let name = location.name
        return .structure(
            TemplateStruct(type: locationType, fields: [], methods: [method("String", .string) { _ in .string(name) }], native: .location(location)))
    }

    /// A value of a named integer type with `number` in it (a constant passed where Go
    /// expects a `time.Duration`, say); `nil` for other types.
    static func namedInteger(_ type: GoType, _ number: Int64) -> TemplateValue? {
        switch type {
        case durationType: return value(GoDuration(nanoseconds: number))
        case monthType: return value(month: Int(truncatingIfNeeded: number))
        case weekdayType: return value(weekday: Int(truncatingIfNeeded: number))
        default: return nil
        }
    }
}
