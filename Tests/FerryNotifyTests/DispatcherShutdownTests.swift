import FerryCore
import FerryNotify
import Logging
import ServiceLifecycle
import Testing

/// Graceful shutdown (SIGTERM of `ferry run`) while a delivery is waiting to retry a failing Provider.
@Suite struct DispatcherShutdownTests {
    @Test("graceful shutdown cancels a retry wait: the delivery ends as failed after its first attempt, not after the whole backoff")
    func shutdownCancelsTheRetryWait() async throws {
        let prefix = RecordingServer.uniquePrefix("shutdown")
        let address = try RecordingServer.http + "/status/500" + prefix
        let configuration = NotificationConfiguration(alerts: [Harness.alert()], providers: [Harness.provider(type: .generic, address: address)])
        let logs = CapturedLogs()
        try await AsyncHTTPClientTransport.withTransport { transport in
            // The real clock: the first retry waits 2 s, the whole backoff 30 s (2 + 4 + 8 + 16).
            let dispatcher = NotificationDispatcher(configuration: configuration, transport: transport, clock: ContinuousClock(), logger: logs.logger())
            let group = ServiceGroup(configuration: .init(services: [.init(service: dispatcher)], logger: Logger(label: "test")))
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                dispatcher.record(Harness.event())
                var attempted = false
                for _ in 0..<500 where !attempted {
                    attempted = try await !RecordingServer.requests(under: "/status/500" + prefix).isEmpty
                    if !attempted { try await Task.sleep(for: .milliseconds(10)) }
                }
                #expect(attempted, "the first attempt reached the server")
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
            }
            let provider = try #require(dispatcher.status().providers["flux-system/p"])
            #expect(provider.failed == 1, "the delivery in progress ends as failed: \(provider)")
            #expect(provider.attempts == 1, "no retry after the shutdown began: \(provider)")
            #expect(try await RecordingServer.requests(under: "/status/500" + prefix).count == 1)
        }
    }
}
