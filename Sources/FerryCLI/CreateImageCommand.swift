import ArgumentParser
import FerryCore
import FerryManifests

/// `ferry create image …`: the manifests `flux create image … --export` prints (CLI-02…04).
struct CreateImageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "image",
        abstract: "Generate ImageRepository, ImagePolicy and ImageUpdateAutomation manifests.",
        subcommands: [CreateImageRepositoryCommand.self, CreateImagePolicyCommand.self, CreateImageUpdateCommand.self]
    )

    /// A Go duration flag, or the failure naming it.
    static func duration(_ text: String, flag: String) throws(CommandFailure) -> GoDuration {
        do {
            return try GoDuration(parsing: text)
        } catch {
            throw CommandFailure(.invalidInput, "invalid argument \"\(text)\" for \"\(flag)\" flag: \(error.description)")
        }
    }

    /// Prints an object as `flux create … --export` does, after the CRD's checks.
    static func export<Object: APIObject>(_ object: Object, errors: [SpecError]) throws(CommandFailure) {
        if let error = errors.first { throw CommandFailure(.invalidInput, "\(Object.resource.kind) '\(object.metadata.name)': \(error.description)") }
        do {
            Console.current.writeOutput(try ManifestYAML.export(object).exportText)
        } catch {
            throw CommandFailure(.failure, error.description)
        }
    }
}

/// `ferry create image repository NAME`.
struct CreateImageRepositoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repository", abstract: "Generate an ImageRepository (image.toolkit.fluxcd.io/v1).",
        discussion: """
            Prints the manifest exactly as `flux create image repository --export` does.

            Examples:
              ferry create image repository podinfo --image ghcr.io/stefanprodan/podinfo --interval 1m --export
              ferry create image repository private --image registry.example.com/app --secret-ref regcred \\
                  --cert-ref registry-ca --scan-timeout 2m --export
            """)

    @Argument(help: "The ImageRepository's name.")
    var name: String

    @Option(help: "The image repository to scan, e.g. ghcr.io/stefanprodan/podinfo.")
    var image: String?

    @Option(name: .customLong("secret-ref"), help: "The Secret with the registry credentials (docker config JSON).")
    var secretRef: String?

    @Option(name: .customLong("cert-ref"), help: "The Secret with the registry's CA certificate and client certificate.")
    var certRef: String?

    @Option(name: .customLong("scan-timeout"), help: ArgumentHelp("The timeout of a scan (spec.timeout).", valueName: "duration"))
    var scanTimeout: String?

    @Option(help: ArgumentHelp("How often to scan.", valueName: "duration"))
    var interval = "1m"

    @OptionGroup var create: CreateOptions

    func run() throws {
        guard let image, !image.isEmpty else { throw CommandFailure(.invalidInput, "--image: an image repository (--image) is required") }
        do {
            _ = try ImageRepositoryName(parsing: image)
        } catch {
            throw CommandFailure(.invalidInput, "--image: unable to parse image value: \(error.description)")
        }
        let labels = try create.parsedLabels()
        var spec = ImageRepository.Spec(image: image, interval: try CreateImageCommand.duration(interval, flag: "--interval"))
        if let scanTimeout { spec.timeout = try CreateImageCommand.duration(scanTimeout, flag: "--scan-timeout") }
        if let secretRef, !secretRef.isEmpty { spec.secretRef = LocalObjectReference(name: secretRef) }
        if let certRef, !certRef.isEmpty { spec.certSecretRef = LocalObjectReference(name: certRef) }
        try create.requireExport("ImageRepository")
        let repository = ImageRepository(metadata: ObjectMeta(name: name, namespace: create.namespace, labels: labels), spec: spec)
        try CreateImageCommand.export(repository, errors: repository.validationErrors())
    }
}

/// `ferry create image policy NAME`.
struct CreateImagePolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy", abstract: "Generate an ImagePolicy (image.toolkit.fluxcd.io/v1).",
        discussion: """
            Prints the manifest exactly as `flux create image policy --export` does, with flux's checks \
            (one of --select-semver, --select-alpha, --select-numeric; --filter-extract needs \
            --filter-regex and may only name its groups; --interval only with --reflect-digest Always).

            Examples:
              ferry create image policy podinfo --image-ref podinfo --select-semver '>=1.0.0' --export
              ferry create image policy app --image-ref app --select-numeric asc \\
                  --filter-regex '^main-[a-f0-9]+-(?P<ts>[0-9]+)' --filter-extract '$ts' --export
            """)

    @Argument(help: "The ImagePolicy's name.")
    var name: String

    @Option(name: .customLong("image-ref"), help: "The ImageRepository (in the same namespace) whose tags to select from.")
    var imageRef: String?

    @Option(name: .customLong("select-semver"), help: ArgumentHelp("Select the highest version in this semver range.", valueName: "range"))
    var semver: String?

    @Option(name: .customLong("select-alpha"), help: ArgumentHelp("Select the last tag in alphabetical order: asc or desc.", valueName: "order"))
    var alpha: String?

    @Option(name: .customLong("select-numeric"), help: ArgumentHelp("Select the last tag in numerical order: asc or desc.", valueName: "order"))
    var numeric: String?

    @Option(name: .customLong("filter-regex"), help: ArgumentHelp("Only tags matching this regular expression.", valueName: "regex"))
    var filterRegex: String?

    @Option(name: .customLong("filter-extract"), help: ArgumentHelp("What of a matching tag to order by, e.g. $ts.", valueName: "template"))
    var filterExtract: String?

    @Option(name: .customLong("reflect-digest"), help: ArgumentHelp("Never, IfNotPresent or Always.", valueName: "policy"))
    var reflectDigest: String?

    @Option(help: ArgumentHelp("How often to check the digest (only with --reflect-digest Always).", valueName: "duration"))
    var interval: String?

    @OptionGroup var create: CreateOptions

    func run() throws {
        guard let imageRef, !imageRef.isEmpty else { throw CommandFailure(.invalidInput, "--image-ref: the image repository name is required") }
        let labels = try create.parsedLabels()
        let given = { (text: String?) in !(text ?? "").isEmpty }
        var choice = ImagePolicyChoice()
        switch (given(semver), given(alpha), given(numeric)) {
        case (true, true, _), (true, _, true):
            // flux's quirk (CLI-03): these hit empty switch cases and give an empty policy.
            break
        case (false, true, true):
            throw CommandFailure(.invalidInput, "only one of --select-semver, --select-alpha or --select-numeric can be specified")
        case (true, false, false):
            choice.semver = SemVerPolicy(range: semver ?? "")
        case (false, true, false):
            guard alpha == "asc" || alpha == "desc" else { throw CommandFailure(.invalidInput, "--select-alpha must be one of [asc, desc]") }
            choice.alphabetical = OrderPolicy(order: alpha)
        case (false, false, true):
            guard numeric == "asc" || numeric == "desc" else { throw CommandFailure(.invalidInput, "--select-numeric must be one of [asc, desc]") }
            choice.numerical = OrderPolicy(order: numeric)
        case (false, false, false):
            throw CommandFailure(.invalidInput, "a policy must be provided with either --select-semver or --select-alpha")
        }
        var spec = ImagePolicy.Spec(imageRepositoryRef: NamespacedObjectReference(name: imageRef), policy: choice)
        if let filterRegex, !filterRegex.isEmpty {
            let filter = TagFilterSpec(pattern: filterRegex, extract: filterExtract ?? "")
            do {
                _ = try TagFilter(filter)
            } catch {
                let flag = error.field == .filterExtract ? "--filter-extract" : "--filter-regex"
                throw CommandFailure(.invalidInput, "\(flag): \(error.description)")
            }
            spec.filterTags = filter
        } else if given(filterExtract) {
            throw CommandFailure(.invalidInput, "cannot specify --filter-extract without specifying --filter-regex")
        }
        if let reflectDigest, !reflectDigest.isEmpty {
            guard let policy = ImagePolicy.DigestReflectionPolicy(rawValue: reflectDigest) else {
                throw CommandFailure(.invalidInput, "invalid value for --reflect-digest, must be one of [Always, IfNotPresent, Never]")
            }
            spec.digestReflectionPolicy = policy
        }
        if let interval {
            let duration = try CreateImageCommand.duration(interval, flag: "--interval")
            if duration != .zero {
                guard spec.digestReflectionPolicy == .always else {
                    throw CommandFailure(
                        .invalidInput, "the --interval flag can only be used with the 'Always' digest reflection policy, use --reflect-digest=Always")
                }
                spec.interval = duration
            }
        }
        try create.requireExport("ImagePolicy")
        let policy = ImagePolicy(metadata: ObjectMeta(name: name, namespace: create.namespace, labels: labels), spec: spec)
        // The empty policy of flux's quirk is printed as flux prints it; the CRD refuses it later.
        let errors = policy.validationErrors().filter { $0.field != "spec.policy" }
        try CreateImageCommand.export(policy, errors: errors)
    }
}

/// `ferry create image update NAME`.
struct CreateImageUpdateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update", abstract: "Generate an ImageUpdateAutomation (image.toolkit.fluxcd.io/v1).",
        discussion: """
            Prints the manifest exactly as `flux create image update --export` does. --git-repo-ref, \
            --checkout-branch, --author-name and --author-email are required, as in flux.

            Examples:
              ferry create image update flux-system --git-repo-ref flux-system --git-repo-path ./clusters/my-cluster \\
                  --checkout-branch main --push-branch image-updates --author-name fluxbot \\
                  --author-email fluxbot@example.com --commit-template '{{range .Changed.Changes}}{{println .NewValue}}{{end}}' --export
            """)

    @Argument(help: "The ImageUpdateAutomation's name.")
    var name: String

    @Option(name: .customLong("git-repo-ref"), help: "The GitRepository to update.")
    var gitRepoRef: String?

    @Option(name: .customLong("git-repo-namespace"), help: "The GitRepository's namespace (the automation's by default).")
    var gitRepoNamespace: String?

    @Option(name: .customLong("git-repo-path"), help: "The path in the repository to update (update.path, strategy Setters).")
    var gitRepoPath: String?

    @Option(name: .customLong("checkout-branch"), help: "The branch to check out.")
    var checkoutBranch: String?

    @Option(name: .customLong("push-branch"), help: "The branch to push to (the checkout branch by default).")
    var pushBranch: String?

    @Option(name: .customLong("commit-template"), help: "The commit message template.")
    var commitTemplate: String?

    @Option(name: .customLong("author-name"), help: "The commit author's name.")
    var authorName: String?

    @Option(name: .customLong("author-email"), help: "The commit author's email.")
    var authorEmail: String?

    @Option(name: .customLong("signing-key-secret"), help: "The Secret with the key to sign commits with.")
    var signingKeySecret: String?

    @Option(name: .customLong("signing-key-type"), help: "The signing key's type: gpg or ssh.")
    var signingKeyType: String?

    @Option(help: ArgumentHelp("How often to run.", valueName: "duration"))
    var interval = "1m"

    @OptionGroup var create: CreateOptions

    func run() throws {
        let required: [(String?, String)] = [
            (gitRepoRef, "--git-repo-ref"), (checkoutBranch, "--checkout-branch"), (authorName, "--author-name"), (authorEmail, "--author-email"),
        ]
        for (value, flag) in required where (value ?? "").isEmpty { throw CommandFailure(.invalidInput, "\(flag) is required") }
        if let signingKeyType, !signingKeyType.isEmpty {
            guard (signingKeySecret ?? "").isEmpty == false else {
                throw CommandFailure(.invalidInput, "--signing-key-type requires --signing-key-secret")
            }
            guard signingKeyType == "gpg" || signingKeyType == "ssh" else {
                throw CommandFailure(.invalidInput, "--signing-key-type must be one of [gpg, ssh]")
            }
        }
        let labels = try create.parsedLabels()
        var commit = ImageUpdateAutomation.CommitSpec(author: .init(email: authorEmail ?? "", name: authorName))
        if let commitTemplate, !commitTemplate.isEmpty { commit.messageTemplate = commitTemplate }
        if let signingKeySecret, !signingKeySecret.isEmpty {
            commit.signingKey = .init(secretRef: LocalObjectReference(name: signingKeySecret), type: (signingKeyType ?? "").isEmpty ? nil : signingKeyType)
        }
        var git = ImageUpdateAutomation.GitSpec(checkout: .init(ref: GitRepository.Reference(branch: checkoutBranch)), commit: commit)
        if let pushBranch, !pushBranch.isEmpty { git.push = .init(branch: pushBranch) }
        let namespace = (gitRepoNamespace ?? "").isEmpty ? nil : gitRepoNamespace
        var spec = ImageUpdateAutomation.Spec(
            sourceRef: CrossNamespaceObjectReference(kind: GitRepository.kind, name: gitRepoRef ?? "", namespace: namespace), git: git,
            interval: try CreateImageCommand.duration(interval, flag: "--interval"), update: nil)
        if let gitRepoPath, !gitRepoPath.isEmpty { spec.update = .init(strategy: "Setters", path: gitRepoPath) }
        try create.requireExport("ImageUpdateAutomation")
        let automation = ImageUpdateAutomation(metadata: ObjectMeta(name: name, namespace: create.namespace, labels: labels), spec: spec)
        try CreateImageCommand.export(automation, errors: automation.validationErrors())
    }
}
