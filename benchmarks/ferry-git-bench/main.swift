// Drives FerryGit for benchmarks/git.sh: one full automation run (check out, change one file,
// commit, push) against a repository, cold (fresh clone) or through the clone cache.
//
//   ferry-git-bench --url git://127.0.0.1:PORT/fleet.git --file apps/group-000/app-00000.yaml [--cache DIR] [--branch main] [--trace]
//
// Not part of the `ferry` command line.
import FerryCore
import FerryGit

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

struct BenchFailure: Error, CustomStringConvertible {
    var description: String
}

func option(_ name: String, in arguments: [String]) -> String? {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
    return arguments[index + 1]
}

@Sendable func printTrace(_ event: GitTraceEvent) {
    let line = "\(event.duration) \(event)\n"
    _ = line.withCString { write(2, $0, strlen($0)) }
}

func runBench() async throws {
    let arguments = Array(CommandLine.arguments.dropFirst())
    guard let url = option("--url", in: arguments), let file = option("--file", in: arguments) else {
        throw BenchFailure(description: "usage: ferry-git-bench --url URL --file PATH [--cache DIR] [--branch NAME]")
    }
    let branch = option("--branch", in: arguments) ?? "main"
    let source = GitSourceSpec(url: try GitURL(url), reference: GitCheckoutReference(branch: branch))
    let job = GitAutomationJob(
        source: source, commit: try GitCommitSpec(authorName: "Ferry Bench", authorEmail: "bench@ferry.invalid"),
        push: try GitPushPlan(push: nil, checkout: source.reference), cacheKey: "bench"
    )
    let trace: (@Sendable (GitTraceEvent) -> Void)? = arguments.contains("--trace") ? printTrace : nil
    let workspace = GitCommandLineWorkspace(configuration: .init(cacheDirectory: option("--cache", in: arguments), trace: trace))
    let stamp = GitCommandLineWorkspace.systemTime()
    let outcome = try await workspace.run(job) { tree in
        // Change one image tag, as a setter would: rewrite the file with a new, unique tag.
        let path = tree.path + "/" + file
        guard let handle = fopen(path, "r+") else { throw BenchFailure(description: "cannot open \(path)") }
        defer { fclose(handle) }
        var text = ""
        var buffer = [CChar](repeating: 0, count: 4096)
        while fgets(&buffer, Int32(buffer.count), handle) != nil {
            text += String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
        let tag = "1.\(stamp.seconds).\(stamp.nanoseconds)"
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            // `image: registry/app:TAG # {"$imagepolicy": "ns:name"}`: replace TAG, keep the marker.
            guard let range = line.firstRange(of: "image: ") else { return String(line) }
            let markerStart = line[range.upperBound...].firstRange(of: " #")?.lowerBound ?? line.endIndex
            guard let colon = line[range.upperBound..<markerStart].lastIndex(of: ":") else { return String(line) }
            return String(line[..<line.index(after: colon)]) + tag + String(line[markerStart...])
        }
        let updated = lines.joined(separator: "\n")
        rewind(handle)
        fputs(updated, handle)
        ftruncate(fileno(handle), off_t(updated.utf8.count))
        return .changed(message: "Update image to \(tag)")
    }
    guard let push = outcome.push else { throw BenchFailure(description: "nothing was pushed") }
    print(push.commit.hash)
}

do {
    try await runBench()
} catch {
    let message = "ferry-git-bench: \(error)\n"
    _ = message.withCString { write(2, $0, strlen($0)) }
    exit(1)
}
