import FerryCore
import FerryRegistry

/// What `ferry scan` was asked to do, validated and with its files read.
struct ScanRequest: Sendable {
    var image: String
    var repository: ImageRepositoryName
    var access: RegistryAccess
    var exclusions: ExclusionList
    var digestTag: String?
}

/// Turns `ferry scan` flags into a ``ScanRequest``; every failure is invalid input naming the flag.
struct ScanRequestBuilder {
    let command: ScanCommand
    let console: Console

    func build() throws(CommandFailure) -> ScanRequest {
        let repository: ImageRepositoryName
        do {
            repository = try ImageRepositoryName(parsing: command.image, insecure: command.insecure)
        } catch {
            throw CommandFailure(.invalidInput, "image: \(error.description)")
        }
        let exclusions: ExclusionList
        do {
            exclusions = try ExclusionList(command.exclusions)
        } catch {
            throw CommandFailure(.invalidInput, "--exclude: \(error.message)")
        }
        let timeout = ((try? GoDuration(parsing: command.timeout)) ?? .seconds(60)).duration
        let access = RegistryAccess(
            credentials: try credentials(),
            provider: RegistryProvider(rawValue: command.provider) ?? .generic,
            tls: RegistryTLS(
                caCertificatesPEM: try command.caFile.map { path throws(CommandFailure) in try text(path, flag: "--ca-file") },
                clientCertificatePEM: try command.certFile.map { path throws(CommandFailure) in try text(path, flag: "--cert-file") },
                clientKeyPEM: try command.keyFile.map { path throws(CommandFailure) in try text(path, flag: "--key-file") }
            ),
            limits: RegistryLimits(timeout: timeout, pageSize: command.pageSize)
        )
        return ScanRequest(image: command.image, repository: repository, access: access, exclusions: exclusions, digestTag: command.digest)
    }

    private func credentials() throws(CommandFailure) -> RegistryCredentials {
        if let username = command.username {
            var password = command.password ?? ""
            if command.passwordFromStandardInput {
                do {
                    password = String(decoding: try console.readInput(), as: UTF8.self)
                } catch {
                    throw CommandFailure(.invalidInput, "--password-stdin: \(error.description)")
                }
                while let last = password.last, last == "\n" || last == "\r" { password.removeLast() }
                if password.isEmpty { throw CommandFailure(.invalidInput, "--password-stdin: standard input is empty") }
            }
            return .basic(username: username, password: password)
        }
        if let path = command.dockerConfig {
            let bytes: [UInt8]
            do {
                bytes = try console.readFile(path)
            } catch {
                throw CommandFailure(.invalidInput, "--docker-config: \(error.description)")
            }
            do {
                return .dockerConfig(try DockerConfig(configJSON: bytes, source: path, rules: .dockerCLI))
            } catch {
                throw CommandFailure(.invalidInput, "--docker-config: \(error.description)")
            }
        }
        return .anonymous
    }

    private func text(_ path: String, flag: String) throws(CommandFailure) -> String {
        do {
            return String(decoding: try console.readFile(path), as: UTF8.self)
        } catch {
            throw CommandFailure(.invalidInput, "\(flag): \(error.description)")
        }
    }
}

/// What the registry answered, after the exclusion list.
struct ScanOutcome: Sendable {
    var listing: TagListing
    /// The kept tags in Flux's stored order (descending byte order).
    var tags: [String]
    var excluded: Int
    var digest: String?

    static func run(_ request: ScanRequest, client: some RegistryClient) async throws -> ScanOutcome {
        let listing = try await client.listTags(in: request.repository, access: request.access)
        // Exclusion patterns are linear-time Go regexps over tags of bounded length: no step budget is needed.
        var budget = MatchBudget.unlimited
        let kept: [String]
        do throws(GoRegexpError) {
            kept = try request.exclusions.apply(to: listing.tags, budget: &budget)
        } catch {
            throw CommandFailure(.invalidInput, "--exclude: \(error.description)")
        }
        let sorted = kept.sorted { $1.utf8.lexicographicallyPrecedes($0.utf8) }
        var digest: String?
        if let tag = request.digestTag {
            digest = try await client.digest(of: tag, in: request.repository, access: request.access)
        }
        return ScanOutcome(listing: listing, tags: sorted, excluded: listing.tags.count - kept.count, digest: digest)
    }
}

/// Prints a scan as text or JSON.
struct ScanReport {
    let request: ScanRequest
    let outcome: ScanOutcome
    let format: ScanCommand.OutputFormat

    func write(to console: Console) {
        let throttles = outcome.listing.throttles
        switch format {
        case .text:
            if !throttles.isEmpty {
                console.printError("ferry: warning: the registry throttled the scan \(throttles.count) time(s): \(throttles.map(\.description).joined(separator: "; "))")
            }
            if let tag = request.digestTag, let digest = outcome.digest {
                console.print("\(tag) \(digest)")
            } else {
                var text = ""
                text.reserveCapacity(outcome.tags.count * 12)
                for tag in outcome.tags {
                    text += tag
                    text += "\n"
                }
                console.writeOutput(text)
            }
        case .json:
            var members: [(String, JSONValue)] = [
                ("image", .string(request.image)), ("canonicalName", .string(outcome.listing.canonicalName)), ("count", .number(outcome.tags.count)),
                ("excluded", .number(outcome.excluded)), ("exclusionList", .array(request.exclusions.patterns.map(JSONValue.string))),
                ("pages", .number(outcome.listing.pages)),
                ("throttles", .array(throttles.map { .object([("status", .number($0.status)), ("waited", .string(waitedText($0.waited)))]) })),
                ("tags", .array(outcome.tags.map(JSONValue.string))),
            ]
            if let tag = request.digestTag {
                members.append(("digest", .object([("tag", .string(tag)), ("digest", outcome.digest.map(JSONValue.string) ?? .null)])))
            } else {
                members.append(("digest", .null))
            }
            console.print(JSONValue.object(members).rendered())
        }
    }

    private func waitedText(_ duration: Duration) -> String {
        let throttle = RegistryThrottle(status: 0, waited: duration).description
        return String(throttle.dropFirst("0, waited ".count))
    }
}
