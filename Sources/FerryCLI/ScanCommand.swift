import ArgumentParser
import FerryCore
import FerryRegistry

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `ferry scan`: list a repository's tags (and a tag's digest) from a registry, as an ImageRepository scan would.
struct ScanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "List a repository's tags from a registry, as a Flux ImageRepository scan would.",
        discussion: """
            IMAGE is an ImageRepository spec.image: a repository without scheme, tag or digest \
            (alpine, ghcr.io/org/app, localhost:5000/team/app). Prints the tags one a line, after \
            the exclusion list, in the order Flux stores them (descending byte order). With \
            --digest TAG it prints the digest TAG points to instead (-o json gives both).

            Credentials: anonymous by default; --username with --password or --password-stdin; \
            --docker-config with a Docker config.json (or a Secret's .dockerconfigjson); or \
            --provider aws|gcp|azure, which reads the cloud credentials of the environment \
            (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or AWS_WEB_IDENTITY_TOKEN_FILE/AWS_ROLE_ARN; \
            the GCE metadata server; Azure workload or managed identity).

            Exit status: 0 the tags were listed; 2 invalid input (image, flag, file, regex); \
            3 the registry could not be read (unreachable, 401, 403, 404, throttled, malformed \
            answer, timeout).

            Examples:
              ferry scan alpine
              ferry scan ghcr.io/fluxcd/source-controller -o json
              ferry scan localhost:5000/team/app --digest 1.2.3
              echo "$TOKEN" | ferry scan registry.example.com/team/app --username ci --password-stdin \\
                  --ca-file ca.crt --timeout 30s
              ferry scan registry.example.com/team/app --docker-config ~/.docker/config.json --exclude '^sha256-' --exclude '\\.sig$'
              ferry scan 123456789012.dkr.ecr.eu-west-1.amazonaws.com/app --provider aws
            """
    )

    @Argument(help: ArgumentHelp("The repository: spec.image of an ImageRepository.", valueName: "image"))
    var image: String

    @Option(help: ArgumentHelp("The registry user (Basic auth, or for the registry's token server).", valueName: "user"))
    var username: String?

    @Option(help: ArgumentHelp("The password or access token of --username (prefer --password-stdin).", valueName: "password"))
    var password: String?

    @Flag(name: .customLong("password-stdin"), help: "Read the password from standard input.")
    var passwordFromStandardInput = false

    @Option(name: .customLong("docker-config"), help: ArgumentHelp("A Docker config.json (or .dockerconfigjson) with credentials per registry.", valueName: "file"))
    var dockerConfig: String?

    @Option(help: ArgumentHelp("Where credentials come from: generic, aws, azure or gcp (spec.provider).", valueName: "provider"))
    var provider: String = "generic"

    @Flag(help: "Allow plain HTTP to the registry (spec.insecure).")
    var insecure = false

    @Option(name: .customLong("ca-file"), help: ArgumentHelp("PEM CA certificates to trust besides the system's (ca.crt).", valueName: "file"))
    var caFile: String?

    @Option(name: .customLong("cert-file"), help: ArgumentHelp("PEM client certificate for mutual TLS (tls.crt).", valueName: "file"))
    var certFile: String?

    @Option(name: .customLong("key-file"), help: ArgumentHelp("PEM private key of --cert-file (tls.key).", valueName: "file"))
    var keyFile: String?

    @Option(help: ArgumentHelp("Also look up the digest this tag points to.", valueName: "tag"))
    var digest: String?

    @Option(help: ArgumentHelp("The whole scan's time limit, a Go duration such as 30s or 2m (spec.timeout).", valueName: "duration"))
    var timeout: String = "1m"

    @Option(
        name: .customLong("exclude"),
        help: ArgumentHelp("Drop tags this Go regular expression matches (repeatable; replaces the default ^.*\\.sig$; spec.exclusionList).", valueName: "regex"))
    var exclusions: [String] = []

    @Option(name: .customLong("page-size"), help: ArgumentHelp("Tags asked for per page (the n parameter, 1 to 10000).", valueName: "n"))
    var pageSize: Int = 1000

    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("Output format: text or json.", valueName: "format"))
    var format: OutputFormat = .text

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case text
        case json
    }

    func validate() throws {
        if password != nil && passwordFromStandardInput { throw ValidationError("give --password or --password-stdin, not both") }
        if (password != nil || passwordFromStandardInput) && username == nil { throw ValidationError("--password and --password-stdin need --username") }
        if username != nil && dockerConfig != nil { throw ValidationError("give --username or --docker-config, not both") }
        if RegistryProvider(rawValue: provider) == nil {
            throw ValidationError("--provider: \"\(provider)\" is not one of generic, aws, azure, gcp")
        }
        if RegistryProvider(rawValue: provider) != .generic && (username != nil || dockerConfig != nil) {
            throw ValidationError("--provider \(provider) gets credentials from the cloud; it cannot be combined with --username or --docker-config")
        }
        if (certFile == nil) != (keyFile == nil) { throw ValidationError("--cert-file and --key-file go together") }
        guard let parsed = try? GoDuration(parsing: timeout), parsed > .zero else {
            throw ValidationError("--timeout: \"\(timeout)\" is not a duration such as 30s, 1m30s or 500ms")
        }
        if !(1...10_000).contains(pageSize) { throw ValidationError("--page-size: \(pageSize) is not between 1 and 10000") }
    }

    func run() async throws {
        let console = Console.current
        let request = try ScanRequestBuilder(command: self, console: console).build()
        let outcome: ScanOutcome
        do {
            var configuration = RegistryClientConfiguration(environment: Self.processEnvironment())
            configuration.eventLoopThreads = 1
            outcome = try await OCIRegistryClient.withClient(configuration: configuration) { client in
                try await ScanOutcome.run(request, client: client)
            }
        } catch let error as RegistryError {
            throw CommandFailure(.failure, error.description)
        } catch let failure as CommandFailure {
            throw failure
        } catch {
            throw CommandFailure(.failure, "\(error)")
        }
        ScanReport(request: request, outcome: outcome, format: format).write(to: console)
    }

    /// The process environment (the cloud providers read their credentials from it).
    static func processEnvironment() -> [String: String] {
        var result: [String: String] = [:]
        var pointer = environ
        while let entry = pointer.pointee {
            let text = String(cString: entry)
            if let equals = text.firstIndex(of: "=") { result[String(text[..<equals])] = String(text[text.index(after: equals)...]) }
            pointer += 1
        }
        return result
    }
}
