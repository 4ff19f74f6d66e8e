import FerryCore
@testable import FerryKubernetes
@testable import FerryKubeTesting
import Foundation
import NIOSSL
import Synchronization

/// Records the delays a client asks for and returns at once, so retry tests take no time.
final class RecordedSleeps: Sendable {
    private let delays = Mutex<[Duration]>([])

    var all: [Duration] { delays.withLock { $0 } }

    var policy: RetryPolicy {
        RetryPolicy(maxRetries: 10, sleep: { [self] delay in self.delays.withLock { $0.append(delay) } })
    }
}

/// A clock that moves only when told to.
final class ManualClock: Clock, Sendable {
    struct Instant: InstantProtocol {
        var offset: Duration
        func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        func duration(to other: Instant) -> Duration { other.offset - offset }
        static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
    }

    private let current = Mutex(Instant(offset: .zero))
    var now: Instant { current.withLock { $0 } }
    var minimumResolution: Duration { .nanoseconds(1) }

    func advance(by duration: Duration) { current.withLock { $0 = $0.advanced(by: duration) } }

    func sleep(until deadline: Instant, tolerance: Duration?) async throws {
        while now < deadline { try await Task.sleep(for: .milliseconds(1)) }
    }
}

/// A wall clock for Lease timestamps that moves with a ``ManualClock``.
struct ManualWallClock: Sendable {
    let clock: ManualClock
    let start = Timestamp(secondsSinceEpoch: 1_795_320_780)
    var now: Timestamp { start.adding(clock.now.offset) }
}

enum TestConnections {
    static func admin(_ server: FakeKubeAPIServer, token: String = "admin-token") -> ClusterConnection {
        ClusterConnection(server: server.url, credentials: .bearerToken(token), namespace: "default")
    }

    static func client(_ server: FakeKubeAPIServer, token: String = "admin-token", sleeps: RecordedSleeps = RecordedSleeps()) throws -> KubeClient {
        var client = try KubeClient(connection: admin(server, token: token), retry: sleeps.policy)
        // Generous: when the whole suite runs, CPU-bound suites can hold the two cores for many seconds.
        client.requestTimeout = .seconds(120)
        return client
    }

    static func serverTLS(requireClientCertificate: Bool = false) throws -> TLSConfiguration {
        let certificate = try NIOSSLCertificate.fromPEMBytes(try Fixtures.bytes(Fixtures.directory + "/tls/server.crt"))
        let key = try NIOSSLPrivateKey(bytes: try Fixtures.bytes(Fixtures.directory + "/tls/server.key"), format: .pem)
        var tls = TLSConfiguration.makeServerConfiguration(certificateChain: certificate.map { .certificate($0) }, privateKey: .privateKey(key))
        if requireClientCertificate {
            tls.certificateVerification = .noHostnameVerification
            tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(try Fixtures.bytes(Fixtures.directory + "/tls/ca.crt")))
        }
        return tls
    }

    static func imagePolicy(_ name: String, namespace: String = "default", labels: [String: String] = [:], range: String = ">=5.0.0") -> JSONValue {
        var metadata: [(String, JSONValue)] = [("name", .string(name)), ("namespace", .string(namespace))]
        if !labels.isEmpty { metadata.append(("labels", .object(labels.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) }))) }
        return [
            "apiVersion": "image.toolkit.fluxcd.io/v1", "kind": "ImagePolicy", "metadata": .object(metadata),
            "spec": ["imageRepositoryRef": ["name": "podinfo"], "policy": ["semver": ["range": .string(range)]]],
        ]
    }
}

/// A temporary directory removed by `body`'s end.
func withTemporaryDirectory<T>(_ body: (String) async throws -> T) async throws -> T {
    let path = NSTemporaryDirectory() + "ferry-kube-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: path) }
    return try await body(path)
}

extension KubeClient {
    /// A copy with another request deadline.
    func withTimeout(_ timeout: Duration) -> KubeClient {
        var copy = self
        copy.requestTimeout = timeout
        return copy
    }
}
