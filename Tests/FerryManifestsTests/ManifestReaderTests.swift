import FerryCore
import FerryManifests
import Testing

@Suite struct ManifestReaderTests {
    @Test func splitsDocumentsAndIdentifiesThem() throws {
        let text = """
            # comment only
            ---
            apiVersion: notification.toolkit.fluxcd.io/v1beta3
            kind: Provider
            metadata:
              name: slack
            spec:
              type: slack
            ---
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: app
              namespace: prod
            """
        let documents = try ManifestReader.documents(in: text, file: "m.yaml")
        #expect(documents.map(\.objectName) == ["Provider/slack", "Deployment/prod/app"])
        #expect(documents.map(\.line) == [3, 11])
        #expect(documents[0].group == "notification.toolkit.fluxcd.io")
        let objects = try NotificationManifests(documents: documents)
        #expect(objects.providers.map(\.metadata.namespace) == ["flux-system"])
    }

    @Test func decodingErrorsNameFileLineFieldAndValue() throws {
        let text = """
            apiVersion: notification.toolkit.fluxcd.io/v1beta3
            kind: Alert
            metadata:
              name: a
              namespace: ns
            spec:
              providerRef:
                name: p
              eventSources: all
            """
        let documents = try ManifestReader.documents(in: text, file: "alerts.yaml")
        let error = #expect(throws: ManifestError.self) { try NotificationManifests(documents: documents) }
        #expect(error?.description == "alerts.yaml:9: Alert/ns/a: spec.eventSources \"all\": must be a list")
    }

    @Test func missingFieldsAreNamed() throws {
        let text = "apiVersion: notification.toolkit.fluxcd.io/v1beta3\nkind: Alert\nmetadata:\n  name: a\nspec:\n  eventSources: []\n"
        let error = #expect(throws: ManifestError.self) { try NotificationManifests(documents: try ManifestReader.documents(in: text, file: "f.yaml")) }
        #expect(error?.field == "spec.providerRef")
        #expect(error?.reason == "is required")
    }

    @Test func validationErrorsCarryThePlace() throws {
        let text = """
            apiVersion: notification.toolkit.fluxcd.io/v1beta3
            kind: Alert
            metadata:
              name: a
            spec:
              providerRef:
                name: p
              eventSeverity: warning
              eventSources:
                - kind: Kustomization
                  name: "*"
            """
        let error = #expect(throws: ManifestError.self) { try NotificationManifests(documents: try ManifestReader.documents(in: text, file: "f.yaml")) }
        #expect(error?.description == "f.yaml:1: Alert/a: spec.eventSeverity \"warning\": must be info or error")
    }

    @Test func invalidYAMLHasLineAndColumn() {
        let error = #expect(throws: ManifestError.self) {
            try ManifestReader.documents(in: "apiVersion: v1\nkind: Secret\nmetadata:\n  name: [unclosed\n", file: "bad.yaml")
        }
        #expect(error?.line != nil)
        #expect(error?.description.hasPrefix("bad.yaml:") == true)
        #expect(error?.description.contains("invalid YAML") == true)
    }

    @Test func documentsNeedKindAndName() {
        #expect(throws: ManifestError.self) { try ManifestReader.documents(in: "kind: Alert\nmetadata:\n  name: a\n", file: "f") }
        #expect(throws: ManifestError.self) { try ManifestReader.documents(in: "apiVersion: v1\nkind: Secret\n", file: "f") }
        #expect(throws: ManifestError.self) { try ManifestReader.documents(in: "- a\n- b\n", file: "f") }
    }

    @Test func secretsDecodeDataAndStringDataWithoutPrintingValues() throws {
        let text = """
            apiVersion: v1
            kind: Secret
            metadata:
              name: s
            data:
              token: c2VjcmV0LXZhbHVl
            stringData:
              address: https://example.com/hook
            """
        let objects = try NotificationManifests(documents: try ManifestReader.documents(in: text, file: "s.yaml"))
        let secret = try #require(objects.secrets.first)
        #expect(secret.text("token") == "secret-value")
        #expect(secret.text("address") == "https://example.com/hook")
        #expect(!secret.description.contains("secret-value"))
        let broken = text.replacing("c2VjcmV0LXZhbHVl", with: "not base64!")
        let error = #expect(throws: ManifestError.self) { try NotificationManifests(documents: try ManifestReader.documents(in: broken, file: "s.yaml")) }
        #expect(error?.value == nil)
        #expect(error?.description.contains("not base64") == false)
    }

    @Test(arguments: [
        ("plain", "plain"), ("#k8s", "'#k8s'"), ("*", "'*'"), ("true", "\"true\""), ("yes", "\"yes\""), ("1", "\"1\""), ("1.5", "\"1.5\""),
        ("a: b", "'a: b'"), ("https://hooks.slack.com/x", "https://hooks.slack.com/x"), ("", "\"\""), ("2024-01-15", "\"2024-01-15\""), ("it's", "it's"), ("'q'", "'''q'''"),
        ("- x", "'- x'"), ("1m0s", "1m0s"), ("a #b", "'a #b'"), ("null", "\"null\""),
    ])
    func scalarsAreQuotedAsGoYAML(value: String, printed: String) {
        #expect(ManifestYAML.map(["k": .string(value)]).text == "k: \(printed)\n")
    }

    @Test func nestedListsAndMapsPrintAsFluxExport() {
        let yaml = ManifestYAML.map([
            "spec": .map(["b": .list([.map(["name": .string("x"), "kind": .string("K")]), .map(["kind": .string("L"), "name": .string("z")])]),
                          "a": .list([.string("one")]), "e": .map([:])]),
            "apiVersion": .string("v1"),
        ])
        #expect(yaml.exportText == "---\napiVersion: v1\nspec:\n  a:\n  - one\n  b:\n  - kind: K\n    name: x\n  - kind: L\n    name: z\n  e: {}\n\n")
    }
}
