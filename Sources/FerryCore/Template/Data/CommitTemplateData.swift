/// The data a commit message template renders against: Flux's `source.TemplateData`
/// (`.AutomationObject`, `.Changed`, `.Values`), plus Ferry's `.Updated` for the templates
/// older Flux documentation and the seed documents use.
///
/// ```swift
/// let data = CommitTemplateData(
///     automationNamespace: "flux-system", automationName: "podinfo", result: result,
///     policies: [PolicyLatestRef(namespace: "flux-system", name: "podinfo", image: "ghcr.io/stefanprodan/podinfo", tag: "6.5.1")])
/// let message = try CommitMessage.render(template: "{{range .Updated.Images}}{{println .}}{{end}}", data: data)
/// ```
public struct CommitTemplateData: Sendable {
    /// Which template fields exist.
    public enum Fields: String, Sendable, Hashable {
        /// Flux's fields only: `.Updated` fails as Flux fails it (`template uses removed '.Updated' field…`).
        case flux
        /// Flux's fields and `.Updated` (`.Updated.Images`, `.Updated.Files`, `.Updated.Objects`), derived
        /// from the changes and the policies' latest references. Ferry's default.
        case ferry
    }

    /// The ImageUpdateAutomation's namespace.
    public var automationNamespace: String
    /// The ImageUpdateAutomation's name.
    public var automationName: String
    /// What the setters changed.
    public var result: UpdateResult
    /// `spec.git.commit.messageTemplateValues`; `nil` when not set.
    public var values: [String: String]?
    /// The latest references of the policies the update applied, for `.Updated.Images`.
    public var policies: [PolicyLatestRef]
    /// Which fields the template may use.
    public var fields: Fields

    /// Creates the data of one commit.
    public init(
        automationNamespace: String, automationName: String, result: UpdateResult, values: [String: String]? = nil,
        policies: [PolicyLatestRef] = [], fields: Fields = .ferry
    ) {
        self.automationNamespace = automationNamespace
        self.automationName = automationName
        self.result = result
        self.values = values
        self.policies = policies
        self.fields = fields
    }
}
