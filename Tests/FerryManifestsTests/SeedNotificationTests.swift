import FerryCore
import FerryManifests
import Testing

/// The seed example (Slack provider, an Alert on all Kustomizations with an exclusion list, an error-only Alert)
/// decodes from YAML as written and routes events as Flux would.
@Suite struct SeedNotificationTests {
    static func load() throws -> NotificationManifests {
        try NotificationManifests(documents: try ManifestReader.documents(inDirectory: FixturePath.directory))
    }

    static func event(_ kind: String, _ name: String, severity: EventSeverity = .info, message: String) -> FluxEvent {
        let group = kind == "GitRepository" ? "source.toolkit.fluxcd.io" : kind == "HelmRelease" ? "helm.toolkit.fluxcd.io" : "kustomize.toolkit.fluxcd.io"
        return FluxEvent(involvedObject: ObjectReference(kind: kind, namespace: "flux-system", name: name, apiVersion: group + "/v1"),
                         severity: severity, timestamp: EventTimestamp(secondsSinceEpoch: 1_767_225_600), message: message, reason: "ReconciliationSucceeded",
                         metadata: [group + "/revision": "main@sha1:0123456789abcdef0123456789abcdef01234567"], reportingController: "kustomize-controller")
    }

    @Test func decodesEveryObjectAsWritten() throws {
        let seed = try Self.load()
        #expect(seed.providers.map(\.metadata.name) == ["slack-deployments", "pagerduty", "teams", "github-status"])
        #expect(seed.alerts.map(\.metadata.name) == ["on-call-slack", "failures-slack"])
        let slack = try #require(seed.providers.first)
        #expect(slack.spec.type == .slack)
        #expect(slack.spec.channel == "#k8s-deployments")
        #expect(slack.spec.username == "Flux")
        #expect(slack.spec.secretRef == NamedReference(name: "slack-url"))
        let onCall = seed.alerts[0]
        #expect(onCall.spec.effectiveSeverity == "info")
        #expect(onCall.spec.eventSources.map(\.kind) == ["Kustomization", "HelmRelease", "GitRepository"])
        #expect(onCall.spec.exclusionList == [".*no new images.*", ".*ReconcileSucceeded.*"])
        #expect(seed.alerts[1].spec.eventSeverity == "error")
        #expect(seed.secrets.first?.text("address") == "https://hooks.slack.com/services/YOUR/SLACK/WEBHOOK")
    }

    struct RouteCase: Sendable, CustomTestStringConvertible {
        var label: String
        var event: FluxEvent
        var alerts: [String]
        var testDescription: String { label }
    }

    static let routeCases: [RouteCase] = [
        RouteCase(label: "a Kustomization applied", event: event("Kustomization", "apps", message: "Applied revision: main@sha1:0123"), alerts: ["on-call-slack"]),
        RouteCase(label: "a no-op image scan is excluded", event: event("Kustomization", "apps", message: "scan found no new images"), alerts: []),
        RouteCase(label: "ReconcileSucceeded is excluded", event: event("Kustomization", "apps", message: "ReconcileSucceeded in 2s"), alerts: []),
        RouteCase(label: "a Kustomization failure reaches both", event: event("Kustomization", "apps", severity: .error, message: "health check failed"),
                  alerts: ["on-call-slack", "failures-slack"]),
        RouteCase(label: "the grade-api HelmRelease", event: event("HelmRelease", "grade-api", message: "Helm upgrade succeeded"), alerts: ["on-call-slack"]),
        RouteCase(label: "another HelmRelease's info", event: event("HelmRelease", "other", message: "Helm upgrade succeeded"), alerts: []),
        RouteCase(label: "another HelmRelease's failure", event: event("HelmRelease", "other", severity: .error, message: "upgrade failed"),
                  alerts: ["failures-slack"]),
        RouteCase(label: "a GitRepository pull failure", event: event("GitRepository", "flux-system", severity: .error, message: "auth failed"),
                  alerts: ["on-call-slack"]),
    ]

    @Test(arguments: routeCases) func alertsMatchAsWritten(_ item: RouteCase) throws {
        let seed = try Self.load()
        let matched = seed.alerts.filter { CompiledAlert($0).match(item.event, labels: { _ in nil }) == .matched }.map(\.metadata.name)
        #expect(matched == item.alerts)
    }

    @Test func onCallFailuresGoToSlackAndTheMissingProviderIsReported() throws {
        let seed = try Self.load()
        let router = NotificationRouter(alerts: seed.alerts, providers: seed.providers)
        let result = router.route(EventMetadataFilter.cleaned(Self.event("Kustomization", "apps", severity: .error, message: "health check failed")))
        try #require(result.routes.count == 1)
        let route = result.routes[0]
        #expect(route.provider.metadata.name == "slack-deployments")
        #expect(route.event.metadata == ["revision": "main@sha1:0123456789abcdef0123456789abcdef01234567"])
        #expect(result.diagnostics.map(\.message) == [
            "failed to dispatch notification for Kustomization/flux-system/apps: failed to read provider: Provider 'slack-failures' not found",
        ])
        var secrets: [String: SecretData] = [:]
        for secret in seed.secrets { secrets[secret.metadata.name] = secret }
        let settings = try ProviderSettings.resolve(route.provider) { secrets[$0] }
        let requests = try ProviderPayloads.requests(for: route.event, settings: settings)
        #expect(requests.map(\.url.string) == ["https://hooks.slack.com/services/YOUR/SLACK/WEBHOOK"])
        #expect(String(decoding: requests[0].body, as: UTF8.self).hasPrefix(
            ##"{"channel":"#k8s-deployments","username":"Flux","icon_url":"","icon_emoji":"","attachments":[{"color":"danger","author_name":"kustomization/apps.flux-system","text":"health check failed""##))
    }
}
