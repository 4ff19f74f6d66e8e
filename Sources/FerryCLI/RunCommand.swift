import ArgumentParser
import FerryCore
import FerryManifests
import FerryRuntime
import FerryServer
import Foundation
import Logging

/// `ferry run`: the standalone daemon, or with `--once` one pass over every object.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the image automation pipeline on a folder of Flux manifests, without a cluster.",
        discussion: """
            Reads ImageRepository, ImagePolicy and ImageUpdateAutomation objects \
            (image.toolkit.fluxcd.io v1 and v1beta2), GitRepository (source.toolkit.fluxcd.io/v1), \
            Alert, Provider and Receiver (notification.toolkit.fluxcd.io) from the YAML files \
            under --manifests, and Secrets from --secrets, and does what Flux's image controllers \
            do: scan the registries, select the latest tags, rewrite the $imagepolicy markers, \
            commit and push. Tags, statuses and events are kept in the SQLite file --state, so \
            a restart resumes where it stopped.

            Without --once it runs until SIGTERM or SIGINT: the folders are watched (added, \
            changed and removed objects take effect without a restart), each object runs on its \
            interval, a scan that changes a policy's result triggers the policy and its \
            automations at once, and with --listen the HTTP server serves the Receivers \
            (/hook/<digest>), /healthz, /readyz, /metrics and a status page at /.

            With --once every object is reconciled once, now, regardless of intervals, in \
            dependency order (repositories, policies, automations), as `flux reconcile` would.

            Exit status: 0 every object ended Ready; 1 some object did not (or a manifest is \
            invalid), each printed with its message; 2 invalid flags; 3 the state file or the \
            listen address could not be used.

            Examples:
              ferry run --manifests clusters/prod --secrets secrets --once
              ferry run --manifests clusters/prod --secrets secrets --state /var/lib/ferry/ferry.db --listen :9292
              ferry get image all --manifests clusters/prod --state /var/lib/ferry/ferry.db
            """
    )

    @Option(help: ArgumentHelp("The folder (or file) of manifests.", valueName: "dir"))
    var manifests = "."

    @Option(help: ArgumentHelp("The folder (or file) of Secrets (kept apart from the manifests).", valueName: "dir"))
    var secrets: String?

    @Option(help: ArgumentHelp("The SQLite state file (tags, statuses, events).", valueName: "file"))
    var state = StandaloneRuntime.defaultState

    @Flag(help: "Reconcile every object once, now, and exit 0 when all are Ready.")
    var once = false

    @Option(help: ArgumentHelp("Serve Receivers, /metrics, /healthz, /readyz and the status page on this address (:9292, 127.0.0.1:8080).", valueName: "addr"))
    var listen: String?

    @Option(help: ArgumentHelp("Reconciles at once per kind.", valueName: "n"))
    var concurrent = 4

    @Flag(name: .customLong("allow-downgrades"), help: "Let a policy move back to an older tag while its spec is unchanged, as Flux does.")
    var allowDowngrades = false

    @Option(name: .customLong("log-level"), help: ArgumentHelp("debug, info, warning or error.", valueName: "level"))
    var logLevel = "info"

    func validate() throws {
        if once && listen != nil { throw ValidationError("--once and --listen do not go together: --once exits after one pass") }
        if let listen {
            do {
                _ = try ListenAddress(parsing: listen)
            } catch {
                throw ValidationError("--listen: \(error.description)")
            }
        }
        if !(1...64).contains(concurrent) { throw ValidationError("--concurrent: \(concurrent) is not between 1 and 64") }
        if !["debug", "info", "warning", "error"].contains(logLevel) {
            throw ValidationError("--log-level: \"\(logLevel)\" is not one of debug, info, warning, error")
        }
        if !FileManager.default.fileExists(atPath: manifests) {
            throw ValidationError("--manifests: \"\(manifests)\" does not exist")
        }
        if let secrets, !FileManager.default.fileExists(atPath: secrets) {
            throw ValidationError("--secrets: \"\(secrets)\" does not exist")
        }
    }

    func run() async throws {
        var configuration = StandaloneRuntime.Configuration(manifests: manifests, secrets: secrets, state: state)
        configuration.concurrent = concurrent
        configuration.allowDowngrades = allowDowngrades
        configuration.environment = ProcessInfo.processInfo.environment
        configuration.instance = ProcessInfo.processInfo.hostName
        configuration.listen = try listen.map { try ListenAddress(parsing: $0) }
        let level = Logger.Level(rawValue: logLevel) ?? .info
        let logger = Logger(label: "ferry") { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let console = Console.current
        if once {
            let report: StandaloneRuntime.OnceReport
            do {
                report = try await StandaloneRuntime.runOnce(configuration, logger: logger)
            } catch {
                throw CommandFailure(.failure, "\(error)")
            }
            for problem in report.manifestErrors { console.printError("✗ \(problem.description)") }
            for result in report.results {
                let name = "\(result.id.kind)/\(result.id.namespace)/\(result.id.name)"
                if result.ready {
                    console.printError("✔ \(name): \(result.message)")
                } else {
                    let location = report.locations[result.id].map { " (\($0))" } ?? ""
                    console.printError("✗ \(name)\(location): \(result.message)")
                }
            }
            for push in report.pushes {
                let summary = push.message.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? push.message
                console.printError("✔ \(push.id.kind)/\(push.id.namespace)/\(push.id.name): \(summary)")
            }
            if report.undeliveredNotifications { console.printError("⚠️ some notifications were still queued after 30s and were not sent") }
            if !report.succeeded { throw CommandFailure(.no, "not every object is Ready") }
            return
        }
        do {
            try await StandaloneRuntime.run(configuration, logger: logger)
        } catch {
            throw CommandFailure(.failure, "\(error)")
        }
    }
}
