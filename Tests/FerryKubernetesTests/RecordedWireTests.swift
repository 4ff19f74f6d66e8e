import FerryCore
@testable import FerryKubernetes
@testable import FerryKubeTesting
import Foundation
import NIOHTTP1
import Testing

/// The client's decoders against the bytes kube-apiserver v1.36 really sent.
struct RecordedWireTests {
    @Test func decodesTheCreatedImagePolicyWithItsDefaults() throws {
        let exchange = try RecordedExchange.load("02-imagepolicy-crud", "02-create")
        let policy = try JSONDecoder().decode(ImagePolicy.self, from: Data(exchange.responseBody))
        #expect(policy.metadata.name == "podinfo")
        #expect(policy.metadata.resourceVersion == "221")
        #expect(policy.metadata.generation == 1)
        #expect(policy.metadata.labels == ["app": "podinfo"])
        #expect(policy.spec.policy.semver?.range == ">=5.0.0")
        #expect(policy.spec.digestReflectionPolicy == .never)
        #expect(policy.status.observedGeneration == -1)
        #expect(policy.metadata.creationTimestamp?.rfc3339 == "2026-11-22T04:11:54Z")
    }

    @Test func decodesImageRepositoryDefaultsAndStatusWithConditions() throws {
        let repository = try JSONDecoder().decode(
            ImageRepository.self, from: Data(try RecordedExchange.load("02-imagepolicy-crud", "01-create-imagerepository").responseBody))
        #expect(repository.spec.provider == "generic")
        #expect(repository.spec.exclusionList == ["^.*\\.sig$"])
        let patched = try JSONDecoder().decode(
            ImagePolicy.self, from: Data(try RecordedExchange.load("02-imagepolicy-crud", "30-status-merge-patch").responseBody))
        let ready = try #require(patched.status.conditions.condition("Ready"))
        #expect(ready.status == .false)
        #expect(ready.reason == "ReconciliationFailed")
        #expect(ready.observedGeneration == 4)
        #expect(ready.lastTransitionTime.rfc3339 == "2026-11-22T04:11:00Z")
        #expect(patched.status.latestRef == ImagePolicy.ImageRef(name: "ghcr.io/stefanprodan/podinfo", tag: "6.5.0"))
    }

    @Test func decodesAListPageWithItsContinueToken() throws {
        let page = try JSONDecoder().decode(
            ObjectList<ImagePolicy>.self, from: Data(try RecordedExchange.load("02-imagepolicy-crud", "05-list-page1").responseBody))
        #expect(page.items.map(\.metadata.name) == ["podinfo", "podinfo-b"])
        #expect(page.metadata.remainingItemCount == 3)
        #expect(page.metadata.continue?.isEmpty == false)
        let last = try JSONDecoder().decode(
            ObjectList<ImagePolicy>.self, from: Data(try RecordedExchange.load("02-imagepolicy-crud", "07-list-page3").responseBody))
        #expect(last.metadata.continue == "")
    }

    @Test(arguments: [
        ("02-imagepolicy-crud", "03-create-already-exists", 409, "AlreadyExists"),
        ("02-imagepolicy-crud", "13-update-stale-rv", 409, "Conflict"),
        ("02-imagepolicy-crud", "14-update-without-rv", 422, "Invalid"),
        ("02-imagepolicy-crud", "44-get-not-found", 404, "NotFound"),
        ("02-imagepolicy-crud", "47-list-forbidden", 403, "Forbidden"),
        ("02-imagepolicy-crud", "50-get-unauthorized", 401, "Unauthorized"),
        ("01-crd", "13-race-list-429", 429, "TooManyRequests"),
    ])
    func decodesFailureStatuses(scenario: String, name: String, code: Int, reason: String) throws {
        let status = try JSONDecoder().decode(KubeStatus.self, from: Data(try RecordedExchange.load(scenario, name).responseBody))
        #expect(status.code == code)
        #expect(status.reason == reason)
        #expect(status.status == "Failure")
    }

    @Test func decodesLeasesWithMicroTimes() throws {
        let lease = try JSONDecoder().decode(Lease.self, from: Data(try RecordedExchange.load("05-leases", "02-create").responseBody))
        #expect(lease.spec.holderIdentity == "ferry-controller-7d9f8-abcde_6f1c2a0e-0000-4000-8000-000000000001")
        #expect(lease.spec.renewTime?.rfc3339Micro == "2026-11-22T04:13:00.000000Z")
        let encoded = String(decoding: try JSONEncoder().encode(lease.spec), as: UTF8.self)
        #expect(encoded.contains("\"renewTime\":\"2026-11-22T04:13:00.000000Z\""))
        let renewed = try JSONDecoder().decode(Lease.self, from: Data(try RecordedExchange.load("05-leases", "04-renew").responseBody))
        #expect(renewed.spec.renewTime?.rfc3339Micro == "2026-11-22T04:13:10.250000Z")
    }

    /// Feeds the recorded chunks one by one: events cross chunk boundaries.
    @Test(arguments: ["08-watch-send-initial-events", "13-watch-no-rv-with-bookmarks", "14-watch-rv0"])
    func splitsRecordedChunksIntoEvents(name: String) throws {
        let exchange = try RecordedExchange.load("03-watch", name)
        let chunks = try #require(exchange.chunks)
        #expect(chunks.contains { $0.count == 2048 })
        var decoder = WatchEventDecoder()
        var events: [WatchEvent<ImagePolicy>] = []
        let request = KubeRequest(method: .GET, path: "/", operation: "watch")
        for chunk in chunks { events += try decoder.feed(chunk).map { try KubeClient.decodeWatchLine(ImagePolicy.self, $0, request) } }
        #expect(decoder.finish() == nil)
        let stream = try Fixtures.bytes(Fixtures.directory + "/kube-wire/03-watch/\(name).watch.stream")
        #expect(events.count == stream.filter { $0 == 0x0A }.count)
        let ends = events.compactMap { event -> String? in
            if case .bookmark(let version, true) = event { return version }
            return nil
        }
        #expect(ends.count == 1)
        guard case .added = events.first else { Issue.record("the first event is not ADDED"); return }
    }

    @Test func theInitialEventsEndBookmarkCarriesTheListVersion() throws {
        let exchange = try RecordedExchange.load("03-watch", "08-watch-send-initial-events")
        var decoder = WatchEventDecoder()
        let request = KubeRequest(method: .GET, path: "/", operation: "watch")
        let lines = try (exchange.chunks ?? []).flatMap { try decoder.feed($0) }
        let events = try lines.map { try KubeClient.decodeWatchLine(ImagePolicy.self, $0, request) }
        let summary = events.map { event -> String in
            switch event {
            case .added(let policy): "ADDED \(policy.metadata.name) \(policy.metadata.resourceVersion ?? "")"
            case .modified(let policy): "MODIFIED \(policy.metadata.name) \(policy.metadata.resourceVersion ?? "")"
            case .deleted(let policy): "DELETED \(policy.metadata.name)"
            case .bookmark(let version, let end): "BOOKMARK \(version)\(end ? " end" : "")"
            case .error(let status): "ERROR \(status.code ?? 0)"
            }
        }
        #expect(
            summary == [
                "ADDED podinfo 235", "ADDED podinfo-b 222", "ADDED podinfo-c 223", "ADDED podinfo-ssa 233", "ADDED unknown-field 236",
                "BOOKMARK 242 end", "MODIFIED podinfo 243", "BOOKMARK 243",
            ])
    }

    @Test func theExpiredWatchIsAnErrorEventWithA410() throws {
        let exchange = try RecordedExchange.load("03-watch", "22-watch-too-old-rv")
        #expect(exchange.status == 200)
        var decoder = WatchEventDecoder()
        let lines = try (exchange.chunks ?? []).flatMap { try decoder.feed($0) }
        let event = try KubeClient.decodeWatchLine(
            ImagePolicy.self, try #require(lines.first), KubeRequest(method: .GET, path: "/", operation: "watch"))
        guard case .error(let status) = event else {
            Issue.record("expected an ERROR event")
            return
        }
        #expect(status.code == 410)
        #expect(status.reason == "Expired")
        #expect(status.message == "too old resource version: 200 (213)")
        #expect(exchange.streamEnded)
    }

    @Test func aLineLongerThanTheLimitIsRefused() {
        var decoder = WatchEventDecoder(maxEventBytes: 64)
        #expect(throws: WatchEventTooLarge.self) { _ = try decoder.feed(Array(repeating: UInt8(ascii: "x"), count: 65)) }
        var ok = WatchEventDecoder(maxEventBytes: 64)
        #expect((try? ok.feed(Array("{\"a\":1}\n{\"b\":2}\n".utf8)).count) == 2)
    }

    /// The fake server's Status bodies for the same requests are the recorded ones.
    @Test(arguments: [
        ("02-imagepolicy-crud", "13-update-stale-rv"), ("02-imagepolicy-crud", "14-update-without-rv"), ("02-imagepolicy-crud", "44-get-not-found"),
        ("02-imagepolicy-crud", "03-create-already-exists"), ("02-imagepolicy-crud", "47-list-forbidden"),
        ("02-imagepolicy-crud", "49-patch-status-forbidden"),
        ("02-imagepolicy-crud", "50-get-unauthorized"), ("05-leases", "05-takeover-stale-rv"), ("05-leases", "06-renew-time-without-micros"),
        ("07-finalizers", "07-add-second-finalizer-while-deleting"), ("01-crd", "13-race-list-429"),
        ("02-imagepolicy-crud", "45-get-unknown-resource"), ("06-secrets", "08-get-missing"), ("06-secrets", "09-get-forbidden"),
    ])
    func theFakeServerAnswersAsRecorded(scenario: String, name: String) async throws {
        let exchange = try RecordedExchange.load(scenario, name)
        let store = FakeKubeStore()
        await store.setToken("<ADMIN_TOKEN>", user: "admin")
        await store.setToken("<CONTROLLER_TOKEN>", user: "controller")
        try await ReplaySetup.prepare(store, for: scenario, name)
        let (path, rawQuery) = exchange.target.split(separator: "?", maxSplits: 1).map(String.init).pair
        var query: [String: String] = [:]
        for item in rawQuery.split(separator: "&") {
            let kv = item.split(separator: "=", maxSplits: 1).map(String.init)
            query[kv[0]] = kv.count > 1 ? kv[1].removingPercentEncoding : ""
        }
        let request = FakeRequest(
            method: exchange.method, path: path, query: query, rawQuery: rawQuery, headers: exchange.requestHeaders, body: exchange.requestBody)
        let response = await store.handle(request)
        guard case .full(let status, let headers, let body) = response else {
            Issue.record("expected a whole response")
            return
        }
        #expect(status == exchange.status)
        #expect(headers.first { $0.0 == "Content-Type" }?.1 == exchange.responseHeader("Content-Type"))
        #expect(headers.first { $0.0 == "Retry-After" }?.1 == exchange.responseHeader("Retry-After"))
        #expect(String(decoding: body, as: UTF8.self) == String(decoding: exchange.responseBody, as: UTF8.self))
    }
}

/// Puts the fake store in the state the recorder's server was in before an exchange.
enum ReplaySetup {
    static func prepare(_ store: FakeKubeStore, for scenario: String, _ name: String) async throws {
        switch (scenario, name) {
        case ("02-imagepolicy-crud", "13-update-stale-rv"), ("02-imagepolicy-crud", "14-update-without-rv"),
            ("02-imagepolicy-crud", "03-create-already-exists"):
            await store.seed(TestConnections.imagePolicy("podinfo"), plural: "imagepolicies")
            await store.seed(TestConnections.imagePolicy("podinfo"), plural: "imagepolicies")
        case ("05-leases", "05-takeover-stale-rv"), ("05-leases", "06-renew-time-without-micros"):
            let lease = try #require(try RecordedExchange.load("05-leases", "02-create").requestJSON)
            await store.seed(lease, plural: "leases")
            await store.seed(lease, plural: "leases")
        case ("07-finalizers", "07-add-second-finalizer-while-deleting"):
            let policy = TestConnections.imagePolicy("finalizer-demo").setting(
                "metadata",
                to: [
                    "name": "finalizer-demo", "namespace": "default", "finalizers": ["finalizers.fluxcd.io"],
                    "deletionTimestamp": "2026-11-22T04:13:19Z",
                ])
            await store.seed(policy, plural: "imagepolicies")
        case ("01-crd", "13-race-list-429"):
            await store.inject(FakeKubeStore.tooManyRequests(), pathSuffix: "/imagepolicies")
        default:
            break
        }
    }
}

extension Array where Element == String {
    var pair: (String, String) { (first ?? "", count > 1 ? self[1] : "") }
}
