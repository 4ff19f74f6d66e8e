/// The ImagePolicy CRD.
extension ImageCRDs {
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
}
