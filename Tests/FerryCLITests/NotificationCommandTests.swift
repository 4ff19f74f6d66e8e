import FerryCLI
import Foundation
import Testing

@Suite struct NotificationCommandTests {
    @Test func createAlertProviderPrintsFluxsExport() async {
        let result = await ferry(["create", "alert-provider", "slack", "--type", "slack", "--channel", "#k8s-test",
                                  "--address", "https://hooks.slack.com/services/YOUR/SLACK/WEBHOOK", "--secret-ref", "slack-url", "--export"])
        #expect(result.status == 0)
        #expect(result.stderr == "")
        #expect(result.stdout == """
            ---
            apiVersion: notification.toolkit.fluxcd.io/v1beta3
            kind: Provider
            metadata:
              name: slack
              namespace: flux-system
            spec:
              address: https://hooks.slack.com/services/YOUR/SLACK/WEBHOOK
              channel: '#k8s-test'
              secretRef:
                name: slack-url
              type: slack


            """)
    }

    @Test func createAlertWithSourcesLabelsAndNamespace() async {
        let result = await ferry(["create", "alert", "images", "-n", "apps", "--label", "team=platform,tier=1", "--event-severity", "error",
                                  "--event-source", "ImagePolicy/*", "--event-source", "ImageUpdateAutomation/flux-system.flux-system",
                                  "--provider-ref", "teams", "--export"])
        #expect(result.status == 0)
        #expect(result.stdout == """
            ---
            apiVersion: notification.toolkit.fluxcd.io/v1beta3
            kind: Alert
            metadata:
              labels:
                team: platform
                tier: "1"
              name: images
              namespace: apps
            spec:
              eventSeverity: error
              eventSources:
              - kind: ImagePolicy
                name: '*'
              - kind: ImageUpdateAutomation
                name: flux-system
                namespace: flux-system
              providerRef:
                name: teams


            """)
    }

    @Test func createReceiverPrintsFluxsExport() async {
        let result = await ferry(["create", "receiver", "github-receiver", "--type", "github", "--event", "ping", "--event", "push",
                                  "--secret-ref", "webhook-token", "--resource", "GitRepository/webapp", "--resource", "HelmRepository/webapp", "--export"])
        #expect(result.status == 0)
        #expect(result.stdout == """
            ---
            apiVersion: notification.toolkit.fluxcd.io/v1
            kind: Receiver
            metadata:
              name: github-receiver
              namespace: flux-system
            spec:
              events:
              - ping
              - push
              resources:
              - kind: GitRepository
                name: webapp
              - kind: HelmRepository
                name: webapp
              secretRef:
                name: webhook-token
              type: github


            """)
    }

    @Test(arguments: [
        (["create", "alert-provider", "x", "--export"], "ferry: --type: Provider type is required\n"),
        (["create", "alert-provider", "x", "--type", "pigeon", "--export"], "ferry: Provider/flux-system/x: spec.type \"pigeon\" is invalid: must be one of"),
        (["create", "alert", "x", "--event-source", "Kustomization/a", "--export"], "ferry: --provider-ref: provider ref is required\n"),
        (["create", "alert", "x", "--provider-ref", "p", "--export"], "ferry: --event-source: at least one event source is required\n"),
        (["create", "alert", "x", "--provider-ref", "p", "--event-source", "nokind", "--export"],
         "ferry: --event-source: invalid event source 'nokind', must be in format <kind>/<name>\n"),
        (["create", "alert", "x", "--provider-ref", "p", "--event-source", "Kustomization/a", "--event-severity", "warn", "--export"],
         "ferry: Alert/flux-system/x: spec.eventSeverity \"warn\" is invalid: must be info or error.\n"),
        (["create", "receiver", "x", "--type", "github", "--resource", "GitRepository/a", "--export"], "ferry: --secret-ref: secret ref is required\n"),
        (["create", "alert", "x", "--provider-ref", "p", "--event-source", "Kustomization/a", "--label", "novalue", "--export"],
         "ferry: --label: invalid label format 'novalue', must be key=value\n"),
        (["create", "alert", "x", "--provider-ref", "p", "--event-source", "Kustomization/a"],
         "ferry: applying a Alert to a cluster is not supported yet; add --export to print the manifest\n"),
    ])
    func invalidInputExitsTwoNamingTheFlag(arguments: [String], message: String) async {
        let result = await ferry(arguments)
        #expect(result.status == 2)
        #expect(result.stdout == "")
        #expect(result.stderr.hasPrefix(message), "\(result.stderr)")
    }

    static func manifests(_ files: [String: String]) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-get-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory + "/nested", withIntermediateDirectories: true)
        for (name, text) in files { try text.write(toFile: directory + "/" + name, atomically: true, encoding: .utf8) }
        return directory
    }

    static let objects = """
        apiVersion: notification.toolkit.fluxcd.io/v1beta3
        kind: Provider
        metadata:
          name: slack
          namespace: flux-system
        spec:
          type: slack
        ---
        apiVersion: notification.toolkit.fluxcd.io/v1beta3
        kind: Provider
        metadata:
          name: teams-long-name
          namespace: apps
        spec:
          type: msteams
          suspend: true
        ---
        apiVersion: notification.toolkit.fluxcd.io/v1beta3
        kind: Alert
        metadata:
          name: on-call
          namespace: flux-system
        spec:
          providerRef:
            name: slack
          eventSources:
            - kind: ImagePolicy
              name: '*'
        ---
        apiVersion: notification.toolkit.fluxcd.io/v1
        kind: Receiver
        metadata:
          name: github-receiver
          namespace: flux-system
        spec:
          type: github
          secretRef:
            name: webhook-token
          resources:
            - kind: GitRepository
              name: webapp
        ---
        apiVersion: notification.toolkit.fluxcd.io/v1
        kind: Receiver
        metadata:
          name: orphan
          namespace: flux-system
        spec:
          type: generic
          secretRef:
            name: missing
          resources:
            - kind: GitRepository
              name: webapp
        """

    static let secret = """
        apiVersion: v1
        kind: Secret
        metadata:
          name: webhook-token
          namespace: flux-system
        stringData:
          token: token
        """

    @Test func getAlertProvidersAndAlertsFromManifests() async throws {
        let directory = try Self.manifests(["objects.yaml": Self.objects, "nested/secret.yml": Self.secret])
        let providers = await ferry(["get", "alert-providers", "--manifests", directory])
        #expect(providers.status == 0)
        #expect(providers.stdout == "NAME  \tSUSPENDED \t\nslack \tFalse     \t\n")
        let all = await ferry(["get", "alert-providers", "--manifests", directory, "-A"])
        #expect(all.stdout == """
            NAMESPACE   \tNAME            \tSUSPENDED \t
            apps        \tteams-long-name \tTrue      \t
            flux-system \tslack           \tFalse     \t

            """)
        let alerts = await ferry(["get", "alerts", "--manifests", directory, "--no-header"])
        #expect(alerts.stdout == "on-call \tFalse \t\n")
        let none = await ferry(["get", "alerts", "--manifests", directory, "-n", "empty"])
        #expect(none.status == 0)
        #expect(none.stderr == "no objects found in empty namespace\n")
    }

    @Test func getReceiversShowsTheWebhookPath() async throws {
        let directory = try Self.manifests(["objects.yaml": Self.objects, "secret.yaml": Self.secret])
        let result = await ferry(["get", "receivers", "--manifests", directory])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        try #require(lines.count == 3)
        #expect(lines[0].hasPrefix("NAME            \tSUSPENDED \tREADY \tMESSAGE "))
        #expect(lines[1].hasPrefix("github-receiver \tFalse     \tTrue  \tReceiver initialized for path: "
                                   + "/hook/8ed710969b945c0dc10d6d0b5084e120ec2228353d1fe42d56be5ba88500e684 \t"))
        #expect(lines[2].hasPrefix("orphan          \tFalse     \tFalse \ttoken not found in Secret 'flux-system/missing' "))
    }

    @Test func getReportsManifestErrorsWithFileAndLine() async throws {
        let directory = try Self.manifests(["bad.yaml": "apiVersion: notification.toolkit.fluxcd.io/v1beta3\nkind: Alert\nmetadata:\n  name: a\nspec:\n  eventSources: []\n"])
        let result = await ferry(["get", "alerts", "--manifests", directory])
        #expect(result.status == 2)
        #expect(result.stderr == "ferry: \(directory)/bad.yaml:6: Alert/a: spec.providerRef: is required\n")
        let missing = await ferry(["get", "alerts", "--manifests", directory + "/nope"])
        #expect(missing.status == 2)
        #expect(missing.stderr == "ferry: \(directory)/nope: no such directory\n")
    }

    @Test func helpHasExamples() async {
        for command in [["create", "alert-provider"], ["create", "alert"], ["create", "receiver"], ["get", "alert-providers"], ["get", "alerts"],
                        ["get", "receivers"]] {
            let result = await ferry(command + ["--help"])
            #expect(result.status == 0)
            #expect(result.stdout.contains("Examples:"), "\(command)")
            #expect(result.stdout.contains("ferry " + command.joined(separator: " ")), "\(command)")
        }
    }
}
