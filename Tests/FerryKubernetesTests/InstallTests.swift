import FerryCore
@testable import FerryKubernetes
@testable import FerryKubeTesting
import Foundation
import Testing

/// The CRDs, RBAC and Deployment of `ferry install`: golden files, structural validity, applying.
struct InstallTests {
    static let goldenPath = Fixtures.directory + "/golden/install.yaml"

    @Test func theExportedManifestsMatchTheGoldenFile() throws {
        let yaml = YAMLWriter.documents(InstallManifests.all(InstallOptions()))
        if ProcessInfo.processInfo.environment["FERRY_UPDATE_GOLDEN"] == "1" {
            try yaml.write(toFile: Self.goldenPath, atomically: true, encoding: .utf8)
        }
        let golden = try Fixtures.text("golden/install.yaml")
        #expect(yaml == golden, "regenerate with FERRY_UPDATE_GOLDEN=1 swift test --filter InstallTests after checking the change")
    }

    @Test func everyCRDIsStructuralAndConsistent() throws {
        for crd in ImageCRDs.all {
            let name = try #require(crd[path: ["metadata", "name"]]?.stringValue)
            let versions = try #require(crd[path: ["spec", "versions"]]?.arrayElements)
            #expect(versions.compactMap { $0["name"]?.stringValue } == ["v1", "v1beta2"], "\(name)")
            #expect(versions.filter { $0["storage"] == true }.compactMap { $0["name"]?.stringValue } == ["v1"], "\(name)")
            #expect(versions.allSatisfy { $0["served"] == true && $0[path: ["subresources", "status"]] == [:] }, "\(name)")
            #expect(versions[1]["deprecated"] == true)
            for version in versions {
                let schema = try #require(version[path: ["schema", "openAPIV3Schema"]])
                var problems: [String] = []
                StructuralSchema.check(schema, at: "", problems: &problems)
                #expect(problems.isEmpty, "\(name): \(problems.joined(separator: "; "))")
                #expect(schema[path: ["properties", "status", "default"]] == ["observedGeneration": -1])
                for column in version["additionalPrinterColumns"]?.arrayElements ?? [] {
                    let path = try #require(column["jsonPath"]?.stringValue)
                    #expect(StructuralSchema.resolves(path, in: schema), "\(name): printer column \(path) names no schema field")
                }
            }
            let plural = try #require(crd[path: ["spec", "names", "plural"]]?.stringValue)
            #expect(name == "\(plural).image.toolkit.fluxcd.io")
            #expect(crd[path: ["spec", "names", "categories"]] == ["all", "fluxcd", "fluxcd-images"])
        }
        #expect(ImageCRDs.imagePolicy[path: ["spec", "names", "shortNames"]] == ["imgpol", "imagepol"])
        #expect(ImageCRDs.imageRepository[path: ["spec", "names", "shortNames"]] == ["imgrepo", "imagerepo"])
        #expect(ImageCRDs.imageUpdateAutomation[path: ["spec", "names", "shortNames"]] == ["iua", "imgupd", "imgauto"])
        #expect(ImageCRDs.imageUpdateAutomation[path: ["metadata", "annotations", "kustomize.toolkit.fluxcd.io/substitute"]] == "disabled")
    }

    /// Flux's own CRDs, as POSTed to the recorded API server (image-reflector-controller debe2aa):
    /// every field, type, enum, default, pattern, limit, required list, CEL rule and printer
    /// column must be the same; only descriptions may differ.
    @Test(arguments: ["03-create-imagerepositories-crd", "04-create-imagepolicies-crd"])
    func theSchemasAreStructurallyFluxs(recording: String) throws {
        let ours = recording.contains("imagepolicies") ? ImageCRDs.imagePolicy : ImageCRDs.imageRepository
        let flux = try #require(try RecordedExchange.load("01-crd", recording).requestJSON)
        #expect(flux[path: ["metadata", "name"]] == ours[path: ["metadata", "name"]])
        #expect(flux[path: ["spec", "names"]] == ours[path: ["spec", "names"]])
        let fluxVersion = try #require(flux[path: ["spec", "versions"]]?.arrayElements?.first)
        let ourVersion = try #require(ours[path: ["spec", "versions"]]?.arrayElements?.first)
        var theirs: [String: JSONValue] = [:]
        var mine: [String: JSONValue] = [:]
        StructuralSchema.flatten(try #require(fluxVersion[path: ["schema", "openAPIV3Schema"]]), at: "", into: &theirs)
        StructuralSchema.flatten(try #require(ourVersion[path: ["schema", "openAPIV3Schema"]]), at: "", into: &mine)
        for path in Set(theirs.keys).union(mine.keys).sorted() {
            #expect(theirs[path] == mine[path], "\(path): Flux \(theirs[path]?.jsonText ?? "absent"), Ferry \(mine[path]?.jsonText ?? "absent")")
        }
        #expect(fluxVersion["additionalPrinterColumns"] == ourVersion["additionalPrinterColumns"])
        #expect(fluxVersion["subresources"] == ourVersion["subresources"])
    }

    @Test func theSchemasCarryFluxsDefaultsAndValidations() throws {
        let policySpec = try #require(
            ImageCRDs.imagePolicy[path: ["spec", "versions"]]?.arrayElements?.first?[path: ["schema", "openAPIV3Schema", "properties", "spec"]])
        #expect(policySpec["required"] == ["imageRepositoryRef", "policy"])
        #expect(policySpec[path: ["properties", "digestReflectionPolicy", "default"]] == "Never")
        #expect(policySpec[path: ["properties", "digestReflectionPolicy", "enum"]] == ["Always", "IfNotPresent", "Never"])
        let rules = policySpec["x-kubernetes-validations"]?.arrayElements?.compactMap { $0["message"]?.stringValue } ?? []
        #expect(
            rules == [
                "spec.interval is only accepted when spec.digestReflectionPolicy is set to 'Always'",
                "spec.interval must be set when spec.digestReflectionPolicy is set to 'Always'",
            ])
        let repositorySpec = try #require(
            ImageCRDs.imageRepository[path: ["spec", "versions"]]?.arrayElements?.first?[path: ["schema", "openAPIV3Schema", "properties", "spec"]])
        #expect(repositorySpec[path: ["properties", "exclusionList", "default"]] == ["^.*\\.sig$"])
        #expect(repositorySpec[path: ["properties", "exclusionList", "maxItems"]] == 25)
        #expect(repositorySpec[path: ["properties", "provider", "default"]] == "generic")
        #expect(repositorySpec[path: ["properties", "timeout", "pattern"]] == "^([0-9]+(\\.[0-9]+)?(ms|s|m))+$")
        let automationSpec = try #require(
            ImageCRDs.imageUpdateAutomation[path: ["spec", "versions"]]?.arrayElements?.first?[path: [
                "schema", "openAPIV3Schema", "properties", "spec",
            ]])
        #expect(automationSpec[path: ["properties", "update", "default"]] == ["strategy": "Setters"])
        #expect(automationSpec[path: ["properties", "sourceRef", "properties", "kind", "enum"]] == ["GitRepository"])
    }

    @Test func theRBACIsLeastPrivilege() throws {
        let manifests = InstallManifests.all(InstallOptions(namespace: "flux-system"))
        let role = try #require(manifests.first { $0["kind"] == "ClusterRole" })
        let rules = (role["rules"]?.arrayElements ?? []).map { rule -> String in
            let groups = rule["apiGroups"]?.arrayElements?.compactMap(\.stringValue).joined(separator: ",") ?? ""
            let resources = rule["resources"]?.arrayElements?.compactMap(\.stringValue).joined(separator: ",") ?? ""
            let verbs = rule["verbs"]?.arrayElements?.compactMap(\.stringValue).joined(separator: ",") ?? ""
            return "\(groups) \(resources) \(verbs)"
        }
        #expect(
            rules == [
                "image.toolkit.fluxcd.io imagepolicies,imagerepositories,imageupdateautomations get,list,watch,patch",
                "image.toolkit.fluxcd.io imagepolicies/status,imagerepositories/status,imageupdateautomations/status get,patch",
                "source.toolkit.fluxcd.io gitrepositories get,list,watch",
                "notification.toolkit.fluxcd.io alerts,providers,receivers get,list,watch",
                "notification.toolkit.fluxcd.io receivers/status get,patch",
                " secrets,serviceaccounts,namespaces get",
                "events.k8s.io events create,patch",
            ])
        #expect(!rules.joined().contains("*"))
        let lease = try #require(manifests.first { $0["kind"] == "Role" })
        #expect(lease[path: ["metadata", "namespace"]] == "flux-system")
        #expect(lease["rules"] == [["apiGroups": ["coordination.k8s.io"], "resources": ["leases"], "verbs": ["get", "create", "update", "patch"]]])
    }

    @Test func theDeploymentRunsNonRootWithProbesAndTheSelector() throws {
        let manifests = InstallManifests.all(
            InstallOptions(namespace: "apps", watchLabelSelector: "sharding.fluxcd.io/shard=shard1", image: "registry.example/ferry:1"))
        let deployment = try #require(manifests.first { $0["kind"] == "Deployment" })
        let container = try #require(deployment[path: ["spec", "template", "spec", "containers"]]?.arrayElements?.first)
        #expect(container["image"] == "registry.example/ferry:1")
        #expect(container["args"]?.arrayElements?.contains("--watch-label-selector=sharding.fluxcd.io/shard=shard1") == true)
        #expect(container[path: ["livenessProbe", "httpGet", "path"]] == "/healthz")
        #expect(container[path: ["readinessProbe", "httpGet", "path"]] == "/readyz")
        #expect(container[path: ["securityContext", "runAsNonRoot"]] == true)
        #expect(container[path: ["securityContext", "readOnlyRootFilesystem"]] == true)
        #expect(container[path: ["securityContext", "allowPrivilegeEscalation"]] == false)
        #expect(container["ports"]?.arrayElements?.compactMap { $0["name"]?.stringValue } == ["http-prom", "healthz"])
        #expect(deployment[path: ["metadata", "namespace"]] == "apps")
        #expect(deployment[path: ["spec", "template", "spec", "serviceAccountName"]] == "ferry-controller")
    }

    @Test func theYAMLWriterQuotesWhatYAMLWouldMisread() {
        #expect(
            YAMLWriter.document(["a": "yes", "b": "1.10", "c": "plain text", "d": "", "e": "^.*\\.sig$", "f": "x: y", "g": 3, "h": "v1"]) == """
                a: "yes"
                b: "1.10"
                c: plain text
                d: ""
                e: "^.*\\\\.sig$"
                f: "x: y"
                g: 3
                h: v1

                """)
        #expect(
            YAMLWriter.document(["list": [["name": "a", "value": 1], "b"], "empty": [:], "none": []]) == """
                list:
                - name: a
                  value: 1
                - b
                empty: {}
                none: []

                """)
    }

    @Test func applyingUsesServerSideApplyAndWaitsForEstablishedCRDs() async throws {
        try await FakeKubeAPIServer.with { server in
            await server.store.setCRDEstablishedAfterGets(3)
            let sleeps = RecordedSleeps()
            let installer = Installer(client: try TestConnections.client(server, sleeps: sleeps))
            var lines: [String] = []
            try await installer.apply(InstallManifests.all(InstallOptions())) { lines.append($0) }
            #expect(lines.first == "namespace/flux-system applied")
            #expect(lines.last == "customresourcedefinition/imageupdateautomations.image.toolkit.fluxcd.io established")
            let applies = await server.store.requests.filter { $0.method == "PATCH" }
            #expect(applies.count == 10)
            #expect(
                applies.allSatisfy { $0.header("Content-Type") == "application/apply-patch+yaml" && $0.rawQuery == "fieldManager=ferry&force=true" })
            #expect(applies.map(\.path).contains("/apis/apiextensions.k8s.io/v1/customresourcedefinitions/imagepolicies.image.toolkit.fluxcd.io"))
            #expect(applies.map(\.path).contains("/apis/apps/v1/namespaces/flux-system/deployments/ferry-controller"))
            #expect(applies.map(\.path).contains("/apis/rbac.authorization.k8s.io/v1/clusterroles/ferry-controller"))
            #expect(!sleeps.all.isEmpty)
            // Applying again updates in place.
            try await installer.apply(InstallManifests.all(InstallOptions())) { _ in }
        }
    }

    @Test func aCRDThatNeverBecomesEstablishedIsAnError() async throws {
        try await FakeKubeAPIServer.with { server in
            await server.store.setCRDEstablishedAfterGets(1000)
            let installer = Installer(client: try TestConnections.client(server), establishTimeout: .seconds(5), pollInterval: .milliseconds(250))
            let error = await #expect(throws: InstallError.self) { try await installer.apply(ImageCRDs.all) { _ in } }
            #expect(error?.description.contains("is not established") == true)
            #expect(error?.description.contains("Installing") == true)
        }
    }
}

/// The apiextensions.k8s.io/v1 rules for a structural schema that Ferry's CRDs must follow.
enum StructuralSchema {
    static let types: Set<String> = ["object", "array", "string", "integer", "number", "boolean"]

    static func check(_ node: JSONValue, at path: String, problems: inout [String]) {
        guard let members = node.objectMembers else {
            problems.append("\(path) is not a schema object")
            return
        }
        let keys = Set(members.map(\.0))
        let allowed: Set<String> = [
            "description", "type", "properties", "required", "items", "additionalProperties", "enum", "default", "pattern", "format", "maxLength",
            "minLength", "maxItems", "minimum", "x-kubernetes-validations", "x-kubernetes-list-type", "x-kubernetes-map-type",
        ]
        for key in keys.subtracting(allowed) { problems.append("\(path): unexpected key \(key)") }
        if keys.contains("x-kubernetes-preserve-unknown-fields") { problems.append("\(path): preserves unknown fields") }
        guard let type = node["type"]?.stringValue, types.contains(type) else {
            problems.append("\(path): no valid type")
            return
        }
        if node["properties"] != nil && node["additionalProperties"] != nil { problems.append("\(path): properties and additionalProperties") }
        if type == "array" {
            guard let items = node["items"] else { return problems.append("\(path): array without items") }
            check(items, at: path + "[]", problems: &problems)
        } else if node["items"] != nil {
            problems.append("\(path): items on a \(type)")
        }
        if (node["properties"] != nil || node["additionalProperties"] != nil) && type != "object" {
            problems.append("\(path): properties on a \(type)")
        }
        let properties = node["properties"]?.objectMembers ?? []
        for (name, child) in properties {
            if child["description"] == nil, path != "" || !["metadata"].contains(name) { problems.append("\(path).\(name): no description") }
            check(child, at: path + "." + name, problems: &problems)
        }
        if let additional = node["additionalProperties"] { check(additional, at: path + ".*", problems: &problems) }
        for required in node["required"]?.arrayElements?.compactMap(\.stringValue) ?? [] where !properties.contains(where: { $0.0 == required }) {
            problems.append("\(path): required \(required) is not a property")
        }
        if let value = node["default"], !conforms(value, to: node) { problems.append("\(path): the default does not match the schema") }
        if let values = node["enum"]?.arrayElements, values.isEmpty { problems.append("\(path): empty enum") }
    }

    /// Every schema node by path, without its description and children.
    static func flatten(_ node: JSONValue, at path: String, into table: inout [String: JSONValue]) {
        let kept = (node.objectMembers ?? []).filter { !["description", "properties", "items", "additionalProperties"].contains($0.0) }
        table[path] = .object(kept)
        for (name, child) in node["properties"]?.objectMembers ?? [] { flatten(child, at: path + "." + name, into: &table) }
        if let items = node["items"] { flatten(items, at: path + "[]", into: &table) }
        if let additional = node["additionalProperties"], additional.objectMembers != nil { flatten(additional, at: path + ".*", into: &table) }
    }

    static func conforms(_ value: JSONValue, to schema: JSONValue) -> Bool {
        if let values = schema["enum"]?.arrayElements, !values.contains(value) { return false }
        switch (schema["type"]?.stringValue, value) {
        case ("string", .string), ("boolean", .bool), ("integer", .integer), ("number", .integer), ("number", .number): return true
        case ("array", .array(let elements)):
            guard let items = schema["items"] else { return false }
            return elements.allSatisfy { conforms($0, to: items) }
        case ("object", .object(let members)):
            let properties = schema["properties"]?.objectMembers ?? []
            return members.allSatisfy { key, child in
                if let property = properties.first(where: { $0.0 == key })?.1 { return conforms(child, to: property) }
                if let additional = schema["additionalProperties"] { return conforms(child, to: additional) }
                return false
            }
        default: return false
        }
    }

    /// Whether a printer column path (`.status.conditions[?(@.type=="Ready")].status`) names schema fields.
    static func resolves(_ path: String, in schema: JSONValue) -> Bool {
        var node = schema
        var text = path
        if let filter = text.range(of: "[?("), let close = text.range(of: ")]", range: filter.upperBound..<text.endIndex) {
            text.replaceSubrange(filter.lowerBound..<close.upperBound, with: "[]")
        }
        for part in text.split(separator: ".") {
            var name = String(part)
            let isArray = name.hasSuffix("[]")
            if isArray { name.removeLast(2) }
            if name == "metadata", node["properties"]?["metadata"] != nil { return true }
            guard let next = node[path: ["properties", name]] else { return false }
            node = isArray ? (next["items"] ?? .null) : next
        }
        return true
    }
}
