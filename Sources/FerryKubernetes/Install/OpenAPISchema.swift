/// Builders for the OpenAPI v3 schemas of Ferry's CRDs: each returns the JSON of one
/// schema node, keys in a fixed order, so generated manifests are stable.
enum OpenAPISchema {
    /// `type: object` with `properties` (in the given order) and `required`.
    static func object(
        _ description: String, default value: JSONValue? = nil, _ properties: [(String, JSONValue)], required: [String] = [],
        validations: [(rule: String, message: String)] = []
    ) -> JSONValue {
        var members: [(String, JSONValue)] = [("description", .string(description))]
        if let value { members.append(("default", value)) }
        members.append(("properties", .object(properties)))
        if !required.isEmpty { members.append(("required", .array(required.map { .string($0) }))) }
        members.append(("type", "object"))
        if !validations.isEmpty {
            members.append(("x-kubernetes-validations", .array(validations.map { ["message": .string($0.message), "rule": .string($0.rule)] })))
        }
        return .object(members)
    }

    /// `type: string` with optional constraints.
    static func string(
        _ description: String, pattern: String? = nil, enumValues: [String]? = nil, default value: String? = nil, minLength: Int? = nil,
        maxLength: Int? = nil, format: String? = nil
    ) -> JSONValue {
        var members: [(String, JSONValue)] = [("description", .string(description))]
        if let value { members.append(("default", .string(value))) }
        if let enumValues { members.append(("enum", .array(enumValues.map { .string($0) }))) }
        if let format { members.append(("format", .string(format))) }
        if let maxLength { members.append(("maxLength", .integer(Int64(maxLength)))) }
        if let minLength { members.append(("minLength", .integer(Int64(minLength)))) }
        if let pattern { members.append(("pattern", .string(pattern))) }
        members.append(("type", "string"))
        return .object(members)
    }

    /// `type: boolean`.
    static func boolean(_ description: String) -> JSONValue {
        ["description": .string(description), "type": "boolean"]
    }

    /// `type: integer`.
    static func integer(_ description: String, format: String? = "int64", minimum: Int? = nil) -> JSONValue {
        var members: [(String, JSONValue)] = [("description", .string(description))]
        if let format { members.append(("format", .string(format))) }
        if let minimum { members.append(("minimum", .integer(Int64(minimum)))) }
        members.append(("type", "integer"))
        return .object(members)
    }

    /// `type: array` of `items`.
    static func array(_ description: String, items: JSONValue, maxItems: Int? = nil, default value: JSONValue? = nil) -> JSONValue {
        var members: [(String, JSONValue)] = [("description", .string(description))]
        if let value { members.append(("default", value)) }
        members.append(("items", items))
        if let maxItems { members.append(("maxItems", .integer(Int64(maxItems)))) }
        members.append(("type", "array"))
        return .object(members)
    }

    /// A map: `type: object` with `additionalProperties`.
    static func map(_ description: String, values: JSONValue) -> JSONValue {
        ["additionalProperties": values, "description": .string(description), "type": "object"]
    }

    /// `{name}` referring to an object in the same namespace.
    static func localReference(_ description: String) -> JSONValue {
        object(description, [("name", string("Name of the referent."))], required: ["name"])
    }

    /// The duration pattern of Flux's CRDs (flux-spec C-08).
    static let durationPattern = "^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$"

    /// `metav1.Condition`, as every Flux status has it.
    static let condition: JSONValue = object(
        "Condition contains details for one aspect of the current state of this API Resource.",
        [
            (
                "lastTransitionTime",
                string("lastTransitionTime is the last time the condition transitioned from one status to another.", format: "date-time")
            ),
            ("message", string("message is a human readable message indicating details about the transition.", maxLength: 32768)),
            (
                "observedGeneration",
                integer("observedGeneration represents the .metadata.generation that the condition was set based upon.", minimum: 0)
            ),
            (
                "reason",
                string(
                    "reason contains a programmatic identifier indicating the reason for the condition's last transition.",
                    pattern: "^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$", minLength: 1, maxLength: 1024)
            ),
            ("status", string("status of the condition, one of True, False, Unknown.", enumValues: ["True", "False", "Unknown"])),
            (
                "type",
                string(
                    "type of condition in CamelCase or in foo.example.com/CamelCase.",
                    pattern: "^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$",
                    maxLength: 316)
            ),
        ], required: ["lastTransitionTime", "message", "reason", "status", "type"])

    /// `status.conditions`.
    static let conditions: JSONValue = array("Conditions holds the conditions for the object.", items: condition)

    /// The status fields every Flux kind has.
    static func commonStatus() -> [(String, JSONValue)] {
        [
            ("conditions", conditions),
            (
                "lastHandledReconcileAt",
                string(
                    "LastHandledReconcileAt holds the value of the most recent reconcile request value, so a change of the annotation value can "
                        + "be detected."
                )
            ),
            ("observedGeneration", integer("ObservedGeneration is the last reconciled generation.")),
        ]
    }

    /// A printer column.
    static func column(_ name: String, _ path: String, type: String = "string", priority: Int? = nil) -> JSONValue {
        var members: [(String, JSONValue)] = [("jsonPath", .string(path)), ("name", .string(name))]
        if let priority { members.append(("priority", .integer(Int64(priority)))) }
        members.append(("type", .string(type)))
        return .object(members)
    }

    static let readyColumns: [JSONValue] = [
        column("Ready", ".status.conditions[?(@.type==\"Ready\")].status"),
        column("Status", ".status.conditions[?(@.type==\"Ready\")].message"),
    ]
    static let ageColumn = column("Age", ".metadata.creationTimestamp", type: "date")
}
