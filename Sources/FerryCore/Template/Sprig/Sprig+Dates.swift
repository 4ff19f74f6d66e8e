extension Sprig {
    /// Sprig's date and duration functions that `HermeticTxtFuncMap` keeps: `toDate`,
    /// `mustToDate`, `unixEpoch`, `duration`, `durationRound`, `ago`, `mustDateModify` (and
    /// `must_date_modify`). Dates parse in the local zone, which is UTC as in Flux's
    /// controller; `ago` and `durationRound` of a time measure from ``TemplateLimits/now``.
    static let dates: [TemplateFunction] = {
        let mustDateModify = function("mustDateModify", [.string, SprigTime.timeType], result: SprigTime.timeType) {
            call throws(TemplateFunctionError) in
            do throws(GoDurationError) {
                return SprigTime.value(SprigTime.time(call, 1).adding(try GoDuration(parsing: call.string(0))))
            } catch {
                throw TemplateFunctionError(error.description)
            }
        }
        return [
            function("toDate", [.string, .string], result: SprigTime.timeType) { call in
                SprigTime.value((try? GoTime(parsing: call.string(1), layout: call.string(0))) ?? .zero)
            },
            function("mustToDate", [.string, .string], result: SprigTime.timeType) { call throws(TemplateFunctionError) in
                do throws(GoTimeParseError) {
                    return SprigTime.value(try GoTime(parsing: call.string(1), layout: call.string(0)))
                } catch {
                    throw TemplateFunctionError(error.description)
                }
            },
            function("unixEpoch", [SprigTime.timeType], result: .string) { call in .string(String(SprigTime.time(call, 0).unixSeconds)) },
            function("duration", [.interface], result: .string) { call in
                // Seconds from a string (strconv.ParseInt) or an int64; any other type is 0.
                let seconds: Int64
                switch call[0] {
                case .string(let text): seconds = parseInt64(text)
                case .int(let value, .int64): seconds = value
                default: seconds = 0
                }
                return .string(GoDuration(nanoseconds: seconds &* 1_000_000_000).description)
            },
            function("durationRound", [.interface], result: .string) { call throws(TemplateFunctionError) in
                let duration: GoDuration
                switch call[0] {
                case .string(let text): duration = (try? GoDuration(parsing: text)) ?? .zero
                case .int(let value, .int64): duration = GoDuration(nanoseconds: value)
                case let value:
                    if case .time(let time)? = value.native {
                        duration = try now(call, "durationRound").subtracting(time)
                    } else {
                        duration = .zero
                    }
                }
                return .string(roundedDuration(duration))
            },
            function("ago", [.interface], result: .string) { call throws(TemplateFunctionError) in
                let time: GoTime
                switch call[0] {
                case .int(let seconds, .int64), .int(let seconds, .int): time = GoTime(unixSeconds: seconds)
                case let value:
                    guard case .time(let given)? = value.native else {
                        // Go measures from time.Now() itself: no time has passed.
                        return .string("0s")
                    }
                    time = given
                }
                return .string(try now(call, "ago").subtracting(time).rounded(to: .seconds(1)).description)
            },
            mustDateModify,
            alias("must_date_modify", of: mustDateModify),
        ]
    }()

    /// The rendering's current time, or an error naming the function that needs it.
    private static func now(_ call: FunctionCall, _ name: String) throws(TemplateFunctionError) -> GoTime {
        guard let now = call.limits.now else {
            throw TemplateFunctionError("\(name) measures from the current time, and this rendering was given none (TemplateLimits.now)")
        }
        return GoTime(now)
    }

    /// Go's `strconv.ParseInt(text, 10, 64)` as Sprig's `duration` uses it: a syntax error
    /// gives 0, a value out of range the nearest bound.
    private static func parseInt64(_ text: String) -> Int64 {
        var digits = Substring(text)
        var negative = false
        if let sign = digits.first, sign == "+" || sign == "-" {
            negative = sign == "-"
            digits = digits.dropFirst()
        }
        guard !digits.isEmpty, digits.utf8.allSatisfy(\.isASCIIDigit) else { return 0 }
        var magnitude: UInt64 = 0
        for byte in digits.utf8 {
            let (times, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times.addingReportingOverflow(UInt64(byte - UInt8(ascii: "0")))
            if overflow1 || overflow2 { return negative ? .min : .max }
            magnitude = sum
        }
        if negative { return magnitude > UInt64(Int64.max) ? .min : -Int64(magnitude) }
        return magnitude > UInt64(Int64.max) ? .max : Int64(magnitude)
    }

    /// Sprig's `durationRound`: the magnitude in its largest whole unit, `y`, `mo` (30 days),
    /// `d`, `h`, `m` or `s`, when the duration exceeds that unit; `0s` below a second.
    private static func roundedDuration(_ duration: GoDuration) -> String {
        let magnitude = duration.nanoseconds.magnitude
        let hour: UInt64 = 3_600_000_000_000
        let units: [(UInt64, String)] = [
            (hour * 24 * 365, "y"), (hour * 24 * 30, "mo"), (hour * 24, "d"), (hour, "h"), (60_000_000_000, "m"), (1_000_000_000, "s"),
        ]
        for (unit, suffix) in units where magnitude > unit { return String(magnitude / unit) + suffix }
        return "0s"
    }
}
