import ArgumentParser
import FerryCore

/// `ferry policy select`: choose the latest tag from a list, as an ImagePolicy would.
struct PolicySelectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "select",
        abstract: "Select the latest tag from a list, exactly as a Flux ImagePolicy would.",
        discussion: """
            Reads tags one a line (standard input by default; blank lines and lines starting \
            with # are skipped) and prints the tag the policy selects. The flags are those of \
            `flux create image policy`. Give exactly one of --select-semver, --select-alpha \
            and --select-numeric.

            Exit status: 0 a tag was selected; 1 no tag could be selected (empty list, nothing \
            matches, a numerical policy met a value that is not a number); 2 invalid input.

            Examples:
              printf '1.0.0\\n1.4.2\\n2.0.0-rc.1\\n' | ferry policy select --select-semver '^1.x'
              ferry policy select --select-semver '>=1.0.0-0' --tags-file tags.txt --explain
              ferry policy select --select-numeric asc \\
                  --filter-regex '^main-[a-f0-9]+-(?P<ts>[0-9]+)$' --filter-extract '$ts' < tags.txt
              ferry policy select --select-alpha asc -o json \\
                  --filter-regex '^RELEASE\\.(?P<stamp>.*)Z$' --filter-extract '$stamp' --tags-file tags.txt
            """
    )

    @Option(name: .customLong("select-semver"), help: ArgumentHelp("A SemVer range; selects the highest version in it.", valueName: "range"))
    var semverRange: String?

    @Option(name: .customLong("select-alpha"), help: ArgumentHelp("asc or desc; selects the last (asc) or first (desc) tag in byte order.", valueName: "order"))
    var alphabeticalOrder: String?

    @Option(name: .customLong("select-numeric"), help: ArgumentHelp("asc or desc; selects the greatest (asc) or least (desc) number.", valueName: "order"))
    var numericalOrder: String?

    @Option(name: .customLong("filter-regex"), help: ArgumentHelp("A Go (RE2) regular expression; only matching tags are considered.", valueName: "pattern"))
    var filterPattern: String?

    @Option(
        name: .customLong("filter-extract"),
        help: ArgumentHelp("Order this expansion of the match ($name, ${name}, $1) instead of the tag; needs --filter-regex.", valueName: "template"))
    var filterExtract: String?

    @Option(name: .customLong("tags-file"), help: ArgumentHelp("Read tags from this file instead of standard input ('-' for standard input).", valueName: "file"))
    var tagsFile: String?

    @Flag(help: "Say, for every tag, why it was selected, outranked or dropped.")
    var explain = false

    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("Output format: text or json.", valueName: "format"))
    var format: OutputFormat = .text

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case text
        case json
    }

    func validate() throws {
        let chosen = [("--select-semver", semverRange), ("--select-alpha", alphabeticalOrder), ("--select-numeric", numericalOrder)]
            .filter { $0.1 != nil }.map(\.0)
        if chosen.isEmpty {
            throw ValidationError("a policy must be provided with either --select-semver, --select-alpha or --select-numeric")
        }
        if chosen.count > 1 {
            throw ValidationError("only one of --select-semver, --select-alpha and --select-numeric can be given (got \(chosen.joined(separator: ", ")))")
        }
        if filterExtract != nil && filterPattern == nil {
            throw ValidationError("--filter-extract needs --filter-regex")
        }
    }

    func run() throws {
        let console = Console.current
        let selector = try makeSelector()
        let tags = try readTags(console)
        let report = PolicySelectReport(tags: tags, format: format, explain: explain)
        if explain {
            let explanation = selector.explain(tags)
            report.write(explanation, to: console)
            if case .failure(let error) = explanation.result { throw CommandFailure(.no, error.description) }
        } else {
            do {
                report.write(try selector.select(from: tags), to: console)
            } catch {
                report.write(error, to: console)
                throw CommandFailure(.no, error.description)
            }
        }
    }

    private func makeSelector() throws(CommandFailure) -> TagSelector {
        let choice = ImagePolicyChoice(
            semver: semverRange.map { SemVerPolicy(range: $0) },
            alphabetical: alphabeticalOrder.map { OrderPolicy(order: $0) },
            numerical: numericalOrder.map { OrderPolicy(order: $0) }
        )
        let filter = filterPattern.map { TagFilterSpec(pattern: $0, extract: filterExtract ?? "") }
        do {
            return try TagSelector(policy: choice, filterTags: filter)
        } catch {
            throw CommandFailure(.invalidInput, "\(Self.flag(for: error.field)): \(error.message)")
        }
    }

    private func readTags(_ console: Console) throws(CommandFailure) -> TagList {
        let bytes: [UInt8]
        let source: String
        do {
            if let tagsFile, tagsFile != "-" {
                source = tagsFile
                bytes = try console.readFile(tagsFile)
            } else {
                source = "standard input"
                if console.inputIsTerminal {
                    console.printError("ferry: reading tags from standard input, one a line; end with Ctrl-D (or use --tags-file)")
                }
                bytes = try console.readInput()
            }
        } catch {
            throw CommandFailure(.invalidInput, "--tags-file: \(error.description)")
        }
        do {
            return try TagList(lines: bytes)
        } catch {
            throw CommandFailure(.invalidInput, "\(source), \(error.description)")
        }
    }

    /// The flag a user set for a spec field, so messages name what the user typed.
    static func flag(for field: PolicyError.Field) -> String {
        switch field {
        case .semverRange: return "--select-semver"
        case .alphabeticalOrder: return "--select-alpha"
        case .numericalOrder: return "--select-numeric"
        case .filterPattern: return "--filter-regex"
        case .filterExtract: return "--filter-extract"
        case .policy, .exclusionList: return field.rawValue
        }
    }
}
