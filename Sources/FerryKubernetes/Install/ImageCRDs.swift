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

    /// `imagerepositories.image.toolkit.fluxcd.io`.
    public static var imageRepository: JSONValue {
        let spec = S.object(
            "ImageRepositorySpec defines the parameters for scanning an image repository, e.g., fluxcd/flux.",
            [
                (
                    "accessFrom",
                    S.object(
                        "AccessFrom defines an ACL for allowing cross-namespace references to the ImageRepository object based on the caller's "
                            + "namespace labels.",
                        [
                            (
                                "namespaceSelectors",
                                S.array(
                                    "NamespaceSelectors is the list of namespace selectors to which this ACL applies. Items in this list are "
                                        + "evaluated using a logical OR operation.",
                                    items: S.object(
                                        "NamespaceSelector selects the namespaces to which this ACL applies. An empty map of MatchLabels matches "
                                            + "all namespaces in a cluster.",
                                        [("matchLabels", S.map("MatchLabels is a map of {key,value} pairs.", values: ["type": "string"]))]))
                            )
                        ],
                        required: ["namespaceSelectors"])
                ),
                (
                    "certSecretRef",
                    S.localReference(
                        "CertSecretRef can be given the name of a Secret containing either or both of a PEM-encoded CA certificate (`ca.crt`) "
                            + "and a PEM-encoded client certificate and private key (`tls.crt`, `tls.key`)."
                    )
                ),
                (
                    "exclusionList",
                    S.array(
                        "ExclusionList is a list of regex strings used to exclude certain tags from being stored in the database.",
                        items: ["type": "string"], maxItems: 25, default: ["^.*\\.sig$"])
                ),
                ("image", S.string("Image is the name of the image repository")),
                ("insecure", S.boolean("Insecure allows connecting to a non-TLS HTTP container registry.")),
                (
                    "interval",
                    S.string(
                        "Interval is the length of time to wait between scans of the image repository.", pattern: S.durationPattern)
                ),
                (
                    "provider",
                    S.string(
                        "The provider used for authentication, can be 'aws', 'azure', 'gcp' or 'generic'. When not specified, defaults to 'generic'.",
                        enumValues: ["generic", "aws", "azure", "gcp"], default: "generic")
                ),
                (
                    "proxySecretRef",
                    S.localReference(
                        "ProxySecretRef specifies the Secret containing the proxy configuration to use while communicating with the container "
                            + "registry."
                    )
                ),
                (
                    "secretRef",
                    S.localReference(
                        "SecretRef can be given the name of a secret containing credentials to use for the image registry.")
                ),
                (
                    "serviceAccountName",
                    S.string(
                        "ServiceAccountName is the name of the Kubernetes ServiceAccount used to authenticate the image pull if the service "
                            + "account has attached pull secrets.",
                        maxLength: 253)
                ),
                (
                    "suspend",
                    S.boolean(
                        "This flag tells the controller to suspend subsequent image scans. It does not apply to already started scans. Defaults "
                            + "to false."
                    )
                ),
                (
                    "timeout",
                    S.string(
                        "Timeout for image scanning. Defaults to 'Interval' duration.", pattern: "^([0-9]+(\\.[0-9]+)?(ms|s|m))+$")
                ),
            ], required: ["image", "interval"])
        let status = S.object(
            "ImageRepositoryStatus defines the observed state of ImageRepository", default: ["observedGeneration": -1],
            [
                (
                    "canonicalImageName",
                    S.string(
                        "CanonicalName is the name of the image repository with all the implied bits made explicit; e.g., "
                            + "`docker.io/library/alpine` rather than `alpine`."
                    )
                ),
                ("conditions", S.conditions),
                (
                    "lastHandledReconcileAt",
                    S.string(
                        "LastHandledReconcileAt holds the value of the most recent reconcile request value, so a change of the annotation value "
                            + "can be detected."
                    )
                ),
                (
                    "lastScanResult",
                    S.object(
                        "LastScanResult contains the number of fetched tags.",
                        [
                            ("latestTags", S.array("LatestTags is a small sample of the tags found in the last scan.", items: ["type": "string"])),
                            ("revision", S.string("Revision is a stable hash of the scanned tags.")),
                            ("scanTime", S.string("ScanTime is the time when the last scan was performed.", format: "date-time")),
                            ("tagCount", S.integer("TagCount is the number of tags found in the last scan.", format: nil)),
                        ], required: ["tagCount"])
                ),
                (
                    "observedExclusionList",
                    S.array(
                        "ObservedExclusionList is a list of observed exclusion list. It reflects the exclusion rules used for the observed scan "
                            + "result in spec.lastScanResult.",
                        items: ["type": "string"])
                ),
                ("observedGeneration", S.integer("ObservedGeneration is the last reconciled generation.")),
            ])
        let columns =
            [
                S.column("Image", ".spec.image"), S.column("Tags", ".status.lastScanResult.tagCount"),
            ] + S.readyColumns + [S.column("Last scan", ".status.lastScanResult.scanTime", priority: 1), S.ageColumn]
        return crd(
            kind: "ImageRepository", plural: "imagerepositories", shortNames: ["imgrepo", "imagerepo"],
            description: "ImageRepository is the Schema for the imagerepositories API", spec: spec, status: status, columns: columns)
    }

    /// `imagepolicies.image.toolkit.fluxcd.io`.
    public static var imagePolicy: JSONValue {
        let order = S.object(
            "Order specifies the sorting order of the tags.",
            [
                (
                    "order",
                    S.string(
                        "Order specifies the sorting order of the tags. Given the letters of the alphabet as tags, ascending order would select "
                            + "Z, and descending order would select A.",
                        enumValues: ["asc", "desc"], default: "asc")
                )
            ])
        let imageRef = S.object(
            "ImageRef represents an image reference.",
            [
                ("digest", S.string("Digest is the image's digest.")),
                ("name", S.string("Name is the bare image's name.")),
                ("tag", S.string("Tag is the image's tag.")),
            ], required: ["name", "tag"])
        let spec = S.object(
            "ImagePolicySpec defines the parameters for calculating the ImagePolicy.",
            [
                (
                    "digestReflectionPolicy",
                    S.string(
                        "DigestReflectionPolicy governs the setting of the .status.latestRef.digest field.",
                        enumValues: ["Always", "IfNotPresent", "Never"], default: "Never")
                ),
                (
                    "filterTags",
                    S.object(
                        "FilterTags enables filtering for only a subset of tags based on a set of rules. If no rules are provided, all the tags "
                            + "from the repository will be ordered and compared.",
                        [
                            (
                                "extract",
                                S.string(
                                    "Extract allows a capture group to be extracted from the specified regular expression pattern, useful before "
                                        + "tag evaluation."
                                )
                            ),
                            ("pattern", S.string("Pattern specifies a regular expression pattern used to filter for image tags.")),
                        ])
                ),
                (
                    "imageRepositoryRef",
                    S.object(
                        "ImageRepositoryRef points at the object specifying the image being scanned",
                        [
                            ("name", S.string("Name of the referent.")),
                            ("namespace", S.string("Namespace of the referent, when not specified it acts as LocalObjectReference.")),
                        ], required: ["name"])
                ),
                (
                    "interval",
                    S.string(
                        "Interval is the length of time to wait between refreshing the digest of the latest tag when the reflection policy is "
                            + "set to \"Always\".",
                        pattern: S.durationPattern)
                ),
                (
                    "policy",
                    S.object(
                        "Policy gives the particulars of the policy to be followed in selecting the most recent image",
                        [
                            ("alphabetical", order),
                            ("numerical", order),
                            (
                                "semver",
                                S.object(
                                    "SemVer gives a semantic version range to check against the tags available.",
                                    [
                                        (
                                            "range",
                                            S.string(
                                                "Range gives a semver range for the image tag; the highest version within the range that's a tag "
                                                    + "yields the latest image."
                                            )
                                        )
                                    ],
                                    required: ["range"])
                            ),
                        ])
                ),
                (
                    "suspend",
                    S.boolean(
                        "This flag tells the controller to suspend subsequent policy reconciliations. It does not apply to already started "
                            + "reconciliations. Defaults to false."
                    )
                ),
            ], required: ["imageRepositoryRef", "policy"],
            validations: [
                (
                    "!has(self.interval) || (has(self.digestReflectionPolicy) && self.digestReflectionPolicy == 'Always')",
                    "spec.interval is only accepted when spec.digestReflectionPolicy is set to 'Always'"
                ),
                (
                    "has(self.interval) || !has(self.digestReflectionPolicy) || self.digestReflectionPolicy != 'Always'",
                    "spec.interval must be set when spec.digestReflectionPolicy is set to 'Always'"
                ),
            ])
        let status = S.object(
            "ImagePolicyStatus defines the observed state of ImagePolicy", default: ["observedGeneration": -1],
            [
                ("conditions", S.conditions),
                (
                    "lastHandledReconcileAt",
                    S.string(
                        "LastHandledReconcileAt holds the value of the most recent reconcile request value, so a change of the annotation value "
                            + "can be detected."
                    )
                ),
                (
                    "latestRef",
                    imageRef.setting(
                        "description",
                        to: .string(
                            "LatestRef gives the first in the list of images scanned by the image repository, when filtered and ordered "
                                + "according to the policy.")
                    )
                ),
                ("observedGeneration", S.integer("ObservedGeneration is the last reconciled generation.")),
                (
                    "observedPreviousRef",
                    imageRef.setting(
                        "description",
                        to: "ObservedPreviousRef is the observed previous LatestRef. It is used to keep track of the previous and current images.")
                ),
            ])
        let columns = [S.column("Image", ".status.latestRef.name"), S.column("Tag", ".status.latestRef.tag")] + S.readyColumns + [S.ageColumn]
        return crd(
            kind: "ImagePolicy", plural: "imagepolicies", shortNames: ["imgpol", "imagepol"],
            description: "ImagePolicy is the Schema for the imagepolicies API", spec: spec, status: status, columns: columns)
    }

    /// `imageupdateautomations.image.toolkit.fluxcd.io`.
    public static var imageUpdateAutomation: JSONValue {
        let gitRef = S.object(
            "Reference gives a branch, tag or commit to clone from the Git repository.",
            [
                ("branch", S.string("Branch to check out, defaults to 'master' if no other field is defined.")),
                ("commit", S.string("Commit SHA to check out, takes precedence over all reference fields.")),
                ("name", S.string("Name of the reference to check out; takes precedence over Branch, Tag and SemVer.")),
                ("semver", S.string("SemVer tag expression to check out, takes precedence over Tag.")),
                ("tag", S.string("Tag to check out, takes precedence over Branch.")),
            ])
        let git = S.object(
            "GitSpec contains all the git-specific definitions. This is technically optional, but in practice mandatory until there are other "
                + "kinds of source allowed.",
            [
                (
                    "checkout",
                    S.object(
                        "Checkout gives the parameters for cloning the git repository, ready to make changes. If not present, the `spec.ref` "
                            + "field from the referenced `GitRepository` or its default will be used.",
                        [("ref", gitRef)], required: ["ref"])
                ),
                (
                    "commit",
                    S.object(
                        "Commit specifies how to commit to the git repository.",
                        [
                            (
                                "author",
                                S.object(
                                    "Author gives the email and optionally the name to use as the author of commits.",
                                    [
                                        ("email", S.string("Email gives the email to provide when making a commit.")),
                                        ("name", S.string("Name gives the name to provide when making a commit.")),
                                    ],
                                    required: ["email"])
                            ),
                            (
                                "messageTemplate",
                                S.string(
                                    "MessageTemplate provides a template for the commit message, into which will be interpolated the details of "
                                        + "the change made."
                                )
                            ),
                            (
                                "messageTemplateValues",
                                S.map(
                                    "MessageTemplateValues provides additional values to be available to the templating rendering.",
                                    values: ["type": "string"])
                            ),
                            (
                                "signingKey",
                                S.object(
                                    "SigningKey provides the option to sign commits with a GPG or SSH key.",
                                    [
                                        (
                                            "secretRef",
                                            S.localReference(
                                                "SecretRef holds the name to a secret that contains a 'git.asc' key corresponding to the ASCII "
                                                    + "Armored file containing the GPG signing keypair as the value, or an 'identity' key with "
                                                        + "an OpenSSH private key."
                                            )
                                        ),
                                        ("type", S.string("Type of the signing key.", enumValues: ["gpg", "ssh"])),
                                    ], required: ["secretRef"])
                            ),
                        ], required: ["author"])
                ),
                (
                    "push",
                    S.object(
                        "Push specifies how and where to push commits made by the automation. If missing, commits are pushed (back) to "
                            + "`.spec.checkout.branch` or its default.",
                        [
                            (
                                "branch",
                                S.string(
                                    "Branch specifies that commits should be pushed to the branch named. The branch is created using "
                                        + "`.spec.checkout.branch` as the starting point, if it doesn't already exist."
                                )
                            ),
                            (
                                "options",
                                S.map(
                                    "Options specifies the push options that are sent to the Git server when performing a push operation.",
                                    values: ["type": "string"])
                            ),
                            (
                                "refspec",
                                S.string(
                                    "Refspec specifies the Git Refspec to use for a push operation. If both Branch and Refspec are provided, "
                                        + "then the commit is pushed to the branch and also using the specified refspec."
                                )
                            ),
                        ])
                ),
            ], required: ["commit"])
        let imageRef = S.object(
            "ImageRef represents an image reference.",
            [
                ("digest", S.string("Digest is the image's digest.")), ("name", S.string("Name is the bare image's name.")),
                ("tag", S.string("Tag is the image's tag.")),
            ],
            required: ["name", "tag"])
        let spec = S.object(
            "ImageUpdateAutomationSpec defines the desired state of ImageUpdateAutomation",
            [
                ("git", git),
                (
                    "interval",
                    S.string("Interval gives an lower bound for how often the automation run should be attempted.", pattern: S.durationPattern)
                ),
                ("policySelector", labelSelector),
                (
                    "sourceRef",
                    S.object(
                        "SourceRef refers to the resource giving access details to a git repository.",
                        [
                            ("apiVersion", S.string("API version of the referent.")),
                            ("kind", S.string("Kind of the referent.", enumValues: ["GitRepository"], default: "GitRepository")),
                            ("name", S.string("Name of the referent.")),
                            (
                                "namespace",
                                S.string(
                                    "Namespace of the referent, defaults to the namespace of the Kubernetes resource object that contains the "
                                        + "reference."
                                )
                            ),
                        ], required: ["kind", "name"])
                ),
                (
                    "suspend",
                    S.boolean("Suspend tells the controller to not run this automation, until it is unset (or set to false). Defaults to false.")
                ),
                (
                    "update",
                    S.object(
                        "Update gives the specification for how to update the files in the repository. This can be left empty, to use the "
                            + "default value.",
                        default: ["strategy": "Setters"],
                        [
                            (
                                "path",
                                S.string(
                                    "Path to the directory containing the manifests to be updated. Defaults to 'None', which translates to the "
                                        + "root path of the GitRepositoryRef."
                                )
                            ),
                            ("strategy", S.string("Strategy names the strategy to be used.", enumValues: ["Setters"], default: "Setters")),
                        ], required: ["strategy"])
                ),
            ], required: ["interval", "sourceRef"])
        let status = S.object(
            "ImageUpdateAutomationStatus defines the observed state of ImageUpdateAutomation", default: ["observedGeneration": -1],
            [
                ("conditions", S.conditions),
                (
                    "lastAutomationRunTime",
                    S.string(
                        "LastAutomationRunTime records the last time the controller ran this automation through to completion (even if no "
                            + "updates were made).",
                        format: "date-time")
                ),
                (
                    "lastHandledReconcileAt",
                    S.string(
                        "LastHandledReconcileAt holds the value of the most recent reconcile request value, so a change of the annotation value "
                            + "can be detected."
                    )
                ),
                ("lastPushCommit", S.string("LastPushCommit records the SHA1 of the last commit made by the controller, for this automation object")),
                ("lastPushTime", S.string("LastPushTime records the time of the last pushed change.", format: "date-time")),
                ("observedGeneration", S.integer("ObservedGeneration is the last reconciled generation.")),
                (
                    "observedPolicies",
                    S.map(
                        "ObservedPolicies is the list of observed ImagePolicies that were considered by the ImageUpdateAutomation update process.",
                        values: imageRef)
                ),
                (
                    "observedSourceRevision",
                    S.string(
                        "ObservedSourceRevision is the last observed source revision. This can be used to determine if the source has been "
                            + "updated since last observation."
                    )
                ),
            ])
        let columns = S.readyColumns + [S.column("Last run", ".status.lastAutomationRunTime", priority: 1), S.ageColumn]
        return crd(
            kind: "ImageUpdateAutomation", plural: "imageupdateautomations", shortNames: ["iua", "imgupd", "imgauto"],
            description: "ImageUpdateAutomation is the Schema for the imageupdateautomations API", spec: spec, status: status, columns: columns,
            annotations: ["kustomize.toolkit.fluxcd.io/substitute": "disabled"])
    }

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
