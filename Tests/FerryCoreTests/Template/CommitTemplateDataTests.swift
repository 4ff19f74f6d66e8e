import FerryCore
import Foundation
import Testing

/// The commit message data model (Flux's UA-51, UA-52 and UA-54, and Ferry's `.Updated`).
@Suite struct CommitTemplateDataTests {
    static let seeds = ["000-updated-images-tags", "002-commit-template-flag", "003-updated-images-println", "004-changed-files-objects"]

    /// Every template in the seed documents renders (against the sample commit).
    @Test(arguments: seeds) func seedTemplateRenders(_ name: String) throws {
        let template = String(decoding: try Fixtures.data("templates/seeds/\(name).tmpl"), as: UTF8.self)
        let expected = String(decoding: try Fixtures.data("templates/seeds/\(name).expected"), as: UTF8.self)
        #expect(try CommitMessage.render(template: template, data: .sample) == expected)
    }

    @Test func seedTemplatesUsingUpdatedFailWithFluxFieldsAsInFlux() throws {
        var data = CommitTemplateData.sample
        data.fields = .flux
        let template = String(decoding: try Fixtures.data("templates/seeds/003-updated-images-println.tmpl"), as: UTF8.self)
        #expect(throws: CommitMessageError.self) { try CommitMessage.render(template: template, data: data) }
        do {
            _ = try CommitMessage.render(template: template, data: data)
        } catch {
            #expect(error.kind == .removedField(".Updated"))
            #expect(error.description.hasPrefix("template uses removed '.Updated' field. Please use '.Changed' instead."))
            #expect(error.underlying.line == 1)
            #expect(error.underlying.column == 30, "Go reports a field chain at its last field")
        }
    }

    @Test func printingFollowsGo() throws {
        let data = CommitTemplateData.sample
        func render(_ text: String) throws -> String { try CommitMessage.render(template: text, data: data) }
        #expect(try render("{{.AutomationObject}}|{{.AutomationObject.Namespace}}|{{printf \"%+v\" .AutomationObject}}") == "flux-system/podinfo|flux-system|flux-system/podinfo")
        #expect(try render("{{printf \"%#v\" .AutomationObject}}") == "types.NamespacedName{Namespace:\"flux-system\", Name:\"podinfo\"}")
        #expect(try render("{{range $id, $c := .Changed.Objects}}{{$id}}={{$c}};{{end}}") == [
            "{{{apps/v1 Deployment} {podinfo podinfo}}}=[{ghcr.io/stefanprodan/podinfo:6.5.0 ghcr.io/stefanprodan/podinfo:6.5.1 flux-system:podinfo}];",
            "{{{helm.toolkit.fluxcd.io/v2 HelmRelease} {redis redis}}}=[{7.2.3 7.2.4 flux-system:redis:tag}];",
            "{{{kustomize.config.k8s.io/v1beta1 Kustomization} { }}}=[{6.5.0 6.5.1 flux-system:podinfo:tag}];",
        ].joined())
        #expect(try render("{{printf \"%T %T %T %T\" . .Changed .Changed.Objects .Changed.Changes}}") == "source.TemplateData update.Result update.ObjectChanges []update.Change")
        #expect(try render("{{range .Changed.Changes}}{{.Setter}} {{end}}") == "flux-system:podinfo flux-system:podinfo:tag flux-system:redis:tag ")
        #expect(try render("{{.Values}} {{.Values.cluster}} {{index .Values \"missing\"}}|{{.Values.missing}}") == "map[cluster:prod] prod |<no value>")
        #expect(try render("{{ (index .Changed.Changes 0) | toJson }}") == #"{"OldValue":"ghcr.io/stefanprodan/podinfo:6.5.0","NewValue":"ghcr.io/stefanprodan/podinfo:6.5.1","Setter":"flux-system:podinfo"}"#)
    }

    @Test func updatedModel() throws {
        let data = CommitTemplateData.sample
        func render(_ text: String) throws -> String { try CommitMessage.render(template: text, data: data) }
        #expect(try render("{{range .Updated.Images}}{{.}}|{{.ImageName}}|{{.OldTag}}|{{.NewTag}}|{{.Repository}}|{{.Registry}}|{{.Identifier}}|{{.Policy}};{{end}}") == [
            "docker.io/bitnami/redis:7.2.4|docker.io/bitnami/redis|7.2.3|7.2.4|bitnami/redis|index.docker.io|7.2.4|flux-system/redis;",
            "ghcr.io/stefanprodan/podinfo:6.5.1|ghcr.io/stefanprodan/podinfo|6.5.0|6.5.1|stefanprodan/podinfo|ghcr.io|6.5.1|flux-system/podinfo;",
        ].joined())
        #expect(try render("{{range $f, $_ := .Updated.Files}}{{$f}} {{end}}{{len .Updated.Objects}}") == "apps/podinfo/deployment.yaml apps/podinfo/kustomization.yaml apps/redis/release.yaml 3")
    }

    @Test func removedImageResultFieldIsFluxsError() {
        #expect {
            try CommitMessage.render(template: "{{.Changed.ImageResult}}", data: .sample)
        } throws: { error in
            (error as? CommitMessageError)?.kind == .removedField(".Changed.ImageResult")
        }
    }

    @Test func digestsAndPoliciesWithoutLatestReference() {
        let result = UpdateResult(fileChanges: [
            "a.yaml": [ResourceIdentifier(kind: "Deployment", name: "a"): [SetterChange(oldValue: "r.io/a:1", newValue: "r.io/a:2@sha256:abc", setter: "ns:a")]]
        ])
        let images = CommitTemplateData(automationNamespace: "ns", automationName: "auto", result: result).updatedImages
        #expect(images == [UpdatedImage(policyNamespace: "ns", policyName: "a", imageName: "r.io/a", oldTag: "1", newTag: "2", digest: "sha256:abc")])
        #expect(images.first?.reference == "r.io/a:2@sha256:abc")
    }

    @Test func defaultMessageForAnEmptyTemplate() throws {
        #expect(try CommitMessage.render(template: "", data: .sample) == "Update from image update automation")
    }

    @Test func parseAndExecutionErrorsUseFluxsWording() {
        #expect {
            try CommitMessage.render(template: "{{ if }}", data: .sample)
        } throws: { error in
            (error as? CommitMessageError)?.description == "unable to create commit message template from spec: template: commit message:1: missing value for if"
        }
        #expect {
            try CommitMessage.render(template: "line\n{{ .Nope }}", data: .sample)
        } throws: { error in
            (error as? CommitMessageError)?.description
                == "failed to run template from spec: template: commit message:2:3: executing \"commit message\" at <.Nope>: can't evaluate field Nope in type source.TemplateData"
        }
    }

    @Test func commitDataJSONShapeErrorsNameThePath() {
        #expect(throws: TemplateJSONError(line: nil, column: nil, message: "AutomationObject must be an object")) {
            try CommitTemplateData(json: "{}")
        }
        #expect(throws: TemplateJSONError(line: nil, column: nil, message: "Changed.FileChanges[0].objects[0].changes[0].Setter must be a string")) {
            try CommitTemplateData(json: #"{"AutomationObject": {}, "Changed": {"FileChanges": [{"file": "f", "objects": [{"object": {}, "changes": [{"Setter": 1}]}]}]}}"#)
        }
    }
}
