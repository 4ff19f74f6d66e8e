/// The ImageUpdateAutomation CRD.
extension ImageCRDs {
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
}
