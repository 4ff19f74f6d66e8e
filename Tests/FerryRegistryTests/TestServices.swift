import FerryCore
import Foundation
import Testing

@testable import FerryRegistry

/// The loopback servers `scripts/services/registry.sh` starts; `scripts/test` exports their variables.
enum TestServices {
    /// A variable's value; the test fails (not skips) naming the variable when it is missing.
    static func value(_ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let value = ProcessInfo.processInfo.environment[name]
        try #require(value != nil, "\(name) is not set: run the tests through scripts/test, which starts scripts/services/registry.sh", sourceLocation: sourceLocation)
        return value ?? ""
    }

    static func file(_ name: String) throws -> String {
        try String(contentsOfFile: value(name), encoding: .utf8)
    }

    static func repository(_ variable: String, _ path: String, insecure: Bool = false) throws -> ImageRepositoryName {
        try ImageRepositoryName(parsing: "\(value(variable))/\(path)", insecure: insecure)
    }

    /// A fresh nonce for fault-proxy specs, so counters never carry over between runs.
    static func nonce() -> String { "n" + String(UInt64.random(in: 0..<UInt64.max), radix: 36) }

    /// Runs `body` with a client; `configure` adjusts the configuration first.
    static func withClient<T: Sendable>(
        _ configure: (inout RegistryClientConfiguration) -> Void = { _ in }, _ body: (OCIRegistryClient) async throws -> T
    ) async throws -> T {
        var configuration = RegistryClientConfiguration()
        configuration.retryBackoff = .milliseconds(20)
        configure(&configuration)
        return try await OCIRegistryClient.withClient(configuration: configuration, body)
    }

    /// The error a scan throws, or a test failure when it succeeds.
    static func scanError(_ repository: ImageRepositoryName, _ access: RegistryAccess = .anonymous, configure: (inout RegistryClientConfiguration) -> Void = { _ in })
        async throws -> RegistryError
    {
        try await withClient(configure) { client in
            do throws(RegistryError) {
                let listing = try await client.listTagsPatiently(in: repository, access: access)
                Issue.record("the scan of \(repository) succeeded with \(listing.tags.count) tags")
                return RegistryError(.cancelled, operation: "none", reason: "no error")
            } catch {
                return error
            }
        }
    }

    static let teamAppTags: Set<String> = ["1.0.0", "1.1.0", "1.2.0", "2.0.0-rc.1", "latest", "sha256-0123abcd.sig"]
}

extension OCIRegistryClient {
    /// `listTags(in:access:)` with a default timeout raised from 60 s to 10 minutes: the whole test run shares two
    /// cores, where a listing of 25 one-tag pages through the Python proxy has taken more than a minute. Timeouts a
    /// test sets itself are kept.
    func listTagsPatiently(in repository: ImageRepositoryName, access: RegistryAccess) async throws(RegistryError) -> TagListing {
        var patient = access
        if patient.limits.timeout == RegistryLimits().timeout { patient.limits.timeout = .seconds(600) }
        return try await listTags(in: repository, access: patient)
    }
}
