public import ArgumentParser
import FerryCore

/// The `ferry` command line.
public struct FerryCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "ferry",
        abstract: "Carry new container image tags from registries into Git.",
        discussion: """
            Ferry does what Flux's image-reflector and image-automation controllers do: it scans \
            registries for tags, selects the latest per ImagePolicy, rewrites the marked fields \
            in your manifests and commits and pushes the change.

            Exit status: 0 success; 1 the command ran and the answer is no (no tag selected); \
            2 invalid input (usage, range, regex, template); 3 a failure while running (a registry that cannot be read).
            """,
        version: FerryCore.version,
        subcommands: [
            RunCommand.self, PolicyCommand.self, ScanCommand.self, UpdateCommand.self, TemplateCommand.self, CreateCommand.self, GetCommand.self,
            InstallCommand.self, ReconcileCommand.self, SuspendCommand.self, ResumeCommand.self, ControllerCommand.self,
            RollbackCommand.self, ReleaseTagCommand.self, ExplainCommand.self,
        ]
    )

    public init() {}

    /// Runs the command line and returns the exit status, printing through
    /// ``Console/current``. Usage errors exit with status 2, not ArgumentParser's 64.
    ///
    /// - Parameter arguments: The arguments after the program name.
    public static func run(arguments: [String]) async -> Int32 {
        let console = Console.current
        do {
            var command = try parseAsRoot(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            return ExitStatus.success.rawValue
        } catch let failure as CommandFailure {
            console.printError("ferry: \(failure.message)")
            return failure.status.rawValue
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { console.print(message) }
                return ExitStatus.success.rawValue
            }
            if !message.isEmpty { console.printError(message) }
            if code == .validationFailure { return ExitStatus.invalidInput.rawValue }
            return code.rawValue == 0 ? ExitStatus.failure.rawValue : code.rawValue
        }
    }
}

/// `ferry policy …`: ImagePolicy tag selection without a cluster.
struct PolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy",
        abstract: "Work with ImagePolicy tag selection.",
        subcommands: [PolicySelectCommand.self]
    )
}
