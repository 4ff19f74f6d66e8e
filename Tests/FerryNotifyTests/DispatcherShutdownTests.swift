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
        var atShutdown = 0
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
                // On a loaded machine the poll above can see the first attempt late, after a retry: what counts is
                // that no attempt starts once the shutdown has begun (the backoff allows 5 in all).
                atShutdown = try await RecordingServer.requests(under: "/status/500" + prefix).count
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
            }
            let provider = try #require(dispatcher.status().providers["flux-system/p"])
            #expect(provider.failed == 1, "the delivery in progress ends as failed: \(provider)")
            #expect((1...4).contains(atShutdown), "the shutdown began during the backoff (\(atShutdown) attempts by then)")
            let reached = try await RecordingServer.requests(under: "/status/500" + prefix).count
            // One retry may have begun between the count and the shutdown; none after it.
            #expect(reached == atShutdown || reached == atShutdown + 1, "no retry after the shutdown began: \(reached) after \(atShutdown)")
            #expect(reached < 5, "the backoff was cut short (5 attempts is the whole of it)")
            #expect(provider.attempts >= 1 && provider.attempts <= reached, "the status counts the attempts made: \(provider)")
        }
    }
}
