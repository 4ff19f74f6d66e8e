import ArgumentParser
import FerryCore
import FerryManifests
import FerryStandalone
import FerryStore

/// `ferry get image …`: the `flux get image …` tables, from a manifests folder and the state file.
struct GetImageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "image",
        abstract: "Print the status of ImageRepositories, ImagePolicies and ImageUpdateAutomations (as `flux get image`).",
        discussion: """
            Reads the objects from --manifests (default: the current directory, as `ferry run` does: defaults applied, overrides of \
            `ferry suspend`/`ferry reconcile` laid over) and their status from --state, and prints \
            the tables `flux get image` prints. Without a state file (default: ferry.db) nothing has been reconciled yet.

            With --kubeconfig or --context (or $KUBECONFIG set and neither --manifests nor --state), the objects and \
            their status come from the cluster's API instead, as `flux get image` reads them (what `ferry controller` wrote).

            Examples:
              ferry get image all --manifests ./clusters/production --state ferry.db
              ferry get image policy --manifests . --state ferry.db -A --status-selector ready=false
              ferry get image policy --kubeconfig ~/.kube/config -A
            """,
        subcommands: [GetImageAllCommand.self, GetImageRepositoryCommand.self, GetImagePolicyCommand.self, GetImageUpdateCommand.self],
        aliases: ["images"]
    )
}

/// The flags of the `get image` commands.
struct GetImageOptions: ParsableArguments {
    @OptionGroup var standalone: StandaloneOptions

    @OptionGroup var cluster: ClusterFlags

    @Option(name: [.customShort("n"), .customLong("namespace")], help: "The namespace to list.")
    var namespace = "flux-system"

    @Flag(name: [.customShort("A"), .customLong("all-namespaces")], help: "List every namespace, with a NAMESPACE column.")
    var allNamespaces = false

    @Flag(name: .customLong("no-header"), help: "Leave out the header row.")
    var noHeader = false

    @Option(
        name: .customLong("status-selector"),
        help: ArgumentHelp("Only objects whose condition has this status, e.g. ready=false.", valueName: "type=status"))
    var statusSelector: String?

    @Option(name: [.customShort("l"), .customLong("label-selector")], help: ArgumentHelp("Only objects with these labels, e.g. team=web,tier!=db.", valueName: "selector"))
    var labelSelector: String?

    @Option(name: [.customShort("o"), .customLong("output")], help: "Output format: table (flux's), json or yaml (the objects with their status).")
    var output: OutputFormat = .table

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case table, json, yaml
    }
}

/// `ferry get image all`.
struct GetImageAllCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "all", abstract: "Print the ImageRepository, ImagePolicy and ImageUpdateAutomation tables.",
        discussion: """
            The three tables of `flux get image all`, each followed by a blank line; names are \
            <kind>/<name> (imagerepository/podinfo). A kind with no objects prints nothing.

            Examples:
              ferry get image all --manifests ./clusters/production --state ferry.db
              ferry get image all --manifests . --state ferry.db -A -o yaml
            """)

    @Argument(help: "Only the objects with this name.")
    var name: String?

    @OptionGroup var options: GetImageOptions

    func run() async throws {
        try await ImageTables(options: options).run(kinds: ImageKind.allCases, name: name, all: true)
    }
}

/// `ferry get image repository`.
struct GetImageRepositoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repository", abstract: "Print the status of ImageRepositories.",
        discussion: """
            Columns: NAME, LAST SCAN (status.lastScanResult.scanTime, local time), SUSPENDED, READY \
            and MESSAGE (the Ready condition's; `waiting to be reconciled` before the first reconcile).

            Exit status: 0 listed; 1 NAME was given and does not exist; 2 invalid input (a flag, a \
            manifest); 3 the state file cannot be read.

            Examples:
              ferry get image repository --manifests ./clusters/production --state ferry.db
              ferry get image repository podinfo --manifests . --state ferry.db
            """)

    @Argument(help: "Only the object with this name.")
    var name: String?

    @OptionGroup var options: GetImageOptions

    func run() async throws {
        try await ImageTables(options: options).run(kinds: [.repository], name: name, all: false)
    }
}

/// `ferry get image policy`.
struct GetImagePolicyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy", abstract: "Print the status of ImagePolicies.",
        discussion: """
            Columns: NAME, IMAGE and TAG (status.latestRef), READY and MESSAGE.

            Exit status: 0 listed; 1 NAME was given and does not exist; 2 invalid input; 3 the \
            state file cannot be read.

            Examples:
              ferry get image policy --manifests ./clusters/production --state ferry.db
              ferry get image policy --manifests . --state ferry.db -A --status-selector ready=false
            """)

    @Argument(help: "Only the object with this name.")
    var name: String?

    @OptionGroup var options: GetImageOptions

    func run() async throws {
        try await ImageTables(options: options).run(kinds: [.policy], name: name, all: false)
    }
}

/// `ferry get image update`.
struct GetImageUpdateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update", abstract: "Print the status of ImageUpdateAutomations.",
        discussion: """
            Columns: NAME, LAST RUN (status.lastAutomationRunTime, local time), SUSPENDED, READY and MESSAGE.

            Exit status: 0 listed; 1 NAME was given and does not exist; 2 invalid input; 3 the \
            state file cannot be read.

            Examples:
              ferry get image update --manifests ./clusters/production --state ferry.db
              ferry get image update flux-system --manifests . --state ferry.db -o json
            """)

    @Argument(help: "Only the object with this name.")
    var name: String?

    @OptionGroup var options: GetImageOptions

    func run() async throws {
        try await ImageTables(options: options).run(kinds: [.update], name: name, all: false)
    }
}
