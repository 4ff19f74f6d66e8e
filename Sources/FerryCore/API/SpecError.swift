/// A field of an object's spec that Flux's CRD (or its controller) would refuse.
public struct SpecError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The field's path, e.g. `spec.interval`.
    public let field: String
    /// The offending value as written (empty when the field is missing).
    public let value: String
    /// What is wrong, as a phrase.
    public let problem: String

    /// Creates an error for `field`.
    public init(field: String, value: String, problem: String) {
        self.field = field
        self.value = value
        self.problem = problem
    }

    /// A required field that is missing.
    static func required(_ field: String) -> SpecError {
        SpecError(field: field, value: "", problem: "is required")
    }

    /// `spec.interval: invalid value "5 minutes": time: invalid duration "5 minutes"`.
    public var description: String {
        value.isEmpty ? "\(field) \(problem)" : "\(field): invalid value \"\(value)\": \(problem)"
    }
}

/// Checks shared by the object kinds.
enum SpecChecks {
    /// Go durations as the CRDs accept them: `^([0-9]+(\.[0-9]+)?(ms|s|m|h))+$`, or without
    /// `h` when `hours` is false.
    static func duration(_ value: GoDuration?, text: String?, field: String, hours: Bool = true, into errors: inout [SpecError]) {
        guard let value else { return }
        let written = text ?? value.description
        if value.nanoseconds < 0 {
            errors.append(SpecError(field: field, value: written, problem: "must not be negative"))
        }
        if !hours, value.nanoseconds >= 3_600_000_000_000 || written.contains("h") {
            errors.append(SpecError(field: field, value: written, problem: "must be given in ms, s or m (the CRD pattern has no h)"))
        }
    }

    /// `value` must be one of `allowed`.
    static func oneOf(_ value: String?, _ allowed: [String], field: String, into errors: inout [SpecError]) {
        guard let value, !allowed.contains(value) else { return }
        errors.append(SpecError(field: field, value: value, problem: "must be one of \(allowed.joined(separator: ", "))"))
    }

    /// A name of at most `limit` characters.
    static func length(_ value: String?, atMost limit: Int, field: String, into errors: inout [SpecError]) {
        guard let value, value.count > limit else { return }
        errors.append(SpecError(field: field, value: value, problem: "must be at most \(limit) characters"))
    }
}
