extension CommitTemplateData {
    static let templateDataType = GoType.named("source.TemplateData", underlying: nil)
    static let namespacedNameType = GoType.named("types.NamespacedName", underlying: nil)
    static let resultType = GoType.named("update.Result", underlying: nil)
    static let identifierType = GoType.named("update.ObjectIdentifier", underlying: nil)
    static let changeType = GoType.named("update.Change", underlying: nil)
    static let changesType = GoType.slice(changeType)
    static let objectChangesType = GoType.named("update.ObjectChanges", underlying: .map(key: identifierType, value: changesType))
    static let updatedType = GoType.named("update.Updated", underlying: nil)
    static let imageType = GoType.named("update.UpdatedImage", underlying: nil)

    /// The template's `.`: a `source.TemplateData` value whose fields print as Go prints them
    /// (`.AutomationObject` as `namespace/name`, identifiers as `{{{apps/v1 Deployment} {name ns}}}`).
    public var templateValue: TemplateValue {
        let valuesMap = TemplateMap(type: .stringMap)
        for (key, value) in values ?? [:] { valuesMap[.string(key)] = .string(value) }
        var methods: [TemplateFunction] = []
        if fields == .ferry {
            let updated = updatedValue
            methods.append(TemplateFunction("Updated", FunctionSignature([], result: Self.updatedType)) { _ in updated })
        }
        return .structure(TemplateStruct(
            type: Self.templateDataType,
            fields: [
                TemplateField("AutomationObject", Self.namespacedName(namespace: automationNamespace, name: automationName)),
                TemplateField("Changed", changedValue),
                TemplateField("Values", .map(valuesMap)),
            ],
            methods: methods))
    }

    /// A `types.NamespacedName`, which prints as `namespace/name`.
    static func namespacedName(namespace: String, name: String) -> TemplateValue {
        .structure(TemplateStruct(
            type: namespacedNameType,
            fields: [TemplateField("Namespace", .string(namespace)), TemplateField("Name", .string(name))],
            methods: [TemplateFunction("String", FunctionSignature([], result: .string)) { _ in .string(namespace + "/" + name) }]))
    }

    /// An `update.ObjectIdentifier`: `yaml.ResourceIdentifier{TypeMeta{APIVersion, Kind}, NameMeta{Name, Namespace}}` embedded.
    static func identifier(_ id: ResourceIdentifier) -> TemplateValue {
        let typeMeta = TemplateStruct(type: .named("yaml.TypeMeta", underlying: nil), fields: [
            TemplateField("APIVersion", .string(id.apiVersion), json: "apiVersion", omitEmpty: true),
            TemplateField("Kind", .string(id.kind), json: "kind", omitEmpty: true),
        ])
        let nameMeta = TemplateStruct(type: .named("yaml.NameMeta", underlying: nil), fields: [
            TemplateField("Name", .string(id.name), json: "name", omitEmpty: true),
            TemplateField("Namespace", .string(id.namespace), json: "namespace", omitEmpty: true),
        ])
        let resource = TemplateStruct(type: .named("yaml.ResourceIdentifier", underlying: nil), fields: [
            TemplateField("TypeMeta", .structure(typeMeta), embedded: true),
            TemplateField("NameMeta", .structure(nameMeta), embedded: true),
        ])
        return .structure(TemplateStruct(type: identifierType, fields: [TemplateField("ResourceIdentifier", .structure(resource), embedded: true)]))
    }

    static func change(_ change: SetterChange) -> TemplateValue {
        .structure(TemplateStruct(type: changeType, fields: [
            TemplateField("OldValue", .string(change.oldValue)),
            TemplateField("NewValue", .string(change.newValue)),
            TemplateField("Setter", .string(change.setter)),
        ]))
    }

    static func changes(_ changes: [SetterChange]) -> TemplateValue {
        .slice(TemplateSlice(type: changesType, changes.map(change)))
    }

    static func objectChanges(_ objects: [ResourceIdentifier: [SetterChange]]) -> TemplateValue {
        let map = TemplateMap(type: objectChangesType)
        for (id, list) in objects { map[identifier(id)] = changes(list) }
        return .map(map)
    }

    /// `.Changed`: an `update.Result` with the field `FileChanges` and the methods `Objects` and `Changes`.
    var changedValue: TemplateValue {
        let files = TemplateMap(type: .map(key: .string, value: Self.objectChangesType))
        for (path, objects) in result.fileChanges { files[.string(path)] = Self.objectChanges(objects) }
        let objects = Self.objectChanges(result.objects)
        let changes = Self.changes(result.changes)
        return .structure(TemplateStruct(
            type: Self.resultType, fields: [TemplateField("FileChanges", .map(files))],
            methods: [
                TemplateFunction("Objects", FunctionSignature([], result: Self.objectChangesType)) { _ in objects },
                TemplateFunction("Changes", FunctionSignature([], result: Self.changesType)) { _ in changes },
            ]))
    }

    /// `.Updated`: `Images` (one item per updated image, printing as its new reference),
    /// `Files` (like `.Changed.FileChanges`) and `Objects` (like `.Changed.Objects`).
    var updatedValue: TemplateValue {
        let files = TemplateMap(type: .map(key: .string, value: Self.objectChangesType))
        for (path, objects) in result.fileChanges { files[.string(path)] = Self.objectChanges(objects) }
        let images = updatedImages.map(Self.image)
        return .structure(TemplateStruct(type: Self.updatedType, fields: [
            TemplateField("Files", .map(files)),
            TemplateField("Objects", Self.objectChanges(result.objects)),
            TemplateField("Images", .slice(TemplateSlice(type: .slice(Self.imageType), images))),
        ]))
    }

    /// One `.Updated.Images` item.
    static func image(_ image: UpdatedImage) -> TemplateValue {
        let reference = image.reference
        let parsed = try? ImageReference(parsing: reference)
        return .structure(TemplateStruct(
            type: imageType,
            fields: [
                TemplateField("ImageName", .string(image.imageName)),
                TemplateField("OldTag", .string(image.oldTag)),
                TemplateField("NewTag", .string(image.newTag)),
                TemplateField("Digest", .string(image.digest ?? "")),
                TemplateField("Repository", .string(parsed?.repository ?? image.imageName)),
                TemplateField("Registry", .string(parsed?.registry ?? "")),
                TemplateField("Identifier", .string(image.digest.flatMap { $0.isEmpty ? nil : $0 } ?? image.newTag)),
                TemplateField("Name", .string(parsed?.description ?? reference)),
                TemplateField("Policy", namespacedName(namespace: image.policyNamespace, name: image.policyName)),
            ],
            methods: [TemplateFunction("String", FunctionSignature([], result: .string)) { _ in .string(reference) }]))
    }
}
