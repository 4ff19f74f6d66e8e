import FerryCore
import Foundation
import Testing

@testable import FerryGit

/// The runner under git: both streams read whole and at once, their limits, redaction, exit statuses.
@Suite struct CommandRunnerTests {
    let runner = CommandRunner(
        environment: ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "LC_ALL": "C"],
        redaction: GitRedaction(secrets: ["s3cr3t-value"]), trace: nil)

    @Test func bothStreamsAreReadWholeWhileTheChildWrites() async throws {
        // 3 MiB on each stream, far more than a pipe holds: the child finishes only if both are drained at once.
        let script = "head -c 3145728 /dev/zero | tr '\\0' o; head -c 1048000 /dev/zero | tr '\\0' e >&2; echo s3cr3t-value >&2; exit 3"
        let output = try await runner.run("sh", ["-c", script], timeout: .seconds(120), operation: "printing")
        #expect(output.status == 3)
        #expect(output.standardOutput.utf8.count == 3_145_728)
        #expect(output.standardOutput.utf8.allSatisfy { $0 == UInt8(ascii: "o") })
        #expect(output.standardError.hasPrefix(String(repeating: "e", count: 1_048_000)))
        #expect(!output.standardError.contains("s3cr3t-value"), "standard error is scrubbed")
    }

    @Test func standardInputReachesTheChild() async throws {
        let output = try await runner.run("sh", ["-c", "tr a-z A-Z"], input: Array("ferry\n".utf8), timeout: .seconds(120), operation: "reading")
        #expect(output.succeeded)
        #expect(output.standardOutput == "FERRY\n")
    }

    @Test(arguments: [
        ("head -c 33554433 /dev/zero", "standard output one byte over its 32 MiB limit"),
        ("head -c 1048577 /dev/zero >&2", "standard error one byte over its 1 MiB limit"),
    ])
    func outputOverTheLimitIsRefused(script: String, what: String) async throws {
        let error = await #expect(throws: GitError.self, "\(what)") {
            try await runner.run("sh", ["-c", script], timeout: .seconds(120), operation: "printing a lot")
        }
        #expect(error?.description.contains("printing a lot: sh printed more than the adapter reads; stopped") == true, "\(what)")
    }

    @Test func outputAtTheLimitIsRead() async throws {
        let output = try await runner.run("sh", ["-c", "head -c 33554432 /dev/zero"], timeout: .seconds(120), operation: "printing")
        #expect(output.succeeded)
        #expect(output.standardOutput.utf8.count == 33_554_432)
    }

    @Test func aMissingProgramIsNamed() async throws {
        let error = await #expect(throws: GitError.self) {
            try await runner.run("ferry-no-such-program", [], timeout: .seconds(120), operation: "running")
        }
        #expect(error?.description.contains("ferry-no-such-program was not found in PATH") == true)
    }
}
