import ArgumentParser
import FerryCore
import FerryStandalone
import FerryStore

/// `ferry resume …`: reconcile suspended objects again, as `flux resume` does.
struct ResumeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume",
        abstract: "Resume the reconciliation of suspended objects (as `flux resume`).",
        subcommands: [ResumeImageCommand.self]
    )
}

/// `ferry resume image …`.
struct ResumeImageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "image",
        abstract: "Resume ImageRepositories, ImagePolicies or ImageUpdateAutomations.",
        subcommands: [ResumeImageRepositoryCommand.self, ResumeImagePolicyCommand.self, ResumeImageUpdateCommand.self]
    )
}

/// The flags of the `resume image` commands.
struct ResumeArguments: ParsableArguments {
    @OptionGroup var suspend: SuspendArguments

    @Flag(inversion: .prefixedNo, help: "Wait for `ferry run` to reconcile each object (the default with exactly one name).")
    var wait: Bool?
}

/// The work of the `resume image` commands (CLI-07): `spec.suspend: false` as an override, then
/// (with one name, or `--wait`) waiting for `ferry run` to reconcile the object's new generation.
struct ResumeImage {
    let arguments: ResumeArguments

    func run<Object: ImageObject>(_ type: Object.Type, _ kind: ImageKind) async throws(CommandFailure) {
        let options = arguments.suspend.options
        let timeout = try options.parsedTimeout()
        if let cluster = try options.clusterImages() { return try await run(type, kind, in: cluster, timeout: timeout) }
        let overrides = try ImageOverrides(options: options)
        let objects = try await overrides.objects(type, kind, names: arguments.suspend.names, all: arguments.suspend.all)
        if objects.isEmpty {
            FluxLog.failure("no \(kind.kind) objects found in \(options.namespace) namespace")
            return
        }
        let wait = arguments.wait ?? (arguments.suspend.names.count == 1 && !arguments.suspend.all)
        for object in objects {
            let id = kind.id(namespace: object.metadata.namespace, name: object.metadata.name)
            FluxLog.action("resuming \(kind.humanKind) \(id.name) in \(id.namespace) namespace")
            try await StandaloneFiles.storeCall { try await overrides.store.setSuspend(false, for: id, at: SystemClock.now()) }
            FluxLog.success("\(kind.humanKind) resumed")
            guard wait else { continue }
            // The generation of the resumed spec, as `ferry run` will see it.
            try await StandaloneFiles.storeCall { try await overrides.source.rescan() }
            let generation = try await overrides.object(type, kind, id.name).metadata.generation ?? 0
            FluxLog.waiting("waiting for \(kind.kind) reconciliation")
            let status = try await overrides.waitForStatus(type, id, timeout: timeout) { status in
                (status.observedGeneration ?? -1) >= generation && status.conditions.contains { $0.type == Condition.ready }
            }
            try ImageOverrides.finish(kind, status, success: Object.successMessage)
        }
    }
}

extension ResumeImage {
    /// `flux resume image …` against a cluster: `spec.suspend: false` by merge patch, then (with
    /// one name, or `--wait`) polling until the controller has reconciled the new generation.
    func run<Object: ImageObject>(_ type: Object.Type, _ kind: ImageKind, in cluster: ClusterImages, timeout: GoDuration) async throws(CommandFailure) {
        let namespace = arguments.suspend.options.namespace
        let objects = try await cluster.objects(type, kind, namespace: namespace, names: arguments.suspend.names, all: arguments.suspend.all)
        if objects.isEmpty {
            FluxLog.failure("no \(kind.kind) objects found in \(namespace) namespace")
            return
        }
        let wait = arguments.wait ?? (arguments.suspend.names.count == 1 && !arguments.suspend.all)
        for object in objects {
            let name = object.metadata.name
            FluxLog.action("resuming \(kind.humanKind) \(name) in \(namespace) namespace")
            try await cluster.setSuspend(type, namespace: namespace, name: name, false)
            FluxLog.success("\(kind.humanKind) resumed")
            guard wait else { continue }
            let generation = try await cluster.object(type, kind, namespace: namespace, name: name).metadata.generation ?? 0
            FluxLog.waiting("waiting for \(kind.kind) reconciliation")
            let status = try await cluster.waitForStatus(type, namespace: namespace, name: name, timeout: timeout) { object in
                (object.status.observedGeneration ?? -1) >= generation && object.status.conditions.contains { $0.type == Condition.ready }
            }
            try ImageOverrides.finish(kind, status, success: Object.successMessage)
        }
    }
}

/// The discussion of the three `resume image` commands.
private func resumeDiscussion(_ kind: String) -> String {
    """
    Sets `spec.suspend: false` on the objects, in the state file (the manifests are not rewritten). \
    With exactly one name (or --wait) it then waits until `ferry run` has reconciled the object and \
    prints the result, as flux does. With --kubeconfig or --context (or $KUBECONFIG without \
    --manifests/--state) `spec.suspend` is merge-patched on the objects in the cluster and the wait \
    is for the controller's status.

    Exit status: 0 resumed (and reconciled); 1 the reconcile failed; 2 invalid input (an unknown \
    object, no name and no --all); 3 the state file cannot be used, or --timeout passed.

    Examples:
      ferry resume image \(kind) podinfo --manifests ./clusters/production --state ferry.db
      ferry resume image \(kind) --all -n apps --no-wait
    """
}

/// `ferry resume image repository`.
struct ResumeImageRepositoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repository", abstract: "Resume ImageRepositories.", discussion: resumeDiscussion("repository"))

    @OptionGroup var arguments: ResumeArguments

    func run() async throws { try await ResumeImage(arguments: arguments).run(ImageRepository.self, .repository) }
}

/// `ferry resume image policy`.
struct ResumeImagePolicyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "policy", abstract: "Resume ImagePolicies.", discussion: resumeDiscussion("policy"))

    @OptionGroup var arguments: ResumeArguments

    func run() async throws { try await ResumeImage(arguments: arguments).run(ImagePolicy.self, .policy) }
}

/// `ferry resume image update`.
struct ResumeImageUpdateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update", abstract: "Resume ImageUpdateAutomations.", discussion: resumeDiscussion("update"))

    @OptionGroup var arguments: ResumeArguments

    func run() async throws { try await ResumeImage(arguments: arguments).run(ImageUpdateAutomation.self, .update) }
}
