/// Something the setters want the user to know that does not stop the update: a file skipped because it is not
/// YAML, a marker without `$`, a marker naming a policy that was not given, and so on.
public struct SetterDiagnostic: Hashable, Sendable, CustomStringConvertible {
    /// How much it matters.
    public enum Severity: String, Hashable, Sendable {
        /// Probably a mistake in the manifests: a file skipped, a marker ignored or read differently from Flux.
        case warning
        /// For information: something was skipped on purpose.
        case note
    }

    /// A stable name for the kind of diagnostic, for filtering and for `-o json`.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String

        public init(rawValue: String) {
            self.rawValue = rawValue
        }

        public var description: String { rawValue }

        /// A file that passed the marker screen but is not valid YAML (a Helm template, say); it is skipped.
        public static let notYAML = Code(rawValue: "not-yaml")
        /// A file with a document whose top level is not a mapping; kyaml cannot read it, so it is skipped.
        public static let notAMapping = Code(rawValue: "not-a-mapping")
        /// `{"imagepolicy": …}` without the `$`: Flux ignores it; Ferry applies it.
        public static let markerWithoutDollar = Code(rawValue: "marker-without-dollar")
        /// A comment that mentions `"$imagepolicy"` but is not a JSON object of strings.
        public static let malformedMarker = Code(rawValue: "malformed-marker")
        /// A marker that is not attached to a scalar value (so Flux ignores it too).
        public static let detachedMarker = Code(rawValue: "detached-marker")
        /// A marker naming a policy that was not given.
        public static let unknownPolicy = Code(rawValue: "unknown-policy")
        /// A marker naming a known policy with a field other than `tag`, `name` or `digest`.
        public static let unknownField = Code(rawValue: "unknown-field")
        /// A marked value with an explicit tag other than `!!str`, which the new value may not satisfy.
        public static let explicitTag = Code(rawValue: "explicit-tag")
        /// A symbolic link that was not followed.
        public static let symbolicLink = Code(rawValue: "symbolic-link")
    }

    /// How much it matters.
    public var severity: Severity
    /// The kind of diagnostic.
    public var code: Code
    /// The file, relative to the update path.
    public var file: String
    /// 1-based line, when it concerns a place in the file.
    public var line: Int?
    /// 1-based column, when it concerns a place in the file.
    public var column: Int?
    /// A full sentence.
    public var message: String

    /// Creates a diagnostic.
    public init(_ severity: Severity, _ code: Code, file: String, line: Int? = nil, column: Int? = nil, message: String) {
        self.severity = severity
        self.code = code
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// `file:line:column: message` (the position as far as it is known).
    public var description: String {
        var place = file
        if let line {
            place += ":\(line)"
            if let column { place += ":\(column)" }
        }
        return "\(place): \(message)"
    }
}
