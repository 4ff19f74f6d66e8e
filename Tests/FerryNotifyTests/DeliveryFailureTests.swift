import FerryCore
import FerryNotify
import Testing

/// Failure paths against real endpoints: down, 500, 500 then success, slow, bad TLS; and the queue and rate limit.
@Suite struct DeliveryFailureTests {
    static func single(_ address: String, timeout: String? = nil, certs: String? = nil, secrets: [SecretData] = []) -> NotificationConfiguration {
        NotificationConfiguration(alerts: [Harness.alert()], providers: [Harness.provider(type: .generic, address: address, timeout: timeout, certs: certs)],
                                  secrets: secrets)
    }

    @Test func retriesA500ThenSucceedsWithBackoffOnTheClock() async throws {
        let prefix = RecordingServer.uniquePrefix("flaky")
        let clock = TestClock()
        let status = try await Harness.withDispatcher(Self.single(try RecordingServer.http + "/flaky/2" + prefix), clock: clock) { dispatcher in
            dispatcher.record(Harness.event())
            return try await Harness.waitForOutcomes(dispatcher, count: 1)
        }
        #expect(status.delivered == 1)
        #expect(status.providers["flux-system/p"]?.attempts == 3)
        #expect(status.providers["flux-system/p"]?.retries == 2)
        #expect(status.providers["flux-system/p"]?.failing == false)
        #expect(clock.sleeps == [.seconds(2), .seconds(4)])
        #expect(try await RecordingServer.requests(under: "/flaky/2" + prefix).count == 3)
    }

    @Test func givesUpAfterFiveAttemptsOnPersistent500() async throws {
        let prefix = RecordingServer.uniquePrefix("fail")
        let clock = TestClock()
        let status = try await Harness.withDispatcher(Self.single(try RecordingServer.http + "/status/500" + prefix), clock: clock) { dispatcher in
            dispatcher.record(Harness.event())
            return try await Harness.waitForOutcomes(dispatcher, count: 1)
        }
        let provider = try #require(status.providers["flux-system/p"])
        #expect(provider.failed == 1)
        #expect(provider.attempts == 5)
        #expect(provider.failing)
        #expect(provider.lastError?.contains("request failed with status code 500: status 500 for testing") == true)
        #expect(clock.sleeps == [.seconds(2), .seconds(4), .seconds(8), .seconds(16)])
        #expect(status.recentDiagnostics.last?.reason == "NotificationDispatchFailed")
        #expect(try await RecordingServer.requests(under: "/status/500" + prefix).count == 5)
    }

    @Test func doesNotRetryAClientError() async throws {
        let prefix = RecordingServer.uniquePrefix("notfound")
        let status = try await Harness.withDispatcher(Self.single(try RecordingServer.http + "/status/404" + prefix)) { dispatcher in
            dispatcher.record(Harness.event())
            return try await Harness.waitForOutcomes(dispatcher, count: 1)
        }
        #expect(status.providers["flux-system/p"]?.attempts == 1)
        #expect(status.failed == 1)
    }

    @Test func endpointDownFailsAfterRetries() async throws {
        let clock = TestClock()
        let status = try await Harness.withDispatcher(Self.single(try RecordingServer.down + "/hook", timeout: "1s"), clock: clock) { dispatcher in
            dispatcher.record(Harness.event())
            return try await Harness.waitForOutcomes(dispatcher, count: 1)
        }
        let provider = try #require(status.providers["flux-system/p"])
        #expect(provider.failed == 1)
        #expect(provider.attempts == 5)
        #expect(provider.lastError?.hasPrefix("POST http://127.0.0.1:") == true, "\(provider.lastError ?? "")")
        #expect(clock.sleeps.count == 4)
    }

    @Test func slowEndpointTimesOutWithoutRetry() async throws {
        let prefix = RecordingServer.uniquePrefix("slow")
        // The server holds the answer 60 times the timeout, so the timeout fires first even when a loaded machine is slow to fire it.
        let status = try await Harness.withDispatcher(Self.single(try RecordingServer.http + "/slow/30000" + prefix, timeout: "500ms")) { dispatcher in
            dispatcher.record(Harness.event())
            return try await Harness.waitForOutcomes(dispatcher, count: 1)
        }
        let provider = try #require(status.providers["flux-system/p"])
        #expect(provider.failed == 1)
        #expect(provider.attempts == 1)
        #expect(provider.lastError?.contains("timed out") == true, "\(provider.lastError ?? "")")
    }

    @Test func badCertificateIsRefusedWithoutRetry() async throws {
        let prefix = RecordingServer.uniquePrefix("badtls")
        let configuration = Self.single(try RecordingServer.badTLS + prefix, timeout: "2s", certs: "ca",
                                        secrets: [Harness.secret("ca", ["ca.crt": try RecordingServer.certificate("ca.crt")])])
        let status = try await Harness.withDispatcher(configuration) { dispatcher in
            dispatcher.record(Harness.event())
            return try await Harness.waitForOutcomes(dispatcher, count: 1)
        }
        let provider = try #require(status.providers["flux-system/p"])
        #expect(provider.failed == 1)
        #expect(provider.attempts == 1)
        #expect(provider.lastError?.contains("TLS handshake") == true, "\(provider.lastError ?? "")")
        #expect(try await RecordingServer.requests(under: prefix).isEmpty)
    }

    @Test func untrustedServerWithoutCAFails() async throws {
        let status = try await Harness.withDispatcher(Self.single(try RecordingServer.https + "/ok/no-ca", timeout: "2s")) { dispatcher in
            dispatcher.record(Harness.event())
            return try await Harness.waitForOutcomes(dispatcher, count: 1)
        }
        #expect(status.failed == 1)
        #expect(status.providers["flux-system/p"]?.attempts == 1)
    }

    @Test func identicalEventsAreRateLimitedPerWindow() async throws {
        let prefix = RecordingServer.uniquePrefix("dup")
        let clock = TestClock()
        let status = try await Harness.withDispatcher(Self.single(try RecordingServer.http + prefix), clock: clock) { dispatcher in
            dispatcher.record(Harness.event("same"))
            _ = try await Harness.waitForOutcomes(dispatcher, count: 1)
            dispatcher.record(Harness.event("same"))
            dispatcher.record(Harness.event("different"))
            _ = try await Harness.waitForOutcomes(dispatcher, count: 2)
            clock.advance(by: .seconds(301))
            dispatcher.record(Harness.event("same"))
            return try await Harness.waitForOutcomes(dispatcher, count: 3)
        }
        #expect(status.delivered == 3)
        #expect(status.rateLimited == 1)
        let bodies = try await RecordingServer.requests(under: prefix).map(\.bodyText)
        #expect(bodies.filter { $0.contains(#""message":"same""#) }.count == 2)
    }

    @Test func traceUnmatchedAndSuspendedEventsAreNotSent() async throws {
        let prefix = RecordingServer.uniquePrefix("quiet")
        var configuration = Self.single(try RecordingServer.http + prefix)
        configuration.alerts.append(Alert(metadata: ObjectMetadata(name: "suspended", namespace: "flux-system"),
                                          spec: AlertSpec(providerRef: NamedReference(name: "p"),
                                                          eventSources: [EventSourceReference(kind: "ImageRepository", name: "*")], suspend: true)))
        let status = try await Harness.withDispatcher(configuration) { dispatcher in
            dispatcher.record(Harness.event(severity: .trace))
            dispatcher.record(FluxEvent(involvedObject: ObjectReference(kind: "ImageRepository", namespace: "flux-system", name: "r"), severity: .info,
                                        timestamp: EventTimestamp(secondsSinceEpoch: 0), message: "m", reason: "r", reportingController: "c"))
            dispatcher.record(Harness.event("sent"))
            return try await Harness.waitForOutcomes(dispatcher, count: 1)
        }
        #expect(status.received == 3)
        #expect(status.skippedTrace == 1)
        #expect(status.unmatched == 1)
        #expect(try await RecordingServer.requests(under: prefix).count == 1)
    }

    @Test(arguments: [DispatcherOptions.Overflow.dropOldest, .rejectNewest])
    func aFullQueueDropsByPolicyWithoutBlocking(overflow: DispatcherOptions.Overflow) async throws {
        let prefix = RecordingServer.uniquePrefix("full")
        let configuration = Self.single(try RecordingServer.http + prefix)
        let options = DispatcherOptions(queueCapacity: 4, overflow: overflow, workers: 1)
        try await AsyncHTTPClientTransport.withTransport { transport in
            let dispatcher = NotificationDispatcher(configuration: configuration, options: options, transport: transport, clock: TestClock(),
                                                    logger: CapturedLogs().logger())
            // No workers yet: record must return at once and count what does not fit.
            for index in 0..<10 { dispatcher.record(Harness.event("event \(index)")) }
            let queued = dispatcher.status()
            #expect(queued.queueDepth == 4)
            #expect(queued.droppedQueueFull == 6)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await dispatcher.run() }
                _ = try await Harness.waitForOutcomes(dispatcher, count: 4)
                group.cancelAll()
            }
        }
        let messages = try await RecordingServer.requests(under: prefix).map(\.bodyText).compactMap { body in
            (0..<10).first { body.contains(#""message":"event \#($0)""#) }
        }
        #expect(messages.sorted() == (overflow == .dropOldest ? [6, 7, 8, 9] : [0, 1, 2, 3]))
    }

    @Test func providerConfigurationErrorsAreReportedNotThrown() async throws {
        let provider = Harness.provider(type: .slack, address: nil, secret: "missing")
        let configuration = NotificationConfiguration(alerts: [Harness.alert()], providers: [provider])
        let status = try await Harness.withDispatcher(configuration) { dispatcher in
            dispatcher.record(Harness.event())
            return try await Harness.waitForOutcomes(dispatcher, count: 1)
        }
        #expect(status.providers["flux-system/p"]?.lastError == "Provider/flux-system/p: spec.secretRef: Secret 'flux-system/missing' not found.")
        #expect(status.providers["flux-system/p"]?.attempts == 0)
    }
}
