import ArgumentParser
import FerryCore
import FerryManifests

/// `ferry get …`: the `flux get` tables.
struct GetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "get",
        abstract: "Print the status of Flux objects (as `flux get`).",
        subcommands: [GetAlertProvidersCommand.self, GetAlertsCommand.self, GetReceiversCommand.self, GetImageCommand.self]
    )
}

/// The flags the notification `get` commands share.
struct GetNotificationOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The folder (or file) of manifests to read.", valueName: "dir"))
    var manifests: String

    @Option(name: [.customShort("n"), .customLong("namespace")], help: "The namespace to list.")
    var namespace = NotificationManifests.defaultNamespace

    @Flag(name: [.customShort("A"), .customLong("all-namespaces")], help: "List every namespace, with a NAMESPACE column.")
    var allNamespaces = false

    @Flag(name: .customLong("no-header"), help: "Leave out the header row.")
    var noHeader = false

    /// The notification objects in ``manifests``.
    func load() throws(CommandFailure) -> NotificationManifests {
        do {
            return try NotificationManifests(documents: try ManifestReader.documents(inDirectory: manifests))
        } catch {
            throw CommandFailure(.invalidInput, error.description)
        }
    }

    /// Whether an object in `objectNamespace` is listed.
    func includes(_ objectNamespace: String) -> Bool { allNamespaces || objectNamespace == namespace }

    /// Prints rows as flux's table printer does: upper-case headers, columns padded and tab-separated.
    func printTable(headers: [String], rows: [(namespace: String, cells: [String])]) {
        var table: [[String]] = []
        let fullHeaders = (allNamespaces ? ["NAMESPACE"] : []) + headers
        if !noHeader { table.append(fullHeaders) }
        for row in rows { table.append((allNamespaces ? [row.namespace] : []) + row.cells) }
        if rows.isEmpty {
            Console.current.printError(allNamespaces ? "no objects found" : "no objects found in \(namespace) namespace")
            return
        }
        var widths = [Int](repeating: 0, count: fullHeaders.count)
        for line in table { for (index, cell) in line.enumerated() { widths[index] = max(widths[index], cell.count) } }
        var out = ""
        for line in table {
            for (index, cell) in line.enumerated() { out += cell + String(repeating: " ", count: widths[index] - cell.count) + " \t" }
            out += "\n"
        }
        Console.current.writeOutput(out)
    }
}

/// `True` / `False`, as flux titles a bool.
func titled(_ flag: Bool) -> String { flag ? "True" : "False" }

/// `ferry get alert-providers`.
struct GetAlertProvidersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alert-providers", abstract: "List Providers.",
        discussion: """
            Reads the Providers in --manifests (v1beta3 Providers have no status) and prints NAME and SUSPENDED.

            Examples:
              ferry get alert-providers --manifests ./clusters/production
              ferry get alert-providers --manifests ./clusters -A
            """,
        aliases: ["alert-provider"]
    )

    @OptionGroup var options: GetNotificationOptions

    func run() throws {
        let objects = try options.load()
        let rows = objects.providers.filter { options.includes($0.metadata.namespace) }.sorted { ($0.metadata.namespace, $0.metadata.name) < ($1.metadata.namespace, $1.metadata.name) }
            .map { (namespace: $0.metadata.namespace, cells: [$0.metadata.name, titled($0.spec.suspend)]) }
        options.printTable(headers: ["NAME", "SUSPENDED"], rows: rows)
    }
}

/// `ferry get alerts`.
struct GetAlertsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alerts", abstract: "List Alerts.",
        discussion: """
            Reads the Alerts in --manifests (v1beta3 Alerts have no status) and prints NAME and SUSPENDED.

            Examples:
              ferry get alerts --manifests ./clusters/production
              ferry get alerts --manifests ./clusters -A --no-header
            """,
        aliases: ["alert"]
    )

    @OptionGroup var options: GetNotificationOptions

    func run() throws {
        let objects = try options.load()
        let rows = objects.alerts.filter { options.includes($0.metadata.namespace) }.sorted { ($0.metadata.namespace, $0.metadata.name) < ($1.metadata.namespace, $1.metadata.name) }
            .map { (namespace: $0.metadata.namespace, cells: [$0.metadata.name, titled($0.spec.suspend)]) }
        options.printTable(headers: ["NAME", "SUSPENDED"], rows: rows)
    }
}

/// `ferry get receivers`.
struct GetReceiversCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "receivers", abstract: "List Receivers and their webhook paths.",
        discussion: """
            Reads the Receivers and Secrets in --manifests and prints NAME, SUSPENDED, READY and MESSAGE. A \
            Receiver whose Secret has a token is ready, with the message Flux gives: \
            "Receiver initialized for path: /hook/<sha256>".

            Examples:
              ferry get receivers --manifests ./clusters/production
              ferry get receivers --manifests ./clusters -A
            """,
        aliases: ["receiver"]
    )

    @OptionGroup var options: GetNotificationOptions

    func run() throws {
        let objects = try options.load()
        var secrets: [String: SecretData] = [:]
        for secret in objects.secrets { secrets[secret.metadata.namespace + "/" + secret.metadata.name] = secret }
        let rows = objects.receivers.filter { options.includes($0.metadata.namespace) }.sorted { ($0.metadata.namespace, $0.metadata.name) < ($1.metadata.namespace, $1.metadata.name) }
            .map { receiver -> (namespace: String, cells: [String]) in
                let secretName = receiver.spec.secretRef?.name ?? ""
                let token: String? = receiver.spec.type == "generic-oidc" ? "" : secrets[receiver.metadata.namespace + "/" + secretName]?.text("token")
                let ready = token != nil
                let message = token.map { "Receiver initialized for path: " + receiver.webhookPath(token: $0) }
                    ?? "token not found in Secret '\(receiver.metadata.namespace)/\(secretName)'"
                return (receiver.metadata.namespace, [receiver.metadata.name, titled(receiver.spec.suspend), titled(ready), message])
            }
        options.printTable(headers: ["NAME", "SUSPENDED", "READY", "MESSAGE"], rows: rows)
    }
}
