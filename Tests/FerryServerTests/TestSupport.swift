import FerryCore
@testable import FerryServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import InMemoryLogging
import Logging
import Prometheus
import Testing

/// The time the tests' server believes it is: 2026-12-01T08:18:23Z.
let testNow = Timestamp(secondsSinceEpoch: 1_796_113_103)

/// The resources every test Receiver asks to reconcile.
let testResources = [
    EventSourceReference(apiVersion: "image.toolkit.fluxcd.io/v1", kind: "ImageRepository", name: "podinfo"),
    EventSourceReference(apiVersion: "image.toolkit.fluxcd.io/v1", kind: "ImagePolicy", name: "*", namespace: "apps", matchLabels: ["app": "podinfo"]),
]

/// A Receiver in `flux-system`.
func testReceiver(
    _ name: String, type: String, events: [String] = [], suspend: Bool = false, namespace: String = "flux-system"
) -> Receiver {
    Receiver(
        metadata: ObjectMetadata(name: name, namespace: namespace),
        spec: ReceiverSpec(type: type, events: events, resources: testResources, secretRef: NamedReference(name: "\(name)-token"), suspend: suspend))
}

/// The endpoint the pipeline would report for `receiver` with `token` (the path Flux derives).
func testEndpoint(_ receiver: Receiver, token: String?, pathToken: String? = nil, email: String? = nil, audience: String? = nil) -> ReceiverEndpoint {
    let path = WebhookVerification.webhookPath(
        token: pathToken ?? token ?? "", name: receiver.metadata.name, namespace: receiver.metadata.namespace)
    return ReceiverEndpoint(receiver: receiver, path: path, token: token, email: email, audience: audience)
}

/// A server built as `ferry run` builds it, at the fixed test time, logging to `logs`.
func testApplication(
    control: FakePipelineControl, registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry(), logs: InMemoryLogHandler = InMemoryLogHandler(),
    configure: (inout HTTPServerConfiguration) -> Void = { _ in }
) -> Application<RouterResponder<BasicRequestContext>> {
    var configuration = HTTPServerConfiguration(address: ListenAddress(host: "127.0.0.1", port: 0), now: { testNow })
    // Far past what a request needs even on a loaded CI machine (the GCR receiver asks the token-info server within
    // the request); the timeout tests set their own.
    configuration.requestTimeout = .seconds(120)
    configure(&configuration)
    var handler = logs
    handler.logLevel = .debug
    let logger = Logger(label: "ferry.server.test", factory: { _ in handler })
    return FerryHTTPServer(configuration: configuration, control: control, metrics: PrometheusReconcileMetrics(registry: registry), logger: logger)
        .application
}

/// HTTP headers from name-value pairs.
func headers(_ pairs: [(String, String)]) throws -> HTTPFields {
    var fields = HTTPFields()
    for (name, value) in pairs { fields.append(HTTPField(name: try #require(HTTPField.Name(name)), value: value)) }
    return fields
}

/// Lowercase hex HMAC of `body` under `key`.
func hmacHex(_ hash: HMAC.Hash, key: String, _ body: [UInt8]) -> String {
    HMAC.hex(HMAC.code(hash, key: Array(key.utf8), message: body))
}

/// A test environment variable set by scripts/test; records an issue naming it when missing.
func serviceVariable(_ name: String) throws -> String {
    guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else {
        Issue.record("\(name) is not set: run the FerryServer tests through scripts/test (it starts scripts/services/server.sh)")
        throw MissingVariable(name: name)
    }
    return value
}

struct MissingVariable: Error { var name: String }

extension InMemoryLogHandler {
    /// Every logged message and metadata value, as one text to search.
    var loggedText: String {
        entries.map { entry in
            "\(entry.message) " + entry.metadata.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        }.joined(separator: "\n")
    }
}
