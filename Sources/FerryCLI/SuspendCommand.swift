import ArgumentParser
import FerryCore
import FerryStandalone
import FerryStore

/// `ferry suspend …`: stop reconciling objects, as `flux suspend` does.
struct SuspendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "suspend",
        abstract: "Suspend the reconciliation of objects (as `flux suspend`).",
        subcommands: [SuspendImageCommand.self]
    )
}

/// `ferry suspend image …`.
struct SuspendImageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "image",
        abstract: "Suspend ImageRepositories, ImagePolicies or ImageUpdateAutomations.",
        subcommands: [SuspendImageRepositoryCommand.self, SuspendImagePolicyCommand.self, SuspendImageUpdateCommand.self]
    )
}

/// The names, `--all` and the state flags of `suspend` and `resume`.
struct SuspendArguments: ParsableArguments {
    @Argument(help: "The objects' names.")
    var names: [String] = []

    @Flag(help: "Every object of the kind in the namespace.")
    var all = false

    @OptionGroup var options: ImageOverrideOptions
}

/// The work of the `suspend image` commands (CLI-07): `spec.suspend: true` as an override in the state file.
struct SuspendImage {
    let arguments: SuspendArguments

    func run<Object: ImageObject>(_ type: Object.Type, _ kind: ImageKind) async throws(CommandFailure) {
        if let cluster = try arguments.options.clusterImages() {
            let namespace = arguments.options.namespace
            let objects = try await cluster.objects(type, kind, namespace: namespace, names: arguments.names, all: arguments.all)
            if objects.isEmpty { FluxLog.failure("no \(kind.kind) objects found in \(namespace) namespace") }
            for object in objects {
                FluxLog.action("suspending \(kind.humanKind) \(object.metadata.name) in \(namespace) namespace")
                try await cluster.setSuspend(type, namespace: namespace, name: object.metadata.name, true)
                FluxLog.success("\(kind.humanKind) suspended")
            }
            return
        }
        let overrides = try ImageOverrides(options: arguments.options)
        let objects = try await overrides.objects(type, kind, names: arguments.names, all: arguments.all)
        if objects.isEmpty {
            FluxLog.failure("no \(kind.kind) objects found in \(arguments.options.namespace) namespace")
            return
        }
        for object in objects {
            let id = kind.id(namespace: object.metadata.namespace, name: object.metadata.name)
            FluxLog.action("suspending \(kind.humanKind) \(id.name) in \(id.namespace) namespace")
            try await StandaloneFiles.storeCall { try await overrides.store.setSuspend(true, for: id, at: SystemClock.now()) }
            FluxLog.success("\(kind.humanKind) suspended")
        }
    }
}

/// The discussion of the three `suspend image` commands.
private func suspendDiscussion(_ kind: String) -> String {
    """
    Sets `spec.suspend: true` on the objects, in the state file (the manifests are not rewritten): \
    `ferry run` stops reconciling them at its next look at the folder. `ferry resume` undoes it; so \
    does editing `spec.suspend` in the manifest. With --kubeconfig or --context (or $KUBECONFIG \
    without --manifests/--state) `spec.suspend` is merge-patched on the objects in the cluster.

    Exit status: 0 suspended; 2 invalid input (an unknown object, no name and no --all); 3 the state file cannot be used.

    Examples:
      ferry suspend image \(kind) podinfo --manifests ./clusters/production --state ferry.db
      ferry suspend image \(kind) --all -n apps
    """
}

/// `ferry suspend image repository`.
struct SuspendImageRepositoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repository", abstract: "Suspend ImageRepositories.", discussion: suspendDiscussion("repository"))

    @OptionGroup var arguments: SuspendArguments

    func run() async throws { try await SuspendImage(arguments: arguments).run(ImageRepository.self, .repository) }
}

/// `ferry suspend image policy`.
struct SuspendImagePolicyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "policy", abstract: "Suspend ImagePolicies.", discussion: suspendDiscussion("policy"))

    @OptionGroup var arguments: SuspendArguments

    func run() async throws { try await SuspendImage(arguments: arguments).run(ImagePolicy.self, .policy) }
}

/// `ferry suspend image update`.
struct SuspendImageUpdateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update", abstract: "Suspend ImageUpdateAutomations.", discussion: suspendDiscussion("update"))

    @OptionGroup var arguments: SuspendArguments

    func run() async throws { try await SuspendImage(arguments: arguments).run(ImageUpdateAutomation.self, .update) }
}
