import FerryCore
import Testing

@Suite struct NotificationRoutingTests {
    typealias F = NotificationFixtures

    static func alert(
        _ name: String = "a", severity: String? = nil, sources: [EventSourceReference] = [EventSourceReference(kind: "ImagePolicy", name: "*")],
        include: [String] = [], exclude: [String] = [], metadata: [String: String] = [:], summary: String = "", suspend: Bool = false,
        provider: String = "p"
    ) -> Alert {
        Alert(metadata: ObjectMetadata(name: name, namespace: "flux-system"),
              spec: AlertSpec(providerRef: NamedReference(name: provider), eventSeverity: severity, eventSources: sources, inclusionList: include,
                              exclusionList: exclude, eventMetadata: metadata, summary: summary, suspend: suspend))
    }

    static func provider(_ name: String = "p", type: ProviderType = .generic, suspend: Bool = false) -> Provider {
        Provider(metadata: ObjectMetadata(name: name, namespace: "flux-system"),
                 spec: ProviderSpec(type: type, address: "https://hooks.example.com/x", suspend: suspend))
    }

    /// A raw controller event (group-prefixed metadata).
    static func raw(kind: String = "ImagePolicy", name: String = "podinfo", namespace: String = "flux-system", severity: EventSeverity = .info,
                    message: String = F.message, metadata: [String: String] = [:]) -> FluxEvent {
        FluxEvent(involvedObject: ObjectReference(kind: kind, namespace: namespace, name: name, apiVersion: "image.toolkit.fluxcd.io/v1"),
                  severity: severity, timestamp: EventTimestamp(secondsSinceEpoch: 0), message: message, reason: "Succeeded", metadata: metadata,
                  reportingController: "image-reflector-controller")
    }

    struct MatchCase: Sendable, CustomTestStringConvertible {
        var label: String
        var alert: Alert
        var event: FluxEvent
        var outcome: CompiledAlert.Outcome
        var testDescription: String { label }
    }

    static let matchCases: [MatchCase] = [
        MatchCase(label: "wildcard name", alert: alert(), event: raw(), outcome: .matched),
        MatchCase(label: "exact name", alert: alert(sources: [EventSourceReference(kind: "ImagePolicy", name: "podinfo")]), event: raw(), outcome: .matched),
        MatchCase(label: "other name", alert: alert(sources: [EventSourceReference(kind: "ImagePolicy", name: "other")]), event: raw(), outcome: .noSource),
        MatchCase(label: "other kind", alert: alert(sources: [EventSourceReference(kind: "ImageRepository", name: "*")]), event: raw(), outcome: .noSource),
        MatchCase(label: "namespace defaults to the Alert's", alert: alert(), event: raw(namespace: "apps"), outcome: .noSource),
        MatchCase(label: "explicit namespace", alert: alert(sources: [EventSourceReference(kind: "ImagePolicy", name: "*", namespace: "apps")]),
                  event: raw(namespace: "apps"), outcome: .matched),
        MatchCase(label: "error alert skips info", alert: alert(severity: "error"), event: raw(), outcome: .noSource),
        MatchCase(label: "error alert takes errors", alert: alert(severity: "error"), event: raw(severity: .error), outcome: .matched),
        MatchCase(label: "info alert takes errors", alert: alert(severity: "info"), event: raw(severity: .error), outcome: .matched),
        MatchCase(label: "inclusion miss", alert: alert(include: ["^Latest image tag for ghcr\\.io/other"]), event: raw(), outcome: .notIncluded),
        MatchCase(label: "inclusion hit (unanchored)", alert: alert(include: ["stefanprodan"]), event: raw(), outcome: .matched),
        MatchCase(label: "exclusion wins", alert: alert(include: ["podinfo"], exclude: ["6\\.5\\.\\d"]), event: raw(), outcome: .excluded),
        MatchCase(label: "invalid inclusion regex is skipped", alert: alert(include: ["(unclosed"]), event: raw(), outcome: .notIncluded),
        MatchCase(label: "invalid exclusion regex is skipped", alert: alert(exclude: ["(unclosed"]), event: raw(), outcome: .matched),
        MatchCase(label: "suspended", alert: alert(suspend: true), event: raw(), outcome: .suspended),
        MatchCase(label: "ORed sources", alert: alert(sources: [EventSourceReference(kind: "Kustomization", name: "*"),
                                                                EventSourceReference(kind: "ImagePolicy", name: "podinfo")]),
                  event: raw(), outcome: .matched),
    ]

    @Test(arguments: matchCases) func alertsMatchAsFluxDoes(_ item: MatchCase) {
        #expect(CompiledAlert(item.alert).match(item.event, labels: { _ in nil }) == item.outcome)
    }

    @Test func matchLabelsNeedTheObjectsLabels() {
        let alert = CompiledAlert(Self.alert(sources: [EventSourceReference(kind: "ImagePolicy", name: "*", matchLabels: ["team": "a"])]))
        #expect(alert.match(Self.raw(), labels: { _ in ["team": "a", "x": "y"] }) == .matched)
        #expect(alert.match(Self.raw(), labels: { _ in ["team": "b"] }) == .noSource)
        #expect(alert.match(Self.raw(), labels: { _ in nil }) == .noSource)
    }

    @Test func invalidRegexesRaiseInvalidConfig() {
        let compiled = CompiledAlert(Self.alert(include: ["(bad"], exclude: ["[z-a]"]))
        #expect(compiled.diagnostics.map(\.message) == ["failed to compile inclusion regex: (bad", "failed to compile exclusion regex: [z-a]"])
        #expect(compiled.diagnostics.allSatisfy { $0.reason == "InvalidConfig" && $0.object == "Alert/flux-system/a" })
    }

    @Test func serverCleaningKeepsOnlyPrefixedKeys() {
        let event = Self.raw(metadata: [
            "image.toolkit.fluxcd.io/revision": "r", "image.toolkit.fluxcd.io/checksum": "c", "image.toolkit.fluxcd.io/digest": "d",
            "event.toolkit.fluxcd.io/team": "t", "other.io/x": "x", "plain": "p",
        ])
        #expect(EventMetadataFilter.cleaned(event).metadata == ["image.toolkit.fluxcd.io/revision": "r", "event.toolkit.fluxcd.io/team": "t"])
    }

    @Test func metadataMergesInFluxPrecedence() {
        let event = Self.raw(metadata: [
            "event.toolkit.fluxcd.io/env": "from-annotation", "event.toolkit.fluxcd.io/team": "a",
            "image.toolkit.fluxcd.io/revision": "r1", "image.toolkit.fluxcd.io/env": "from-controller",
        ])
        let (metadata, conflicts) = EventMetadataFilter.combined(event, alert: Self.alert(metadata: ["team": "alert", "cluster": "c1"], summary: "s"))
        #expect(metadata == ["env": "from-controller", "team": "alert", "revision": "r1", "cluster": "c1", "summary": "s"])
        #expect(conflicts.map(\.key) == ["env", "team"])
        #expect(conflicts[0].sources == ["involved object annotations", "involved object controller metadata"])
    }

    @Test func routerDeliversWithMergedMetadataAndDropsTheToken() throws {
        let router = NotificationRouter(alerts: [Self.alert(summary: "prod")], providers: [Self.provider()])
        let event = Self.raw(metadata: ["image.toolkit.fluxcd.io/revision": "r", "image.toolkit.fluxcd.io/token": "secret-token"])
        let result = router.route(EventMetadataFilter.cleaned(event))
        try #require(result.routes.count == 1)
        #expect(result.routes[0].event.metadata == ["revision": "r", "summary": "prod"])
        #expect(result.diagnostics.isEmpty)
    }

    @Test func routerReportsMissingProvidersAndConflicts() {
        let router = NotificationRouter(alerts: [Self.alert(provider: "missing"), Self.alert("b", metadata: ["revision": "x"])],
                                        providers: [Self.provider()])
        let result = router.route(Self.raw(metadata: ["image.toolkit.fluxcd.io/revision": "r"]))
        #expect(result.routes.count == 1)
        #expect(result.diagnostics.map(\.reason) == ["NotificationDispatchFailed", "MetadataAppendFailed"])
        #expect(result.diagnostics[0].message.hasSuffix("failed to read provider: Provider 'missing' not found"))
    }

    @Test func suspendedProvidersAndCrossNamespaceEventsAreSkipped() {
        let suspended = NotificationRouter(alerts: [Self.alert()], providers: [Self.provider(suspend: true)])
        #expect(suspended.route(Self.raw()).routes.isEmpty)
        let alert = Self.alert(sources: [EventSourceReference(kind: "ImagePolicy", name: "*", namespace: "apps")])
        let strict = NotificationRouter(alerts: [alert], providers: [Self.provider()], noCrossNamespaceRefs: true)
        let result = strict.route(Self.raw(namespace: "apps"))
        #expect(result.routes.isEmpty)
        #expect(result.diagnostics.first?.message.contains("access denied to cross-namespace sources") == true)
    }

    @Test func commitStatusProvidersTakeErrorsAndCommitEventsOnly() {
        let router = NotificationRouter(alerts: [Self.alert()], providers: [Self.provider(type: .github)])
        let info = router.route(Self.raw())
        #expect(info.routes.isEmpty)
        #expect(info.droppedForCommitStatus == ["flux-system/a"])
        #expect(router.route(Self.raw(severity: .error)).routes.count == 1)
        #expect(router.route(Self.raw(metadata: ["event.toolkit.fluxcd.io/commit": "abc"])).routes.count == 1)
        let update = Self.raw(metadata: ["image.toolkit.fluxcd.io/commit_status": "update"])
        #expect(router.route(update).routes.first?.commitStatus == "imagepolicy/podinfo/" + ProviderSettings.stableUID(Self.provider(type: .github)))
        // Chat providers skip commit status updates.
        #expect(NotificationRouter(alerts: [Self.alert()], providers: [Self.provider()]).route(update).routes.isEmpty)
    }

    @Test func eventKeyIsFluxsHash() {
        let event = Self.raw(message: "hello", metadata: ["image.toolkit.fluxcd.io/revision": "r1", "image.toolkit.fluxcd.io/token": "t1"])
        // sha256("event/name=podinfo/namespace=flux-system/kind=ImagePolicy/message=hello/revision=r1/token=t1"), python3 hashlib.
        #expect(EventKey.of(event) == "ce1033e7a718b588a51c6e2d449f3a2a5f792fdeb43a4282bab29e1cfb4fda61")
    }

    @Test func rateLimiterAcceptsOneEventPerWindow() {
        var limiter = EventRateLimiter(interval: .seconds(300))
        let event = Self.raw()
        #expect(limiter.admit(event, now: .seconds(10)) == .accepted)
        #expect(limiter.admit(event, now: .seconds(11)) == .limited(after: .seconds(299)))
        #expect(limiter.admit(Self.raw(message: "other"), now: .seconds(12)) == .accepted)
        #expect(limiter.admit(event, now: .seconds(309)) == .limited(after: .seconds(1)))
        // Windows are fixed from the first sighting: 10s + 300s.
        #expect(limiter.admit(event, now: .seconds(310)) == .accepted)
        #expect(limiter.admit(event, now: .seconds(609)) == .limited(after: .seconds(1)))
        #expect(limiter.admit(event, now: .seconds(1000)) == .accepted)
    }

    @Test func rateLimiterDistinguishesRevisionsAndTokens() {
        var limiter = EventRateLimiter()
        let first = Self.raw(metadata: ["image.toolkit.fluxcd.io/revision": "a"])
        let second = Self.raw(metadata: ["image.toolkit.fluxcd.io/revision": "b"])
        let other = Self.raw(metadata: ["unrelated/key": "z"])
        #expect(limiter.admit(first, now: .zero) == .accepted)
        #expect(limiter.admit(second, now: .zero) == .accepted)
        #expect(limiter.admit(Self.raw(), now: .zero) == .accepted)
        #expect(limiter.admit(other, now: .seconds(1)) != .accepted)
    }

    @Test func rateLimiterMemoryIsBounded() {
        var limiter = EventRateLimiter(interval: .seconds(300), retention: .seconds(600), capacity: 100)
        for index in 0..<1000 { _ = limiter.admit(key: "k\(index)", now: .seconds(Int64(index))) }
        #expect(limiter.trackedKeys <= 100)
        limiter.sweep(now: .seconds(100_000))
        #expect(limiter.trackedKeys == 0)
        var off = EventRateLimiter(interval: .zero)
        #expect(off.admit(key: "x", now: .zero) == .accepted)
        #expect(off.admit(key: "x", now: .zero) == .accepted)
    }

    @Test func retryPolicyIsRetryablehttpsDefault() {
        let policy = DeliveryRetryPolicy()
        #expect(policy.decide(afterAttempt: 1, outcome: .status(500, retryAfterSeconds: nil)) == .retry(after: .seconds(2)))
        #expect(policy.decide(afterAttempt: 2, outcome: .connectionFailed) == .retry(after: .seconds(4)))
        #expect(policy.decide(afterAttempt: 4, outcome: .status(502, retryAfterSeconds: nil)) == .retry(after: .seconds(16)))
        #expect(policy.decide(afterAttempt: 5, outcome: .status(500, retryAfterSeconds: nil)) == .giveUp)
        #expect(policy.decide(afterAttempt: 1, outcome: .status(429, retryAfterSeconds: 7)) == .retry(after: .seconds(7)))
        #expect(policy.decide(afterAttempt: 1, outcome: .status(501, retryAfterSeconds: nil)) == .giveUp)
        #expect(policy.decide(afterAttempt: 1, outcome: .status(404, retryAfterSeconds: nil)) == .giveUp)
        #expect(policy.decide(afterAttempt: 1, outcome: .tlsFailed) == .giveUp)
        #expect(policy.decide(afterAttempt: 1, outcome: .timedOut) == .giveUp)
        let capped = DeliveryRetryPolicy(maximumAttempts: 10, minimumWait: .seconds(2), maximumWait: .seconds(30))
        #expect(capped.decide(afterAttempt: 6, outcome: .connectionFailed) == .retry(after: .seconds(30)))
    }
}
