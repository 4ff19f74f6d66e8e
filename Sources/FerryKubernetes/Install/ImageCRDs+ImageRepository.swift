/// The ImageRepository CRD.
extension ImageCRDs {
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
}
