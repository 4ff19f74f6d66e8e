import Foundation
import Testing

/// Security end to end: no planted credential in anything a full `ferry run` shows (logs at debug level, its
/// messages, events, the stored status, `/metrics`, `/api/status`, the status page, webhook answers, `ferry get`
/// output, the state file, the commits); `update.path` and symlinks cannot reach outside the checkout; the HTTP
/// endpoints refuse oversize requests.
@Suite("Reliability: security")
struct ReliabilitySecurityTests {
    static func secret(_ label: String) -> String { "\(label)-\(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: ""))" }

    /// What a secret looks like in the places it could leak to: as is, Base64 (also as `user:secret`), URL-escaped.
    static func forms(_ secret: String, user: String? = nil) -> [String] {
        var forms = [secret, Data(secret.utf8).base64EncodedString()]
        if let user { forms.append(Data("\(user):\(secret)".utf8).base64EncodedString()) }
        if let escaped = secret.addingPercentEncoding(withAllowedCharacters: .alphanumerics), escaped != secret { forms.append(escaped) }
        return forms
    }

    static func curl(_ world: E2EWorld, _ arguments: [String]) async throws -> String {
        try await world.run("curl", ["-s", "-S", "--max-time", "20", "-i"] + arguments)
    }

    @Test("Planted secrets appear in no output of a full ferry run: logs, events, status, metrics, errors, state, commits")
    func noSecretInAnyOutput() async throws {
        let tokenRegistry = try E2EWorld.variable("FERRY_TEST_REGISTRY_TOKEN")
        let registryUser = try E2EWorld.variable("FERRY_TEST_REGISTRY_USER")
        let registryPassword = try E2EWorld.variable("FERRY_TEST_REGISTRY_PASSWORD")
        let notify = try E2EWorld.variable("FERRY_TEST_NOTIFY_HTTP")
        let webhookToken = Self.secret("webhook")
        let providerToken = Self.secret("provider-token")
        let providerPath = Self.secret("provider-path")
        let wrongRegistryPassword = Self.secret("wrong-registry")
        let wrongGitPassword = Self.secret("wrong-git")
        let port = try await ferryFreePort()
        let notifyPrefix = "nosecret-\(UUID().uuidString.prefix(8))"

        // A second automation on a GitRepository with a wrong password, an ImageRepository with a wrong one,
        // a Receiver, and a Provider whose address (a secret) answers 404 so that delivery errors are printed (404 is
        // final: no retry backoff to wait out).
        var httpURL = ""
        let extra = """
            ---
            apiVersion: image.toolkit.fluxcd.io/v1
            kind: ImageRepository
            metadata: {name: wrong, namespace: flux-system}
            spec: {image: \(tokenRegistry)/secret-scan/wrong, interval: 1h, secretRef: {name: wrong-registry}}
            ---
            apiVersion: source.toolkit.fluxcd.io/v1
            kind: GitRepository
            metadata: {name: wrong, namespace: flux-system}
            spec: {interval: 1h, url: "@HTTP_URL@", ref: {branch: main}, secretRef: {name: wrong-git}}
            ---
            apiVersion: image.toolkit.fluxcd.io/v1
            kind: ImageUpdateAutomation
            metadata: {name: wrong, namespace: flux-system}
            spec:
              interval: 1h
              sourceRef: {kind: GitRepository, name: wrong}
              git:
                commit: {author: {name: ferry, email: ferry@example.com}}
                push: {branch: main}
              update: {path: ./apps, strategy: Setters}
            ---
            apiVersion: notification.toolkit.fluxcd.io/v1
            kind: Receiver
            metadata: {name: registry, namespace: flux-system}
            spec:
              type: generic
              secretRef: {name: webhook-token}
              resources:
                - {apiVersion: image.toolkit.fluxcd.io/v1, kind: ImageRepository, name: app}
            ---
            apiVersion: notification.toolkit.fluxcd.io/v1beta3
            kind: Provider
            metadata: {name: hooks, namespace: flux-system}
            spec: {type: generic-hmac, secretRef: {name: provider-secret}}
            ---
            apiVersion: notification.toolkit.fluxcd.io/v1beta3
            kind: Alert
            metadata: {name: all, namespace: flux-system}
            spec:
              providerRef: {name: hooks}
              eventSeverity: info
              eventSources:
                - {kind: ImageRepository, name: '*'}
                - {kind: ImagePolicy, name: '*'}
                - {kind: ImageUpdateAutomation, name: '*'}

            """
        let scenario = try await ReliabilityScenario(
            name: "no-secret", imageHost: "\(tokenRegistry)/\(UUID().uuidString.prefix(8).lowercased())", gitURL: { world in
                "\(world.httpURL)/\(world.repositoryName).git"
            }, imageSecret: "registry-auth", gitSecret: "git-auth", extraManifests: extra)
        defer { scenario.world.remove() }
        httpURL = scenario.gitURL
        let objects = try String(contentsOfFile: scenario.manifests + "/objects.yaml", encoding: .utf8).replacingOccurrences(of: "@HTTP_URL@", with: httpURL)
        try objects.write(toFile: scenario.manifests + "/objects.yaml", atomically: true, encoding: .utf8)
        let world = scenario.world
        let upstream = scenario.images["app"].map { String($0.dropFirst(tokenRegistry.count + 1)) } ?? ""
        try await world.run("python3", [E2EWorld.seeder, "--registry", world.registry, "--repo", upstream, "--tags", "1.0.0,1.6.0"])
        func dockerConfig(_ password: String) -> String {
            #"{"auths":{"\#(tokenRegistry)":{"username":"\#(registryUser)","password":"\#(password)"}}}"#
        }
        try """
            apiVersion: v1
            kind: Secret
            metadata: {name: registry-auth, namespace: flux-system}
            type: kubernetes.io/dockerconfigjson
            stringData: {.dockerconfigjson: '\(dockerConfig(registryPassword))'}
            ---
            apiVersion: v1
            kind: Secret
            metadata: {name: wrong-registry, namespace: flux-system}
            type: kubernetes.io/dockerconfigjson
            stringData: {.dockerconfigjson: '\(dockerConfig(wrongRegistryPassword))'}
            ---
            apiVersion: v1
            kind: Secret
            metadata: {name: git-auth, namespace: flux-system}
            stringData: {username: \(world.httpUser), password: \(world.httpPassword)}
            ---
            apiVersion: v1
            kind: Secret
            metadata: {name: wrong-git, namespace: flux-system}
            stringData: {username: \(world.httpUser), password: \(wrongGitPassword)}
            ---
            apiVersion: v1
            kind: Secret
            metadata: {name: webhook-token, namespace: flux-system}
            stringData: {token: \(webhookToken)}
            ---
            apiVersion: v1
            kind: Secret
            metadata: {name: provider-secret, namespace: flux-system}
            stringData: {address: "\(notify)/status/404/\(notifyPrefix)/\(providerPath)", token: \(providerToken)}

            """.write(toFile: scenario.secrets + "/secrets.yaml", atomically: true, encoding: .utf8)

        // First --once (its messages and errors), then the daemon with the HTTP server.
        let once = try await scenario.once(["--log-level", "debug"])
        var captured = once.stdout + once.stderr
        #expect(try await scenario.tag(of: scenario.file("app"), app: "app") == "1.6.0", "the good path worked: \(once.stderr)")
        #expect(once.stderr.contains("✗ ImageRepository/flux-system/wrong"), "the wrong registry password fails: \(once.stderr)")
        #expect(once.stderr.contains("✗ ImageUpdateAutomation/flux-system/wrong"), "the wrong Git password fails: \(once.stderr)")

        try await world.run("python3", [E2EWorld.seeder, "--registry", world.registry, "--repo", upstream, "--tags", "1.7.0"])
        let daemon = try ReliabilityProcess(
            ReliabilityProcess.ferry, scenario.runArguments + ["--listen", "127.0.0.1:\(port)", "--log-level", "debug"], output: world.scratch + "/daemon.log")
        defer { daemon.end() }
        try await reliabilityWaitPort(port, seconds: 60)
        let hook = "http://127.0.0.1:\(port)" + webhookPath(token: webhookToken, name: "registry")
        captured += try await Self.curl(world, ["-X", "POST", "-d", "{}", hook])
        captured += try await Self.curl(world, ["-X", "POST", "-d", "{}", "http://127.0.0.1:\(port)" + webhookPath(token: wrongGitPassword, name: "registry")])
        let landed = await reliabilityWait(seconds: 180) { (try? await scenario.tag(of: scenario.file("app"), app: "app")) == "1.7.0" }
        #expect(landed, "the webhook-triggered update landed")
        try await Task.sleep(for: .seconds(2))
        for path in ["/metrics", "/api/status", "/", "/healthz", "/readyz", "/hook/unknown"] {
            captured += try await Self.curl(world, ["http://127.0.0.1:\(port)\(path)"])
        }
        let stopped = await daemon.stop()
        #expect(stopped == 0, "ferry run stops cleanly on SIGTERM (status \(stopped)); the end of its log:\n\(daemon.log.suffix(3000))")
        captured += daemon.log
        for kind in ["all", "repository", "policy", "update"] {
            let get = try await ReliabilityProcess.run(
                ReliabilityProcess.ferry, ["get", "image", kind, "-A", "-o", "json", "--manifests", scenario.manifests, "--state", scenario.state],
                in: world.scratch)
            captured += get.stdout + get.stderr
        }
        captured += try await world.run("sqlite3", [scenario.state, ".dump"])
        captured += try await world.git(["--git-dir", world.bare, "log", "-p", "--all"])
        captured += try await world.run("curl", ["-s", "\(notify)/__requests?prefix=/status/404/\(notifyPrefix)"])
            .replacingOccurrences(of: providerPath, with: "<the address, which the test itself chose>")

        #expect(captured.contains("webhook") || captured.contains("Receiver"), "the capture is not empty")
        #expect(captured.contains("status code 404"), "the failed deliveries were reported (the error path was taken)")
        let planted: [(String, [String])] = [
            ("the registry password", Self.forms(registryPassword, user: registryUser)),
            ("the wrong registry password", Self.forms(wrongRegistryPassword, user: registryUser)),
            ("the Git password", Self.forms(world.httpPassword, user: world.httpUser)),
            ("the wrong Git password", Self.forms(wrongGitPassword, user: world.httpUser)),
            ("the webhook token", Self.forms(webhookToken)),
            ("the provider token", Self.forms(providerToken)),
            ("the provider address", Self.forms(providerPath)),
        ]
        for (what, forms) in planted {
            for form in forms {
                #expect(!captured.contains(form), "\(what) leaks (as \(form)) in: \(Self.around(form, in: captured))")
            }
        }
        print("secret scan: \(captured.utf8.count) bytes of output scanned for \(planted.reduce(0) { $0 + $1.1.count }) forms of \(planted.count) secrets")
    }

    static func around(_ needle: String, in text: String) -> String {
        guard let range = text.range(of: needle) else { return "" }
        let start = text.index(range.lowerBound, offsetBy: -200, limitedBy: text.startIndex) ?? text.startIndex
        let end = text.index(range.upperBound, offsetBy: 200, limitedBy: text.endIndex) ?? text.endIndex
        return String(text[start..<end])
    }

    func webhookPath(token: String, name: String, namespace: String = "flux-system") -> String {
        "/hook/" + sha256Hex(token + name + namespace)
    }

    @Test("update.path with ../ and symlinks pointing outside the checkout: nothing outside is read or written", arguments: [
        "../../../../../../OUTSIDE", "./apps/../../OUTSIDE", "./apps",
    ])
    func noEscape(path: String) async throws {
        // Outside the checkout: a folder with a marker file of its own, which must stay as it is.
        let outsideRoot = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-outside-\(UUID().uuidString.prefix(8))").path
        defer { try? FileManager.default.removeItem(atPath: outsideRoot) }
        try FileManager.default.createDirectory(atPath: outsideRoot, withIntermediateDirectories: true)
        let scenario = try await ReliabilityScenario(name: "escape", updatePath: path.replacingOccurrences(of: "OUTSIDE", with: String(outsideRoot.dropFirst())))
        defer { scenario.world.remove() }
        let outsideFile = outsideRoot + "/victim.yaml"
        let victim = scenario.deployment("app", "1.0.0")
        try victim.write(toFile: outsideFile, atomically: true, encoding: .utf8)
        // Symlinks in the repository: a folder and a file pointing outside.
        let work = scenario.world.scratch + "/seed"
        try FileManager.default.createSymbolicLink(atPath: work + "/apps/linked-dir", withDestinationPath: outsideRoot)
        try FileManager.default.createSymbolicLink(atPath: work + "/apps/linked.yaml", withDestinationPath: outsideFile)
        try await scenario.world.git(["add", "-A"], in: work)
        try await scenario.world.git(["commit", "-m", "symlinks out"], in: work)
        try await scenario.world.git(["push", scenario.world.bare, "main"], in: work)
        try await scenario.push("app", "1.0.0", "1.8.0")

        let run = try await scenario.once()
        #expect(try String(contentsOfFile: outsideFile, encoding: .utf8) == victim, "the file outside the checkout is untouched (\(path)): \(run.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: outsideRoot) == ["victim.yaml"], "nothing was written outside")
        // The symlinks are committed as they were: links, with the same targets.
        let tree = try await scenario.world.git(["--git-dir", scenario.world.bare, "ls-tree", "-r", "main", "apps/"])
        #expect(tree.contains("120000 blob") && tree.contains("apps/linked-dir") && tree.contains("apps/linked.yaml"), "\(tree)")
        let target = try await scenario.world.show("main", "apps/linked.yaml")
        #expect(target == outsideFile)
        if path == "./apps" {
            #expect(run.status == 0, "\(run.stderr)")
            try await scenario.checkInvariants(["app": ["1.8.0"]], "symlinks out of ./apps")
        } else {
            // A path that climbs out is held inside the checkout (Flux's securejoin): no such folder there.
            try await scenario.checkInvariants(["app": ["1.0.0", "1.8.0"]], "update.path \(path)")
            #expect(try await scenario.commits().count == 2, "no commit reaches outside")
        }
    }

    @Test("The HTTP endpoints of ferry run refuse an oversize webhook body (413) and an oversize header block, and keep serving")
    func requestLimits() async throws {
        let scenario = try await ReliabilityScenario(name: "limits", extraManifests: """
            ---
            apiVersion: notification.toolkit.fluxcd.io/v1
            kind: Receiver
            metadata: {name: registry, namespace: flux-system}
            spec:
              type: generic
              secretRef: {name: webhook-token}
              resources:
                - {apiVersion: image.toolkit.fluxcd.io/v1, kind: ImageRepository, name: app}

            """)
        defer { scenario.world.remove() }
        let token = Self.secret("limits")
        try "apiVersion: v1\nkind: Secret\nmetadata: {name: webhook-token, namespace: flux-system}\nstringData: {token: \(token)}\n"
            .write(toFile: scenario.secrets + "/token.yaml", atomically: true, encoding: .utf8)
        try await scenario.push("app", "1.0.0")
        let port = try await ferryFreePort()
        let daemon = try ReliabilityProcess(ReliabilityProcess.ferry, scenario.runArguments + ["--listen", "127.0.0.1:\(port)"], output: scenario.world.scratch + "/daemon.log")
        defer { daemon.end() }
        try await reliabilityWaitPort(port, seconds: 60)
        let hook = "http://127.0.0.1:\(port)" + webhookPath(token: token, name: "registry")
        let big = scenario.world.scratch + "/big.json"
        try Data(repeating: UInt8(ascii: "x"), count: 4 * 1024 * 1024).write(to: URL(fileURLWithPath: big))
        let oversize = try await scenario.world.run("curl", ["-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "30", "-X", "POST", "--data-binary", "@" + big, hook])
        #expect(oversize == "413", "a 4 MiB body: \(oversize)")
        let header = String(repeating: "h", count: 300 * 1024)
        let headers = try? await scenario.world.run("curl", ["-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "30", "-H", "X-Big: \(header)", "http://127.0.0.1:\(port)/healthz"])
        #expect(headers.map { $0 != "200" } ?? true, "a 300 KiB header is not served: \(headers ?? "connection closed")")
        let fine = try await scenario.world.run("curl", ["-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "30", "-X", "POST", "-d", "{}", hook])
        #expect(fine == "200", "the server still serves: \(fine)")
        let stopped = await daemon.stop()
        #expect(stopped == 0, "ferry run stops cleanly on SIGTERM (status \(stopped))")
    }
}
