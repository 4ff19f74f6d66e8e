import ArgumentParser
import FerryCore
import FerryManifests

/// `ferry create alert-provider NAME`: a Provider manifest, as `flux create alert-provider --export` prints it.
struct CreateAlertProviderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alert-provider",
        abstract: "Generate a Provider (notification.toolkit.fluxcd.io/v1beta3).",
        discussion: """
            Prints the Provider manifest exactly as `flux create alert-provider --export` does. The type is any \
            Provider type Flux accepts; --address may instead come from the Secret's address key.

            Examples:
              ferry create alert-provider slack --type slack --channel general \\
                  --address https://hooks.slack.com/services/YOUR/SLACK/WEBHOOK --secret-ref webhook-url --export
              ferry create alert-provider github-podinfo --type github \\
                  --address https://github.com/stefanprodan/podinfo --secret-ref github-token --export
            """
    )

    @Argument(help: "The Provider's name.")
    var name: String

    @Option(help: "The type of provider (slack, msteams, generic, github, …).")
    var type: String?

    @Option(help: "The channel to send messages to (chat providers; the routing key for pagerduty).")
    var channel: String?

    @Option(help: "The bot username used by the provider.")
    var username: String?

    @Option(help: "The address: a webhook URL, a chat API URL or a Git repository.")
    var address: String?

    @Option(name: .customLong("secret-ref"), help: "The name of the Secret holding the address, token or credentials.")
    var secretRef: String?

    @OptionGroup var create: CreateOptions

    func run() throws {
        guard let type, !type.isEmpty else { throw CommandFailure(.invalidInput, "--type: Provider type is required") }
        let labels = try create.parsedLabels()
        try create.requireExport("Provider")
        let provider = Provider(
            metadata: ObjectMetadata(name: name, namespace: create.namespace, labels: labels),
            spec: ProviderSpec(type: ProviderType(rawValue: type), channel: channel, username: username, address: address,
                               secretRef: secretRef.flatMap { $0.isEmpty ? nil : NamedReference(name: $0) }))
        do {
            try provider.validate()
        } catch {
            throw CommandFailure(.invalidInput, error.description)
        }
        Console.current.writeOutput(NotificationExport.yaml(provider).exportText)
    }
}
