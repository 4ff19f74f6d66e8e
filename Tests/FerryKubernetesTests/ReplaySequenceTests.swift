import FerryCore
@testable import FerryKubernetes
@testable import FerryKubeTesting
import Foundation
import Testing

/// Whole recorded scenarios sent to the fake server in order: every status code and every
/// body must be the recorded one, apart from what the real server makes up (uids, times,
/// managedFields). This is what makes the fake fit to test the client against.
struct ReplaySequenceTests {
    static func normalized(_ value: JSONValue) -> JSONValue {
        guard case .object(let members) = value else { return value }
        return .object(
            members.compactMap { key, child -> (String, JSONValue)? in
                if ["uid", "managedFields", "creationTimestamp", "deletionTimestamp"].contains(key) { return nil }
                return (key, normalized(child))
            })
    }

    @Test(arguments: [
        (
            "05-leases", 284,
            [
                "01-get-missing", "02-create", "03-create-again", "04-renew", "05-takeover-stale-rv", "06-renew-time-without-micros",
                "07-renew-time-millis", "08-renew-time-nanos", "09-release",
            ]
        ),
        (
            "07-finalizers", 290,
            [
                "03-create", "04-add-finalizer", "05-delete", "06-get-terminating", "07-add-second-finalizer-while-deleting",
                "08-status-patch-while-deleting", "09-delete-again", "10-remove-finalizer", "11-get-gone",
            ]
        ),
    ])
    func aRecordedScenarioGetsTheRecordedAnswers(scenario: String, startVersion: Int, exchanges: [String]) async throws {
        let store = FakeKubeStore()
        await store.setToken("<ADMIN_TOKEN>", user: "admin")
        await store.setVersion(startVersion)
        for name in exchanges {
            let exchange = try RecordedExchange.load(scenario, name)
            let parts = exchange.target.split(separator: "?", maxSplits: 1).map(String.init)
            var query: [String: String] = [:]
            for item in (parts.count > 1 ? parts[1] : "").split(separator: "&") {
                let kv = item.split(separator: "=", maxSplits: 1).map(String.init)
                query[kv[0]] = kv.count > 1 ? kv[1].removingPercentEncoding : ""
            }
            let request = FakeRequest(
                method: exchange.method, path: parts[0], query: query, rawQuery: parts.count > 1 ? parts[1] : "", headers: exchange.requestHeaders,
                body: exchange.requestBody)
            guard case .full(let status, _, let body) = await store.handle(request) else {
                Issue.record("\(name): expected a whole response")
                continue
            }
            #expect(status == exchange.status, "\(name)")
            let ours = try JSONValue(parsing: body)
            let recorded = try #require(exchange.responseJSON)
            #expect(
                Self.normalized(ours) == Self.normalized(recorded),
                "\(name): fake \(Self.normalized(ours).jsonText)\nreal \(Self.normalized(recorded).jsonText)")
        }
    }

    /// The watch of the finalizer scenario sees the recorded event types and resourceVersions.
    @Test func theFinalizerScenarioWatchSeesTheRecordedEvents() async throws {
        let store = FakeKubeStore()
        await store.setToken("<ADMIN_TOKEN>", user: "admin")
        await store.setVersion(290)
        let watchExchange = try RecordedExchange.load("07-finalizers", "02-watch")
        let watchResponse = await store.handle(try Self.request(watchExchange))
        guard case .stream(let status, _, let parts) = watchResponse else {
            Issue.record("expected a stream")
            return
        }
        #expect(status == 200)
        for name in ["03-create", "04-add-finalizer", "05-delete", "08-status-patch-while-deleting", "09-delete-again", "10-remove-finalizer"] {
            _ = await store.handle(try Self.request(try RecordedExchange.load("07-finalizers", name)))
        }
        await store.closeAllWatches()
        var bytes: [UInt8] = []
        for await part in parts { if case .chunk(let chunk) = part { bytes += chunk } }
        func summary(_ stream: [UInt8]) throws -> [String] {
            try stream.split(separator: 0x0A).map { line in
                let event = try JSONValue(parsing: line)
                return "\(event["type"]?.stringValue ?? "") \(event[path: ["object", "metadata", "resourceVersion"]]?.stringValue ?? "")"
            }
        }
        let recorded = try summary(try Fixtures.bytes(Fixtures.directory + "/kube-wire/07-finalizers/02-watch.watch.stream"))
        #expect(try summary(bytes) == recorded)
    }

    static func request(_ exchange: RecordedExchange) throws -> FakeRequest {
        let parts = exchange.target.split(separator: "?", maxSplits: 1).map(String.init)
        var query: [String: String] = [:]
        for item in (parts.count > 1 ? parts[1] : "").split(separator: "&") {
            let kv = item.split(separator: "=", maxSplits: 1).map(String.init)
            query[kv[0]] = kv.count > 1 ? kv[1].removingPercentEncoding : ""
        }
        return FakeRequest(
            method: exchange.method, path: parts[0], query: query, rawQuery: parts.count > 1 ? parts[1] : "", headers: exchange.requestHeaders,
            body: exchange.requestBody)
    }
}
