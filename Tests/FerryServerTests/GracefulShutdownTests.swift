import AsyncHTTPClient
import FerryCore
@testable import FerryServer
import Hummingbird
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import Prometheus
import ServiceLifecycle
import Testing

@Suite("Running the server")
struct GracefulShutdownTests {
    /// A server on a port the system picks, reporting the port to `ports`.
    static func server(control: FakePipelineControl, ports: PortBox) -> FerryHTTPServer {
        let configuration = HTTPServerConfiguration(
            address: ListenAddress(host: "127.0.0.1", port: 0), now: { testNow }, onListening: { await ports.set($0) })
        return FerryHTTPServer(
            configuration: configuration, control: control, metrics: PrometheusReconcileMetrics(registry: PrometheusCollectorRegistry()),
            logger: Logger(label: "ferry.server.test", factory: { _ in SwiftLogNoOpLogHandler() }))
    }

    @Test("a graceful shutdown answers the request in progress, then run() returns and the port is closed")
    func gracefulShutdown() async throws {
        let endpoint = testEndpoint(testReceiver("generic-receiver", type: "generic"), token: "token")
        let control = FakePipelineControl(endpoints: [endpoint])
        let gate = Latch()
        await control.set(reconcileGate: gate)
        let ports = PortBox()
        let group = ServiceGroup(
            configuration: .init(services: [Self.server(control: control, ports: ports)], logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })))

        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            let port = await ports.wait()
            let url = "http://127.0.0.1:\(port)\(endpoint.path)"
            let pending = Task {
                var request = HTTPClientRequest(url: url)
                request.method = .POST
                return try await HTTPClient.shared.execute(request, timeout: .seconds(30)).status.code
            }
            await control.reconcileEntered.wait()
            await group.triggerGracefulShutdown()
            await gate.open()
            #expect(try await pending.value == 200)
            try await tasks.next()
        }
        #expect(await control.requests.count == 1)
        // Nothing listens any more: a plain connect is refused (AsyncHTTPClient would retry until its deadline).
        let port = await ports.wait()
        await #expect(throws: (any Error).self) {
            let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton).connect(host: "127.0.0.1", port: port).get()
            try await channel.close()
        }
    }

    @Test("run() fails when the address is taken")
    func addressInUse() async throws {
        let first = PortBox()
        let group = ServiceGroup(
            configuration: .init(
                services: [Self.server(control: FakePipelineControl(), ports: first)], logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            let port = await first.wait()
            let configuration = HTTPServerConfiguration(address: ListenAddress(host: "127.0.0.1", port: port))
            let second = FerryHTTPServer(
                configuration: configuration, control: FakePipelineControl(),
                metrics: PrometheusReconcileMetrics(registry: PrometheusCollectorRegistry()),
                logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
            await #expect(throws: (any Error).self) { try await second.run() }
            await group.triggerGracefulShutdown()
            try await tasks.next()
        }
    }
}
