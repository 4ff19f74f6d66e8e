import AsyncHTTPClient
import FerryCore
import FerryForge
import Foundation
import NIOCore
import NIOHTTP1
import Testing

/// The stand-in forge servers of `scripts/services/forge.sh`, with helpers to seed a repository, read its state
/// (pull requests as the forge returns them, and every request it received) and publish against it.
struct ForgeHarness {
    struct Missing: Error, CustomStringConvertible {
        var variable: String
        var description: String {
            "\(variable) is not set: run the forge tests through scripts/test, which starts scripts/services/forge.sh"
        }
    }

    static let token = "ferry-test-token"

    let forge: ForgeKind
    /// `http://127.0.0.1:PORT`.
    let origin: String

    init(_ forge: ForgeKind) throws {
        let variable = "FERRY_TEST_FORGE_" + forge.rawValue.uppercased()
        guard let origin = ProcessInfo.processInfo.environment[variable], !origin.isEmpty else { throw Missing(variable: variable) }
        self.forge = forge
        self.origin = origin
    }

    /// The API base: GitHub at the root (GHES-style `/api/v3` with `enterprise`), GitLab `/api/v4`, Gitea `/api/v1`, Bitbucket `/2.0`.
    func apiBase(enterprise: Bool = false) -> WebAddress {
        let path = switch forge {
        case .github: enterprise ? "/api/v3" : ""
        case .gitlab: "/api/v4"
        case .gitea: "/api/v1"
        case .bitbucket: "/2.0"
        }
        guard let address = WebAddress(origin + path) else { preconditionFailure("the test server address parses") }
        return address
    }

    /// A repository name no other test uses.
    func repository(_ label: String) -> String {
        let suffix = String(UInt32.random(in: 0...UInt32.max), radix: 36)
        return forge == .gitlab ? "group/sub/\(label)-\(suffix)" : "team/\(label)-\(suffix)"
    }

    func spec(
        _ repository: String, source: String = "ferry/podinfo", target: String = "main", title: String = "Update podinfo to 6.5.1",
        body: String = "- ghcr.io/stefanprodan/podinfo: 6.5.0 → 6.5.1", labels: [String] = [], reviewers: [String] = [], draft: Bool = false,
        autoMerge: AutoMergeMethod? = nil, credentials: ForgeCredentials = .token(ForgeHarness.token), enterprise: Bool = false
    ) -> ChangeRequestSpec {
        ChangeRequestSpec(
            forge: forge, apiBaseURL: apiBase(enterprise: enterprise), repository: repository, sourceBranch: source, targetBranch: target,
            title: title, body: body, labels: labels, reviewers: reviewers, draft: draft, autoMerge: autoMerge, credentials: credentials,
            // Far past what the loopback forge needs, even on a loaded CI machine (timeout tests set their own).
            timeout: .seconds(120))
    }

    func publish(_ spec: ChangeRequestSpec) async throws -> ChangeRequestResult {
        try await ForgeClient.withClient { client in try await client.publish(spec) }
    }

    func close(_ spec: ChangeRequestSpec) async throws -> ChangeRequestResult? {
        try await ForgeClient.withClient { client in try await client.close(spec) }
    }

    /// Publishes and returns the error it throws.
    func failure(_ spec: ChangeRequestSpec) async throws -> ChangeRequestError {
        do {
            let result = try await publish(spec)
            Issue.record("expected the publication to fail, got \(result)")
            throw Missing(variable: "an error")
        } catch let error as ChangeRequestError {
            return error
        }
    }

    /// A pull request to seed.
    struct Seed {
        var source: String
        var target = "main"
        var title = "old title"
        var body = ""
        var state = "open"
        var labels: [String] = []
        var headRepo: String?
    }

    /// Resets `repository` to these pull requests, repository labels (Gitea) and settings.
    func seed(
        _ repository: String, pulls: [Seed] = [], labels: [String] = [], autoMerge: String? = nil, perPageCap: Int? = nil, ignoreFilters: Bool = false,
        raceOnce: Bool = false, failClose: Int? = nil
    ) async throws {
        var settings: [(String, GoJSON)] = []
        if let failClose { settings.append(("failClose", .integer(Int64(failClose)))) }
        if raceOnce { settings.append(("raceOnce", .bool(true))) }
        if let autoMerge { settings.append(("autoMerge", .string(autoMerge))) }
        if let perPageCap { settings.append(("perPageCap", .integer(Int64(perPageCap)))) }
        if ignoreFilters { settings.append(("ignoreFilters", .bool(true))) }
        let body = GoJSON.fields([
            ("repo", .string(repository)),
            ("pulls", .array(pulls.map { seed in
                var fields: [(String, GoJSON)] = [
                    ("source", .string(seed.source)), ("target", .string(seed.target)), ("title", .string(seed.title)), ("body", .string(seed.body)),
                    ("state", .string(seed.state)), ("labels", .strings(seed.labels)),
                ]
                if let headRepo = seed.headRepo { fields.append(("headRepo", .string(headRepo))) }
                return .fields(fields)
            })),
            ("labels", .strings(labels)),
            ("settings", .fields(settings)),
        ])
        var request = HTTPClientRequest(url: origin + "/__control/seed")
        request.method = .POST
        request.body = .bytes(ByteBuffer(bytes: body.encoded()))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(120))
        _ = try await response.body.collect(upTo: 1 << 20)
        #expect(response.status == .ok)
    }

    /// The repository's state on the server.
    func state(_ repository: String) async throws -> ForgeState {
        let request = HTTPClientRequest(url: origin + "/__control/state?repo=" + PercentEncoding.queryComponent(repository))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(120))
        let body = try await response.body.collect(upTo: 16 << 20)
        let json = try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any] ?? [:]
        return ForgeState(pulls: json["pulls"] as? [[String: Any]] ?? [], requests: json["requests"] as? [[String: Any]] ?? [])
    }
}

/// What a stand-in forge holds for one repository.
struct ForgeState {
    var pulls: [[String: Any]]
    var requests: [[String: Any]]

    var openPulls: [[String: Any]] { pulls.filter { ["open", "opened", "OPEN"].contains($0["state"] as? String ?? "") } }

    /// `METHOD path` of every request, in order.
    var calls: [String] { requests.map { "\($0["method"] as? String ?? "") \($0["path"] as? String ?? "")" } }

    /// The JSON bodies of the requests with this method whose path ends with `suffix`.
    func bodies(_ method: String, _ suffix: String) -> [[String: Any]] {
        requests.filter { ($0["method"] as? String) == method && ($0["path"] as? String ?? "").hasSuffix(suffix) }
            .compactMap { $0["body"] as? [String: Any] }
    }

    /// The body of the first request with this method whose path ends with `suffix`, as JSON with sorted keys.
    func bodyJSON(_ method: String, _ suffix: String) -> String? {
        guard let body = bodies(method, suffix).first,
              let data = try? JSONSerialization.data(withJSONObject: body, options: [.sortedKeys, .withoutEscapingSlashes]) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    /// The query strings of the requests with this method whose path ends with `suffix`.
    func queries(_ method: String, _ suffix: String) -> [String] {
        requests.filter { ($0["method"] as? String) == method && ($0["path"] as? String ?? "").hasSuffix(suffix) }.compactMap { $0["query"] as? String }
    }
}
