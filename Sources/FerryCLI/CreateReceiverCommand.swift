import ArgumentParser
import FerryCore
import FerryManifests

/// `ferry create receiver NAME`: a Receiver manifest, as `flux create receiver --export` prints it.
struct CreateReceiverCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "receiver",
        abstract: "Generate a Receiver (notification.toolkit.fluxcd.io/v1).",
        discussion: """
            Prints the Receiver manifest exactly as `flux create receiver --export` does. Resources are Kind/name.

            Examples:
              ferry create receiver github-receiver --type github --event ping --event push \\
                  --secret-ref webhook-token --resource GitRepository/webapp --resource HelmRepository/webapp --export
              ferry create receiver registry --type dockerhub --secret-ref webhook-token \\
                  --resource ImageRepository/podinfo --export
            """
    )

    @Argument(help: "The Receiver's name.")
    var name: String

    @Option(help: "The receiver type (generic, generic-hmac, github, gitlab, bitbucket, harbor, dockerhub, quay, gcr, nexus, acr, cdevents).")
    var type: String?

    @Option(name: .customLong("secret-ref"), help: "The Secret holding the token.")
    var secretRef: String?

    @Option(name: .customLong("event"), help: ArgumentHelp("An event type to accept (repeatable, or comma-separated).", valueName: "event"))
    var events: [String] = []

    @Option(name: .customLong("resource"), help: ArgumentHelp("A resource to reconcile: Kind/name (repeatable).", valueName: "kind/name"))
    var resources: [String] = []

    @OptionGroup var create: CreateOptions

    func run() throws {
        guard let type, !type.isEmpty else { throw CommandFailure(.invalidInput, "--type: Receiver type is required") }
        guard let secretRef, !secretRef.isEmpty else { throw CommandFailure(.invalidInput, "--secret-ref: secret ref is required") }
        var references: [EventSourceReference] = []
        for resource in resources {
            let parts = resource.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty else {
                throw CommandFailure(.invalidInput, "--resource: invalid resource '\(resource)', must be in format <kind>/<name>")
            }
            references.append(EventSourceReference(kind: String(parts[0]), name: String(parts[1])))
        }
        if references.isEmpty { throw CommandFailure(.invalidInput, "--resource: at least one resource is required") }
        let labels = try create.parsedLabels()
        try create.requireExport("Receiver")
        let receiver = Receiver(
            metadata: ObjectMetadata(name: name, namespace: create.namespace, labels: labels),
            spec: ReceiverSpec(type: type, events: events.flatMap { $0.split(separator: ",").map(String.init) }, resources: references,
                               secretRef: NamedReference(name: secretRef)))
        do {
            try receiver.validate()
        } catch {
            throw CommandFailure(.invalidInput, error.description)
        }
        Console.current.writeOutput(NotificationExport.yaml(receiver).exportText)
    }
}
