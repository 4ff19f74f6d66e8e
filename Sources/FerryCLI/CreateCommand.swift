import ArgumentParser
import FerryCore
import FerryManifests

/// `ferry create …`: print manifests as `flux create … --export` does.
struct CreateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Generate Flux manifests (flags as in `flux create`).",
        subcommands: [CreateAlertProviderCommand.self, CreateAlertCommand.self, CreateReceiverCommand.self, CreateImageCommand.self]
    )
}

/// The flags `flux create` shares between its subcommands.
struct CreateOptions: ParsableArguments {
    @Option(name: [.customShort("n"), .customLong("namespace")], help: "The namespace of the object.")
    var namespace = NotificationManifests.defaultNamespace

    @Option(name: .customLong("label"), help: ArgumentHelp("A label to set, key=value (repeatable, or comma-separated).", valueName: "key=value"))
    var labels: [String] = []

    @Flag(help: "Print the manifest (YAML) instead of applying it.")
    var export = false

    /// The labels as a map, or the flux error for a malformed one.
    func parsedLabels() throws(CommandFailure) -> [String: String] {
        var result: [String: String] = [:]
        for label in labels.flatMap({ $0.split(separator: ",").map(String.init) }) {
            let parts = label.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty else {
                throw CommandFailure(.invalidInput, "--label: invalid label format '\(label)', must be key=value")
            }
            result[String(parts[0])] = String(parts[1])
        }
        return result
    }

    /// Fails unless `--export` is given: Ferry has no cluster to apply to from this command.
    func requireExport(_ kind: String) throws(CommandFailure) {
        if !export {
            throw CommandFailure(.invalidInput, "applying a \(kind) to a cluster is not supported yet; add --export to print the manifest")
        }
    }

    /// `Kind/name` or `Kind/name.namespace` (flux's `ParseObjectKindNameNamespace`).
    static func kindNameNamespace(_ text: String) -> (kind: String, name: String, namespace: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return ("", text, "") }
        let nameParts = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        if nameParts.count > 1 { return (String(parts[0]), String(nameParts[0]), String(nameParts[1])) }
        return (String(parts[0]), String(parts[1]), "")
    }
}
