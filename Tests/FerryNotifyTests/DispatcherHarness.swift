import FerryCore
@testable import FerryNotify
import Logging
import Synchronization
import Testing

/// Collects log lines (message and metadata) so tests can scan them.
final class CapturedLogs: Sendable {
    private let lines = Mutex<[String]>([])

    var all: [String] { lines.withLock { $0 } }

    func append(_ line: String) { lines.withLock { $0.append(line) } }

    func logger() -> Logger {
        var logger = Logger(label: "ferry.notify.test") { _ in CapturingHandler(sink: self) }
        logger.logLevel = .trace
        return logger
    }

    struct CapturingHandler: LogHandler {
        let sink: CapturedLogs
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let merged = metadata.merging(event.metadata ?? [:]) { $1 }
            sink.append("\(event.level) \(event.message) \(merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))")
        }
    }
}

/// Objects and helpers shared by the dispatcher tests.
enum Harness {
    static let revision = "main@sha1:0123456789abcdef0123456789abcdef01234567"

    static func event(_ message: String = "Latest image tag for ghcr.io/stefanprodan/podinfo resolved to 6.5.4", severity: EventSeverity = .info,
                      name: String = "podinfo", metadata: [String: String]? = nil) -> FluxEvent {
        FluxEvent(
            involvedObject: ObjectReference(kind: "ImagePolicy", namespace: "flux-system", name: name, uid: "7d0cc6b1-5c4e-4b6c-9c3e-2f7a1b2c3d4e",
                                            apiVersion: "image.toolkit.fluxcd.io/v1"),
            severity: severity, timestamp: EventTimestamp(secondsSinceEpoch: 1_767_225_600), message: message, reason: "Succeeded",
            metadata: metadata ?? ["image.toolkit.fluxcd.io/revision": revision], reportingController: "image-reflector-controller",
            reportingInstance: "ferry")
    }

    static func alert(provider: String = "p", severity: String? = nil) -> Alert {
        Alert(metadata: ObjectMetadata(name: "a-" + provider, namespace: "flux-system"),
              spec: AlertSpec(providerRef: NamedReference(name: provider), eventSeverity: severity,
                              eventSources: [EventSourceReference(kind: "ImagePolicy", name: "*")]))
    }

    /// A Provider; `timeout` defaults to two minutes rather than Flux's 15 s, so that a loaded CI machine answering
    /// a loopback request slowly is not taken for a timeout (which is not retried). Timeout tests set their own.
    static func provider(_ name: String = "p", type: ProviderType, address: String?, channel: String? = nil, username: String? = nil,
                         timeout: String? = "2m", secret: String? = nil, certs: String? = nil, proxy: String? = nil) -> Provider {
        Provider(metadata: ObjectMetadata(name: name, namespace: "flux-system", uid: "0c9c2e41-aaaa-bbbb-cccc-000000000000"),
                 spec: ProviderSpec(type: type, channel: channel, username: username, address: address, timeout: timeout,
                                    proxySecretRef: proxy.map(NamedReference.init), secretRef: secret.map(NamedReference.init),
                                    certSecretRef: certs.map(NamedReference.init)))
    }

    static func secret(_ name: String, _ values: [String: [UInt8]]) -> SecretData {
        SecretData(metadata: ObjectMetadata(name: name, namespace: "flux-system"), values: values)
    }

    static func secret(_ name: String, strings: [String: String]) -> SecretData { secret(name, strings.mapValues { Array($0.utf8) }) }

    /// Runs a dispatcher over `configuration` while `body` records events, then stops it.
    static func withDispatcher<Result: Sendable>(
        _ configuration: NotificationConfiguration, options: DispatcherOptions = DispatcherOptions(), clock: TestClock = TestClock(),
        logs: CapturedLogs = CapturedLogs(), _ body: (NotificationDispatcher<TestClock>) async throws -> Result
    ) async throws -> Result {
        try await AsyncHTTPClientTransport.withTransport { transport in
            let dispatcher = NotificationDispatcher(configuration: configuration, options: options, transport: transport, clock: clock,
                                                    logger: logs.logger())
            return try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await dispatcher.run() }
                let result = try await body(dispatcher)
                group.cancelAll()
                return result
            }
        }
    }

    /// Waits until `count` notifications have finished (delivered or failed).
    static func waitForOutcomes(_ dispatcher: NotificationDispatcher<TestClock>, count: Int, limitSeconds: Int = 120) async throws
        -> NotificationStatus
    {
        let deadline = ContinuousClock.now + .seconds(limitSeconds)
        while ContinuousClock.now < deadline {
            let status = dispatcher.status()
            if status.delivered + status.failed >= count { return status }
            try await Task.sleep(for: .milliseconds(20))
        }
        let status = dispatcher.status()
        Issue.record("only \(status.delivered + status.failed) of \(count) notifications finished: \(status)")
        return status
    }
}
