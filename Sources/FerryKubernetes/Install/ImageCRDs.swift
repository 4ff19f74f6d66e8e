public import FerryCore

/// The CustomResourceDefinitions of the three image kinds, generated from this description
/// (not copied from Flux): `image.toolkit.fluxcd.io`, v1 stored and served, v1beta2 served
/// (deprecated) with the same schema; status subresource, defaults, validations and printer
/// columns as Flux's (flux-spec C-01, IR-17, IP-13, UA-20, UA-21).
public enum ImageCRDs {
    /// The API group.
    public static let group = "image.toolkit.fluxcd.io"

    /// All three CRDs, in the order `ferry install` applies them.
    public static var all: [JSONValue] { [imageRepository, imagePolicy, imageUpdateAutomation] }

    /// The CRD resource.
    public static let resource = APIResourceKind(
        group: "apiextensions.k8s.io", version: "v1", kind: "CustomResourceDefinition", plural: "customresourcedefinitions", namespaced: false)

    typealias S = OpenAPISchema

    static let labelSelector: JSONValue = S.object(
        "PolicySelector allows to filter applied policies based on labels. By default includes all policies in namespace.",
        [
            (
                "matchExpressions",
                S.array(
                    "matchExpressions is a list of label selector requirements. The requirements are ANDed.",
                    items: S.object(
                        "A label selector requirement is a selector that contains values, a key, and an operator that relates the key and values.",
                        [
                            ("key", S.string("key is the label key that the selector applies to.")),
                            (
                                "operator",
                                S.string(
                                    "operator represents a key's relationship to a set of values. Valid operators are In, NotIn, Exists and "
                                        + "DoesNotExist."
                                )
                            ),
                            (
                                "values",
                                .object([
                                    ("description", "values is an array of string values."), ("items", ["type": "string"]), ("type", "array"),
                                    ("x-kubernetes-list-type", "atomic"),
                                ])
                            ),
                        ], required: ["key", "operator"])
                )
                .setting("x-kubernetes-list-type", to: "atomic")
            ),
            ("matchLabels", S.map("matchLabels is a map of {key,value} pairs.", values: ["type": "string"])),
        ]
    )
    .setting("x-kubernetes-map-type", to: "atomic")

    static func crd(
        kind: String, plural: String, shortNames: [String], description: String, spec: JSONValue, status: JSONValue, columns: [JSONValue],
        annotations: [String: String] = [:]
    ) -> JSONValue {
        let schema = S.object(
            description,
            [
                ("apiVersion", S.string("APIVersion defines the versioned schema of this representation of an object.")),
                ("kind", S.string("Kind is a string value representing the REST resource this object represents.")),
                ("metadata", ["type": "object"]),
                ("spec", spec),
                ("status", status),
            ])
        func version(_ name: String, storage: Bool) -> JSONValue {
            var members: [(String, JSONValue)] = [("additionalPrinterColumns", .array(columns))]
            if !storage {
                members.append(("deprecated", true))
                members.append(("deprecationWarning", .string("\(group)/\(name) \(kind) is deprecated, upgrade to v1")))
            }
            members += [
                ("name", .string(name)), ("schema", ["openAPIV3Schema": schema]), ("served", true), ("storage", .bool(storage)),
                ("subresources", ["status": [:]]),
            ]
            return .object(members)
        }
        var metadata: [(String, JSONValue)] = []
        var allAnnotations = annotations
        allAnnotations["app.kubernetes.io/managed-by"] = nil
        if !allAnnotations.isEmpty {
            metadata.append(("annotations", .object(allAnnotations.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })))
        }
        metadata.append(("labels", ["app.kubernetes.io/component": "ferry-controller", "app.kubernetes.io/part-of": "ferry"]))
        metadata.append(("name", .string("\(plural).\(group)")))
        return .object([
            ("apiVersion", "apiextensions.k8s.io/v1"), ("kind", "CustomResourceDefinition"), ("metadata", .object(metadata)),
            (
                "spec",
                .object([
                    ("group", .string(group)),
                    (
                        "names",
                        .object([
                            ("categories", ["all", "fluxcd", "fluxcd-images"]), ("kind", .string(kind)), ("listKind", .string(kind + "List")),
                            ("plural", .string(plural)), ("shortNames", .array(shortNames.map { .string($0) })),
                            ("singular", .string(kind.lowercased())),
                        ])
                    ),
                    ("scope", "Namespaced"),
                    ("versions", [version("v1", storage: true), version("v1beta2", storage: false)]),
                ])
            ),
        ])
    }
}
