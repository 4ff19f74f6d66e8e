import ArgumentParser
import FerryCore
import FerryStandalone
import FerryStore

/// `ferry reconcile …`: ask for an immediate reconcile, as `flux reconcile` does.
struct ReconcileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reconcile",
        abstract: "Ask `ferry run` to reconcile an object now (as `flux reconcile`).",
        subcommands: [ReconcileImageCommand.self]
    )
}

/// `ferry reconcile image …`.
struct ReconcileImageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "image",
        abstract: "Reconcile an ImageRepository, ImagePolicy or ImageUpdateAutomation now.",
        subcommands: [ReconcileImageRepositoryCommand.self, ReconcileImagePolicyCommand.self, ReconcileImageUpdateCommand.self]
    )
}

/// The work of the three `reconcile image` commands (CLI-06).
struct ReconcileImage {
    let name: String
    let options: ImageOverrideOptions
    let wait: Bool

    func run<Object: ImageObject>(_ type: Object.Type, _ kind: ImageKind) async throws(CommandFailure) {
        let timeout = try options.parsedTimeout()
        if let cluster = try options.clusterImages() { return try await run(type, kind, in: cluster, timeout: timeout) }
        let overrides = try ImageOverrides(options: options)
        let object = try await overrides.object(type, kind, name)
        guard !object.isSuspended else { throw CommandFailure(.no, "resource is suspended") }
        let id = kind.id(namespace: object.metadata.namespace, name: object.metadata.name)
        FluxLog.action("annotating \(kind.kind) \(name) in \(options.namespace) namespace")
        let now = SystemClock.now()
        let requested = now.rfc3339Nano
        try await StandaloneFiles.storeCall { try await overrides.store.requestReconcile(id, value: requested, at: now) }
        FluxLog.success("\(kind.kind) annotated")
        guard wait else { return }
        FluxLog.waiting("waiting for \(kind.kind) reconciliation")
        let status = try await overrides.waitForStatus(type, id, timeout: timeout) { $0.lastHandledReconcileAt == requested }
        try ImageOverrides.finish(kind, status, success: Object.successMessage)
    }
}

extension ReconcileImage {
    /// `flux reconcile image …` against a cluster: the annotation by merge patch, then polling
    /// until the controller's `status.lastHandledReconcileAt` matches it.
    func run<Object: ImageObject>(_ type: Object.Type, _ kind: ImageKind, in cluster: ClusterImages, timeout: GoDuration) async throws(CommandFailure) {
        let namespace = options.namespace
        let object = try await cluster.object(type, kind, namespace: namespace, name: name)
        guard !object.isSuspended else { throw CommandFailure(.no, "resource is suspended") }
        FluxLog.action("annotating \(kind.kind) \(name) in \(namespace) namespace")
        let requested = SystemClock.now().rfc3339Nano
        try await cluster.requestReconcile(type, namespace: namespace, name: name, value: requested)
        FluxLog.success("\(kind.kind) annotated")
        guard wait else { return }
        FluxLog.waiting("waiting for \(kind.kind) reconciliation")
        let status = try await cluster.waitForStatus(type, namespace: namespace, name: name, timeout: timeout) { object in
            object.status.lastHandledReconcileAt == requested
        }
        try ImageOverrides.finish(kind, status, success: Object.successMessage)
    }
}

/// The flags of the `reconcile image` commands.
struct ReconcileImageArguments: ParsableArguments {
    @Argument(help: "The object's name.")
    var name: String

    @OptionGroup var options: ImageOverrideOptions

    @Flag(inversion: .prefixedNo, help: "Wait for `ferry run` to reconcile the object and print the result.")
    var wait = true

    var reconcile: ReconcileImage { ReconcileImage(name: name, options: options, wait: wait) }
}

/// `ferry reconcile image repository NAME`.
struct ReconcileImageRepositoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repository", abstract: "Scan an ImageRepository now.",
        discussion: """
            Sets `reconcile.fluxcd.io/requestedAt` on the object (in the state file: the manifests are \
            not rewritten) and waits until `ferry run` has handled it, then prints `scan fetched <N> tags`. \
            A suspended object is refused. With --kubeconfig or --context (or $KUBECONFIG without \
            --manifests/--state) the annotation is merge-patched on the object in the cluster and the \
            command waits for the controller's status.lastHandledReconcileAt, as `flux reconcile` does.

            Exit status: 0 reconciled; 1 suspended, or the reconcile failed; 2 invalid input (an unknown \
            object, a bad flag); 3 the state file cannot be used, or --timeout passed.

            Examples:
              ferry reconcile image repository podinfo --manifests ./clusters/production --state ferry.db
              ferry reconcile image repository podinfo -n apps --no-wait
              ferry reconcile image repository podinfo --kubeconfig ~/.kube/config --timeout 1m
            """)

    @OptionGroup var arguments: ReconcileImageArguments

    func run() async throws { try await arguments.reconcile.run(ImageRepository.self, .repository) }
}

/// `ferry reconcile image policy NAME`.
struct ReconcileImagePolicyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy", abstract: "Select an ImagePolicy's latest image now.",
        discussion: """
            As `reconcile image repository`; prints `selected ref <image:tag>` once `ferry run` has handled it.

            Examples:
              ferry reconcile image policy podinfo --manifests ./clusters/production --state ferry.db
              ferry reconcile image policy podinfo --timeout 30s
            """)

    @OptionGroup var arguments: ReconcileImageArguments

    func run() async throws { try await arguments.reconcile.run(ImagePolicy.self, .policy) }
}

/// `ferry reconcile image update NAME`.
struct ReconcileImageUpdateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update", abstract: "Run an ImageUpdateAutomation now.",
        discussion: """
            As `reconcile image repository`; prints the automation's Ready message once `ferry run` has handled it.

            Examples:
              ferry reconcile image update flux-system --manifests ./clusters/production --state ferry.db
              ferry reconcile image update flux-system --no-wait
            """)

    @OptionGroup var arguments: ReconcileImageArguments

    func run() async throws { try await arguments.reconcile.run(ImageUpdateAutomation.self, .update) }
}
