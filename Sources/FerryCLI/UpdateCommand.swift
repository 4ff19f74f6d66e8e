import ArgumentParser
import FerryCore
import FerryWorkspace

/// `ferry update`: apply policy results to the `$imagepolicy` markers under a directory.
struct UpdateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update",
        abstract: "Apply image policy results to the $imagepolicy markers under a directory.",
        discussion: """
            Does what Flux's image-automation-controller does to a checkout with the Setters strategy: every \
            *.yaml, *.yml and Kustomization file under --path that contains the marker key is read, and each \
            marked field is set from the --policy of the same NAMESPACE:NAME. Only the marked values change, byte \
            for byte; indentation, quoting, comments and line endings stay. Files are written atomically, all or \
            nothing. Symbolic links below --path are not followed and .git directories are skipped.

            Markers (a line comment on the value, or a comment line alone above a list \
            item); the first form writes IMAGE:TAG, plus @DIGEST when the policy has one:
              image: ghcr.io/org/app:1.0.0  # {"$imagepolicy": "flux-system:app"}
              tag: 1.0.0                    # {"$imagepolicy": "flux-system:app:tag"}
              repository: ghcr.io/org/app   # {"$imagepolicy": "flux-system:app:name"}
              digest: sha256:...            # {"$imagepolicy": "flux-system:app:digest"}

            Prints the changed files and objects; with --dry-run, a unified diff instead (paths relative to \
            --path, as `git apply` run there takes it) and writes nothing. Warnings (files that are not YAML, \
            markers for policies not given, misplaced markers) go to standard error.

            Exit status: 0 files were updated or there was nothing to change; 2 invalid input (a flag, a policy \
            reference, a path); 3 a file could not be read or written (nothing was changed).

            Examples:
              ferry update --path clusters/prod \\
                  --policy flux-system:podinfo=ghcr.io/stefanprodan/podinfo:6.5.4
              ferry update --path . --dry-run \\
                  --policy apps:web=registry.example.com:5000/web:v3.4.5@sha256:<digest>
              ferry update --path . -o json \\
                  --policy flux-system:app=ghcr.io/org/app:2.0.1 \\
                  --policy flux-system:api=ghcr.io/org/api:1.4.0
            """
    )

    @Option(name: .customLong("path"), help: ArgumentHelp("The directory (or single file) whose markers to update.", valueName: "dir"))
    var path: String

    @Option(
        name: .customLong("policy"),
        help: ArgumentHelp(
            "A policy result, NAMESPACE:NAME=IMAGE:TAG or NAMESPACE:NAME=IMAGE:TAG@DIGEST; repeat for each policy.", valueName: "ns:name=image:tag"))
    var policies: [String] = []

    @Flag(name: .customLong("dry-run"), help: "Print a unified diff of the changes and write nothing.")
    var dryRun = false

    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("Output format: text or json.", valueName: "format"))
    var format: OutputFormat = .text

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case text
        case json
    }

    func validate() throws {
        if policies.isEmpty { throw ValidationError("give at least one --policy NAMESPACE:NAME=IMAGE:TAG") }
        if path.isEmpty { throw ValidationError("--path must not be empty") }
    }

    func run() throws {
        let console = Console.current
        let results = try Self.parsePolicies(policies)
        let update: ManifestUpdate
        do {
            update = try ManifestUpdater.update(path: path, policies: results, dryRun: dryRun)
        } catch {
            throw Self.failure(for: error, path: path)
        }
        let report = UpdateReport(update: update, path: path, dryRun: dryRun)
        for diagnostic in update.diagnostics + update.rewrite.diagnostics {
            console.printError("ferry: \(diagnostic.severity.rawValue): \(diagnostic)")
        }
        switch format {
        case .json: console.print(report.json().rendered())
        case .text: report.writeText(to: console)
        }
    }

    /// The exit status and message for a workspace error: 2 for a bad path or policy, 3 for a read or write failure.
    static func failure(for error: WorkspaceError, path: String) -> CommandFailure {
        switch error.kind {
        case .invalidPath: CommandFailure(.invalidInput, "--path \"\(path)\": \(error.message)")
        case .invalidPolicy: CommandFailure(.invalidInput, "--policy \(error.path): \(error.message)")
        case .io: CommandFailure(.failure, error.message)
        }
    }

    /// Reads the `--policy` values, checking each as Flux checks a policy result.
    static func parsePolicies(_ values: [String]) throws(CommandFailure) -> [PolicyLatestRef] {
        var seen: Set<String> = []
        var results: [PolicyLatestRef] = []
        for value in values {
            let result = try parsePolicy(value)
            guard seen.insert(result.setterName).inserted else {
                throw CommandFailure(.invalidInput, "--policy \"\(value)\": the policy \(result.setterName) is given more than once")
            }
            results.append(result)
        }
        return results
    }

    static func parsePolicy(_ value: String) throws(CommandFailure) -> PolicyLatestRef {
        func failure(_ reason: String) -> CommandFailure { CommandFailure(.invalidInput, "--policy \"\(value)\": \(reason)") }
        guard let equals = value.firstIndex(of: "=") else { throw failure("expected NAMESPACE:NAME=IMAGE:TAG[@DIGEST]") }
        let name = value[..<equals]
        let names = name.split(separator: ":", omittingEmptySubsequences: false)
        guard names.count == 2, !names[0].isEmpty, !names[1].isEmpty, !name.contains(where: { $0 == " " || $0 == "/" || $0 == "\t" }) else {
            throw failure("the policy name \"\(name)\" must be NAMESPACE:NAME")
        }
        var reference = value[value.index(after: equals)...]
        var digest: String?
        if let at = reference.lastIndex(of: "@") {
            digest = String(reference[reference.index(after: at)...])
            reference = reference[..<at]
        }
        guard let colon = reference.lastIndex(of: ":"), !reference[reference.index(after: colon)...].contains("/"),
            reference.index(after: colon) != reference.endIndex, colon != reference.startIndex
        else {
            throw failure("the result \"\(value[value.index(after: equals)...])\" needs a tag: IMAGE:TAG or IMAGE:TAG@DIGEST")
        }
        let result = PolicyLatestRef(
            namespace: String(names[0]), name: String(names[1]), image: String(reference[..<colon]),
            tag: String(reference[reference.index(after: colon)...]),
            digest: digest)
        do {
            _ = try ImageReference(parsing: result.reference)
        } catch {
            throw failure(SetterError(policy: result.setterName, reference: result.reference, cause: error).description)
        }
        return result
    }
}
