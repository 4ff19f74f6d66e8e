import FerryCLI
import Foundation
import Testing

@Suite struct TemplateRenderCommandTests {
    @Test func rendersJSONDataExactlyWithoutAddingANewline() async {
        let files = ["t.tmpl": "{{ .name | upper }} {{ .replicas }} {{ .missing }}{{ range .tags }} {{ . }}{{ end }}", "d.json": #"{"name": "podinfo", "replicas": 3, "tags": ["a", "b"]}"#]
        let result = await ferry(["template", "render", "--template", "t.tmpl", "--data", "d.json"], files: files)
        #expect(result.status == 0)
        #expect(result.stdout == "PODINFO 3 <no value> a b")
        #expect(result.stderr == "")
    }

    @Test func rendersTheTemplateFromStandardInput() async {
        let result = await ferry(["template", "render", "--template", "-", "--sample"], stdin: "{{ .AutomationObject }}\n")
        #expect(result.status == 0)
        #expect(result.stdout == "flux-system/podinfo\n")
    }

    @Test func rendersASeedTemplateAgainstTheSample() async {
        let files = ["t.tmpl": "chore: update {{range .Updated.Images}}{{println .}}{{end}}"]
        let result = await ferry(["template", "render", "--template", "t.tmpl", "--sample"], files: files)
        #expect(result.status == 0)
        #expect(result.stdout == "chore: update docker.io/bitnami/redis:7.2.4\nghcr.io/stefanprodan/podinfo:6.5.1\n")
    }

    @Test func fluxFieldsRejectUpdatedAsFluxDoes() async {
        let files = ["t.tmpl": "x {{range .Updated.Images}}{{.}}{{end}}"]
        let result = await ferry(["template", "render", "--template", "t.tmpl", "--sample", "--flux-fields"], files: files)
        #expect(result.status == 2)
        #expect(result.stdout == "")
        #expect(result.stderr.hasPrefix("ferry: --template t.tmpl: template uses removed '.Updated' field. Please use '.Changed' instead."))
        #expect(result.stderr.contains("template: commit message:1:18: executing \"commit message\" at <.Updated.Images>"))
    }

    @Test func rendersCommitData() async {
        let commit = #"""
            {"AutomationObject": {"Namespace": "apps", "Name": "auto"},
             "Changed": {"FileChanges": [{"file": "d.yaml", "objects": [{"object": {"APIVersion": "apps/v1", "Kind": "Deployment", "Name": "web", "Namespace": "apps"},
               "changes": [{"OldValue": "1.0", "NewValue": "1.1", "Setter": "apps:web:tag"}]}]}]},
             "Policies": [{"namespace": "apps", "name": "web", "image": "registry.example/web", "tag": "1.1"}]}
            """#
        let files = ["t.tmpl": "{{.AutomationObject}}: {{range .Changed.Changes}}{{.OldValue}}->{{.NewValue}}{{end}} {{range .Updated.Images}}{{.}}{{end}}", "c.json": commit]
        let result = await ferry(["template", "render", "--template", "t.tmpl", "--commit-data", "c.json"], files: files)
        #expect(result.status == 0)
        #expect(result.stdout == "apps/auto: 1.0->1.1 registry.example/web:1.1")
    }

    @Test func anEmptyTemplateWithCommitDataIsFluxsDefaultMessage() async {
        let result = await ferry(["template", "render", "--template", "t.tmpl", "--sample"], files: ["t.tmpl": ""])
        #expect(result.stdout == "Update from image update automation")
    }

    @Test func aBadTemplateExitsTwoWithLineAndColumn() async {
        let result = await ferry(["template", "render", "--template", "t.tmpl", "--sample"], files: ["t.tmpl": "ok\n{{ range .Changed.Changes }}{{ .Nope }}\n"])
        #expect(result.status == 2)
        #expect(result.stdout == "")
        #expect(result.stderr == "ferry: --template t.tmpl: template: commit message:3:0: unexpected EOF\n")
    }

    @Test func anExecutionErrorExitsTwoOnOneLine() async {
        let result = await ferry(["template", "render", "--template", "t.tmpl", "--sample"], files: ["t.tmpl": "{{range .Changed.Changes}}\n{{ .Nope }}{{end}}"])
        #expect(result.status == 2)
        #expect(result.stderr == "ferry: --template t.tmpl: template: commit message:2:3: executing \"commit message\" at <.Nope>: can't evaluate field Nope in type update.Change\n")
    }

    @Test func badJSONDataExitsTwo() async {
        let result = await ferry(["template", "render", "--template", "t.tmpl", "--data", "d.json"], files: ["t.tmpl": "x", "d.json": "{\"a\": }"])
        #expect(result.status == 2)
        #expect(result.stderr == "ferry: --data d.json: line 1, column 7: invalid character '}' looking for beginning of value\n")
    }

    @Test func missingFilesAndConflictingFlags() async {
        let missing = await ferry(["template", "render", "--template", "nope.tmpl"])
        #expect(missing.status == 2)
        #expect(missing.stderr == "ferry: --template: cannot read nope.tmpl: No such file or directory\n")
        let both = await ferry(["template", "render", "--template", "t", "--sample", "--data", "d.json"])
        #expect(both.status == 2)
        #expect(both.stderr.contains("give only one of --data, --sample and --commit-data (got --data, --sample)"))
        let fluxOnly = await ferry(["template", "render", "--template", "t", "--flux-fields"])
        #expect(fluxOnly.status == 2)
    }

    @Test func helpShowsExamples() async {
        let result = await ferry(["template", "render", "--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("ferry template render --template msg.tmpl --sample"))
        #expect(result.stdout.contains("--commit-data"))
        #expect(result.stdout.contains("--now <time>"))
        #expect(result.stdout.contains("--seed <n>"))
        #expect(result.stdout.contains("fail when"))
    }

    @Test func nowAndSeedMakeDatesAndRandomNumbersRepeatable() async {
        let files = ["t.tmpl": #"{{ toDate "2006-01-02" "2024-06-14" | ago }} {{ randInt 0 100 }} {{ shuffle "abcdef" }}"#]
        let arguments = ["template", "render", "--template", "t.tmpl", "--now", "2024-06-15T12:00:00Z", "--seed", "42"]
        let result = await ferry(arguments, files: files)
        #expect(result.status == 0)
        #expect(result.stderr == "")
        // Go 1.19's rand.Seed(42) draws 5 first, as the vectors show.
        #expect(result.stdout.hasPrefix("36h0m0s 5 "))
        #expect(await ferry(arguments, files: files).stdout == result.stdout)
    }

    @Test func withoutNowTheCurrentTimeIsUsed() async {
        let files = ["t.tmpl": #"{{ toDate "2006-01-02" "2000-01-01" | durationRound }}"#]
        let result = await ferry(["template", "render", "--template", "t.tmpl"], files: files)
        #expect(result.status == 0)
        // More than 24 years have passed since 2000 on any clock this runs on.
        #expect(result.stdout.hasSuffix("y"))
        #expect((Int(result.stdout.dropLast()) ?? 0) >= 24)
    }

    @Test func aBadNowIsRejected() async {
        let result = await ferry(["template", "render", "--template", "t.tmpl", "--now", "yesterday"], files: ["t.tmpl": "x"])
        #expect(result.status == 2)
        #expect(result.stdout == "")
        #expect(result.stderr.contains("--now yesterday is not an RFC 3339 time such as 2024-06-15T12:00:00Z"))
    }

    @Test func unsupportedFunctionsFailWhenTheTemplateRuns() async {
        let result = await ferry(["template", "render", "--template", "t.tmpl", "--sample"], files: ["t.tmpl": #"ok {{ genPrivateKey "rsa" }}"#])
        #expect(result.status == 2)
        #expect(result.stdout == "")
        #expect(
            result.stderr
                == "ferry: --template t.tmpl: template: commit message:1:6: executing \"commit message\" at <genPrivateKey \"rsa\">: "
                + "error calling genPrivateKey: Ferry does not offer genPrivateKey in commit message templates "
                + "(Sprig's key, certificate, password and AES functions are left out)\n")
    }

    @Test func realProcessPrintsExactly() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-template-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let template = directory.appendingPathComponent("t.tmpl")
        try Data("{{ printf \"%05.1f|%x\" 3.14159 \"hi\" }}".utf8).write(to: template)
        let result = try ferryProcess(["template", "render", "--template", template.path], stdin: "")
        #expect(result.status == 0)
        #expect(result.stdout == "003.1|6869")
    }
}
