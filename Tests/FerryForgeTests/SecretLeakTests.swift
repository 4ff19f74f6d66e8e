import FerryCore
import FerryForge
import InMemoryLogging
import Logging
import Testing

/// Tokens never reach a log line (at any level, AsyncHTTPClient's own included), an error or a result.
@Suite struct SecretLeakTests {
    static let secret = "ferry-test-token"

    /// Publishes with a trace-level logger and returns everything logged, as text.
    static func logged(_ specs: [ChangeRequestSpec]) async throws -> (text: String, errors: [String], results: [String]) {
        let handler = InMemoryLogHandler()
        var logger = Logger(label: "ferry.forge.test", factory: { _ in handler })
        logger.logLevel = .trace
        var errors: [String] = []
        var results: [String] = []
        try await ForgeClient.withClient(logger: logger) { client in
            for spec in specs {
                do {
                    results.append("\(try await client.publish(spec))")
                } catch {
                    errors.append("\(error)")
                }
            }
        }
        let text = handler.entries.map { entry in
            "\(entry.message) \(entry.metadata) \(entry.error.map { "\($0)" } ?? "")"
        }.joined(separator: "\n")
        return (text, errors, results)
    }

    @Test func noForgeLogsOrReportsTheToken() async throws {
        var specs: [ChangeRequestSpec] = []
        for kind in ForgeKind.allCases {
            let forge = try ForgeHarness(kind)
            let repository = forge.repository("leak")
            specs.append(forge.spec(repository))
            specs.append(forge.spec(repository, title: "changed"))
            specs.append(forge.spec(forge.repository("leak-missing")))
        }
        let (text, errors, results) = try await Self.logged(specs)
        #expect(results.count == 8)
        #expect(errors.count == 4)
        #expect(text.contains("forge.request"))
        #expect(text.contains("forge.status"))
        #expect(!text.contains(Self.secret))
        #expect(!errors.joined().contains(Self.secret))
        #expect(!results.joined().contains(Self.secret))
    }

    @Test func aTokenTheForgeRepeatsIsScrubbed() async throws {
        let forge = try ForgeHarness(.github)
        let echoed = "ghp_echoedBackByAProxy"
        let (text, errors, _) = try await Self.logged([forge.spec("team/echo-token", credentials: .token(echoed))])
        let error = try #require(errors.first)
        #expect(error.contains("(the forge says: Bad credentials: Bearer [redacted])"))
        #expect(!error.contains(echoed))
        #expect(!text.contains(echoed))
    }

    @Test func basicCredentialsAreNeverShown() async throws {
        let forge = try ForgeHarness(.bitbucket)
        let password = "app-password-that-is-wrong"
        let (text, errors, _) = try await Self.logged([
            forge.spec(forge.repository("basic"), credentials: .basic(username: "ferry-bot", password: password))
        ])
        let error = try #require(errors.first)
        #expect(error.contains("the forge did not accept the credentials (basic (user ferry-bot))"))
        #expect(!error.contains(password))
        #expect(!text.contains(password))
    }
}
