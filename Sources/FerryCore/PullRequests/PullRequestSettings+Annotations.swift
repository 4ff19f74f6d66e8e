extension PullRequestSettings {
    /// Reads the settings from an ImageUpdateAutomation's annotations.
    ///
    /// - Parameter annotations: `metadata.annotations`.
    /// - Returns: The settings, or `nil` when `ferry.dev/pull-request` is missing or `"false"`.
    /// - Throws: ``SpecError`` naming the annotation (`metadata.annotations[ferry.dev/pull-request-draft]`)
    ///   and its value: an unknown `ferry.dev/pull-request-…` key, a boolean that is not `true` or `false`,
    ///   a template that does not parse, an empty or overlong label, an unknown provider or merge method.
    public static func parse(annotations: [String: String]) throws(SpecError) -> PullRequestSettings? {
        typealias Keys = PullRequestAnnotations
        guard let enabled = annotations[Keys.enabled], try boolean(enabled, key: Keys.enabled) else { return nil }
        for key in annotations.keys.sorted() where key.hasPrefix(Keys.enabled + "-") && !Keys.all.contains(key) {
            let known = Keys.all.dropFirst().map { String($0.dropFirst(Keys.enabled.count + 1)) }
            throw SpecError(
                field: Keys.field(key), value: annotations[key] ?? "",
                problem: "is not a Ferry pull-request annotation (known: \(known.joined(separator: ", ")))")
        }
        var settings = PullRequestSettings()
        settings.title = try template(annotations[Keys.title], key: Keys.title, name: titleTemplateName)
        settings.body = try template(annotations[Keys.body], key: Keys.body, name: bodyTemplateName)
        settings.branchTemplate = try template(annotations[Keys.branchTemplate], key: Keys.branchTemplate, name: branchTemplateName)
        settings.labels = try list(annotations[Keys.labels], key: Keys.labels)
        for label in settings.labels where label.count > maximumLabelLength {
            throw SpecError(field: Keys.field(Keys.labels), value: label, problem: "is longer than \(maximumLabelLength) characters")
        }
        settings.reviewers = try list(annotations[Keys.reviewers], key: Keys.reviewers).map { $0.hasPrefix("@") ? String($0.dropFirst()) : $0 }
        for reviewer in settings.reviewers where reviewer.isEmpty || reviewer.contains(where: { $0 == " " || $0 == "\t" }) {
            throw SpecError(field: Keys.field(Keys.reviewers), value: reviewer, problem: "is not a user name")
        }
        if let draft = annotations[Keys.draft] { settings.draft = try boolean(draft, key: Keys.draft) }
        if let method = annotations[Keys.autoMerge]?.trimmingASCIIWhitespace(), !method.isEmpty, method != "false" {
            guard let parsed = AutoMergeMethod(rawValue: method) else {
                throw SpecError(field: Keys.field(Keys.autoMerge), value: method, problem: "must be merge, squash, rebase or false")
            }
            settings.autoMerge = parsed
        }
        if settings.draft, settings.autoMerge != nil {
            throw SpecError(
                field: Keys.field(Keys.autoMerge), value: settings.autoMerge?.rawValue ?? "",
                problem: "cannot be combined with \(Keys.draft): \"true\" (forges do not merge drafts)")
        }
        if let provider = annotations[Keys.provider]?.trimmingASCIIWhitespace(), !provider.isEmpty {
            guard let kind = ForgeKind(name: provider) else {
                throw SpecError(field: Keys.field(Keys.provider), value: provider, problem: "must be github, gitlab, gitea, forgejo or bitbucket")
            }
            settings.provider = kind
        }
        if let url = annotations[Keys.apiURL]?.trimmingASCIIWhitespace(), !url.isEmpty {
            _ = try ForgeEndpoint.apiAddress(url)
            settings.apiURL = url
        }
        if let repository = annotations[Keys.repository]?.trimmingASCIIWhitespace(), !repository.isEmpty { settings.repository = repository }
        if let secret = annotations[Keys.secretRef]?.trimmingASCIIWhitespace(), !secret.isEmpty {
            guard isDNSSubdomain(secret) else {
                throw SpecError(field: Keys.field(Keys.secretRef), value: secret, problem: "is not a valid Secret name (a DNS subdomain)")
            }
            settings.secretRef = LocalObjectReference(name: secret)
        }
        return settings
    }

    private static func boolean(_ text: String, key: String) throws(SpecError) -> Bool {
        switch text.trimmingASCIIWhitespace() {
        case "true": return true
        case "false": return false
        default: throw SpecError(field: PullRequestAnnotations.field(key), value: text, problem: "must be \"true\" or \"false\"")
        }
    }

    private static func template(_ text: String?, key: String, name: String) throws(SpecError) -> Template? {
        guard let text, !text.trimmingASCIIWhitespace().isEmpty else { return nil }
        do throws(TemplateError) {
            return try Template(text, name: name)
        } catch {
            throw SpecError(field: PullRequestAnnotations.field(key), value: text, problem: error.description)
        }
    }

    /// A comma-separated list: items trimmed, empty items refused, duplicates dropped.
    private static func list(_ text: String?, key: String) throws(SpecError) -> [String] {
        guard let text, !text.trimmingASCIIWhitespace().isEmpty else { return [] }
        var items: [String] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let item = String(part).trimmingASCIIWhitespace()
            guard !item.isEmpty else {
                throw SpecError(field: PullRequestAnnotations.field(key), value: text, problem: "has an empty item (items are separated by commas)")
            }
            if item.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
                throw SpecError(field: PullRequestAnnotations.field(key), value: item, problem: "contains a control character")
            }
            if !items.contains(item) { items.append(item) }
        }
        if items.count > maximumListLength {
            throw SpecError(field: PullRequestAnnotations.field(key), value: text, problem: "lists more than \(maximumListLength) items")
        }
        return items
    }

    /// A Kubernetes object name: lower-case alphanumerics, `-` and `.`, at most 253 characters.
    private static func isDNSSubdomain(_ name: String) -> Bool {
        guard name.utf8.count <= 253, let first = name.utf8.first, let last = name.utf8.last else { return false }
        func alphanumeric(_ byte: UInt8) -> Bool { (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte) }
        return alphanumeric(first) && alphanumeric(last) && name.utf8.allSatisfy { alphanumeric($0) || $0 == 0x2D || $0 == 0x2E }
    }
}
