import ArgumentParser
import FerryCore
import FerryManifests

/// `ferry create alert NAME`: an Alert manifest, as `flux create alert --export` prints it.
struct CreateAlertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alert",
        abstract: "Generate an Alert (notification.toolkit.fluxcd.io/v1beta3).",
        discussion: """
            Prints the Alert manifest exactly as `flux create alert --export` does. Event sources are \
            Kind/name or Kind/name.namespace; name may be '*' for every object of the kind.

            Examples:
              ferry create alert flux-system --event-severity info \\
                  --event-source Kustomization/flux-system --provider-ref slack --export
              ferry create alert images --event-severity error \\
                  --event-source 'ImagePolicy/*' --event-source ImageUpdateAutomation/apps --provider-ref teams --export
            """
    )

    @Argument(help: "The Alert's name.")
    var name: String

    @Option(name: .customLong("provider-ref"), help: "The Provider to send to (same namespace).")
    var providerRef: String?

    @Option(name: .customLong("event-severity"), help: "Send info (every event) or error (errors only).")
    var eventSeverity: String?

    @Option(name: .customLong("event-source"), help: ArgumentHelp("A source: Kind/name[.namespace] (repeatable, or comma-separated).",
                                                                    valueName: "kind/name"))
    var eventSources: [String] = []

    @OptionGroup var create: CreateOptions

    func run() throws {
        guard let providerRef, !providerRef.isEmpty else { throw CommandFailure(.invalidInput, "--provider-ref: provider ref is required") }
        var sources: [EventSourceReference] = []
        for source in eventSources.flatMap({ $0.split(separator: ",").map(String.init) }) {
            let parsed = CreateOptions.kindNameNamespace(source)
            if parsed.kind.isEmpty {
                throw CommandFailure(.invalidInput, "--event-source: invalid event source '\(source)', must be in format <kind>/<name>")
            }
            sources.append(EventSourceReference(kind: parsed.kind, name: parsed.name, namespace: parsed.namespace))
        }
        if sources.isEmpty { throw CommandFailure(.invalidInput, "--event-source: at least one event source is required") }
        let labels = try create.parsedLabels()
        try create.requireExport("Alert")
        let alert = Alert(
            metadata: ObjectMetadata(name: name, namespace: create.namespace, labels: labels),
            spec: AlertSpec(providerRef: NamedReference(name: providerRef), eventSeverity: eventSeverity.flatMap { $0.isEmpty ? nil : $0 },
                            eventSources: sources))
        do {
            try alert.validate()
        } catch {
            throw CommandFailure(.invalidInput, error.description)
        }
        Console.current.writeOutput(NotificationExport.yaml(alert).exportText)
    }
}
