extension CommitTemplateData {
    /// Reads a commit's data from JSON, in the form the conformance vectors use:
    ///
    /// ```json
    /// {"AutomationObject": {"Namespace": "flux-system", "Name": "podinfo"},
    ///  "Changed": {"FileChanges": [{"file": "deploy.yaml",
    ///     "objects": [{"object": {"APIVersion": "apps/v1", "Kind": "Deployment", "Name": "podinfo", "Namespace": "default"},
    ///                  "changes": [{"OldValue": "…:6.5.0", "NewValue": "…:6.5.1", "Setter": "flux-system:podinfo"}]}]}]},
    ///  "Values": {"cluster": "prod"},
    ///  "Policies": [{"namespace": "flux-system", "name": "podinfo", "image": "ghcr.io/stefanprodan/podinfo", "tag": "6.5.1"}]}
    /// ```
    ///
    /// `Values` and `Policies` (Ferry's addition, for `.Updated.Images`) may be left out.
    /// - Throws: ``TemplateJSONError`` for JSON that is not valid or not of this form.
    public init(json text: String, fields: Fields = .ferry) throws(TemplateJSONError) {
        let root = try TemplateJSON.decode(text)
        guard case .map(let map) = root else { throw Self.shape("the data must be a JSON object") }
        func object(_ value: TemplateValue?, _ path: String) throws(TemplateJSONError) -> TemplateMap {
            guard case .map(let object)? = value else { throw Self.shape("\(path) must be an object") }
            return object
        }
        func list(_ value: TemplateValue?, _ path: String) throws(TemplateJSONError) -> [TemplateValue] {
            switch value {
            case .slice(let slice)?: return slice.elements
            case nil, .null?: return []
            default: throw Self.shape("\(path) must be a list")
            }
        }
        func string(_ object: TemplateMap, _ key: String, _ path: String) throws(TemplateJSONError) -> String {
            switch object[.string(key)] {
            case .string(let text)?: return text
            case nil, .null?: return ""
            default: throw Self.shape("\(path).\(key) must be a string")
            }
        }
        let automation = try object(map[.string("AutomationObject")], "AutomationObject")
        var result = UpdateResult()
        let changed = try object(map[.string("Changed")] ?? .map([:]), "Changed")
        for (fileIndex, file) in try list(changed[.string("FileChanges")], "Changed.FileChanges").enumerated() {
            let path = "Changed.FileChanges[\(fileIndex)]"
            let fileObject = try object(file, path)
            let name = try string(fileObject, "file", path)
            var objects: [ResourceIdentifier: [SetterChange]] = result.fileChanges[name] ?? [:]
            for (objectIndex, entry) in try list(fileObject[.string("objects")], path + ".objects").enumerated() {
                let entryPath = "\(path).objects[\(objectIndex)]"
                let entryObject = try object(entry, entryPath)
                let id = try object(entryObject[.string("object")], entryPath + ".object")
                let identifier = ResourceIdentifier(
                    apiVersion: try string(id, "APIVersion", entryPath + ".object"), kind: try string(id, "Kind", entryPath + ".object"),
                    name: try string(id, "Name", entryPath + ".object"), namespace: try string(id, "Namespace", entryPath + ".object"))
                for (changeIndex, change) in try list(entryObject[.string("changes")], entryPath + ".changes").enumerated() {
                    let changePath = "\(entryPath).changes[\(changeIndex)]"
                    let changeObject = try object(change, changePath)
                    objects[identifier, default: []].append(SetterChange(
                        oldValue: try string(changeObject, "OldValue", changePath), newValue: try string(changeObject, "NewValue", changePath),
                        setter: try string(changeObject, "Setter", changePath)))
                }
            }
            result.fileChanges[name] = objects
        }
        var values: [String: String]?
        if case .map(let valueMap)? = map[.string("Values")] {
            var collected: [String: String] = [:]
            for (key, value) in valueMap.entries {
                guard case .string(let name) = key, case .string(let text) = value else { throw Self.shape("Values must map strings to strings") }
                collected[name] = text
            }
            values = collected
        }
        var policies: [PolicyLatestRef] = []
        for (index, policy) in try list(map[.string("Policies")], "Policies").enumerated() {
            let path = "Policies[\(index)]"
            let policyObject = try object(policy, path)
            let digest = try string(policyObject, "digest", path)
            policies.append(PolicyLatestRef(
                namespace: try string(policyObject, "namespace", path), name: try string(policyObject, "name", path),
                image: try string(policyObject, "image", path), tag: try string(policyObject, "tag", path), digest: digest.isEmpty ? nil : digest))
        }
        self.init(
            automationNamespace: try string(automation, "Namespace", "AutomationObject"), automationName: try string(automation, "Name", "AutomationObject"),
            result: result, values: values, policies: policies, fields: fields)
    }

    private static func shape(_ message: String) -> TemplateJSONError {
        TemplateJSONError(line: nil, column: nil, message: message)
    }

    /// A realistic commit for previewing templates (`ferry template render --sample`): the
    /// automation `flux-system/podinfo` moved podinfo from 6.5.0 to 6.5.1 in two files (a
    /// Deployment's image and a kustomization's `newTag`), and redis from 7.2.3 to 7.2.4 in a
    /// HelmRelease's values; `.Values` holds `cluster: prod`.
    public static var sample: CommitTemplateData {
        let podinfo = PolicyLatestRef(namespace: "flux-system", name: "podinfo", image: "ghcr.io/stefanprodan/podinfo", tag: "6.5.1")
        let redis = PolicyLatestRef(namespace: "flux-system", name: "redis", image: "docker.io/bitnami/redis", tag: "7.2.4")
        let result = UpdateResult(fileChanges: [
            "apps/podinfo/deployment.yaml": [
                ResourceIdentifier(apiVersion: "apps/v1", kind: "Deployment", name: "podinfo", namespace: "podinfo"): [
                    SetterChange(oldValue: "ghcr.io/stefanprodan/podinfo:6.5.0", newValue: "ghcr.io/stefanprodan/podinfo:6.5.1", setter: "flux-system:podinfo")
                ]
            ],
            "apps/podinfo/kustomization.yaml": [
                ResourceIdentifier(apiVersion: "kustomize.config.k8s.io/v1beta1", kind: "Kustomization"): [
                    SetterChange(oldValue: "6.5.0", newValue: "6.5.1", setter: "flux-system:podinfo:tag")
                ]
            ],
            "apps/redis/release.yaml": [
                ResourceIdentifier(apiVersion: "helm.toolkit.fluxcd.io/v2", kind: "HelmRelease", name: "redis", namespace: "redis"): [
                    SetterChange(oldValue: "7.2.3", newValue: "7.2.4", setter: "flux-system:redis:tag")
                ]
            ],
        ])
        return CommitTemplateData(
            automationNamespace: "flux-system", automationName: "podinfo", result: result, values: ["cluster": "prod"], policies: [podinfo, redis])
    }
}
