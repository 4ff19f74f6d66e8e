/// The branch one pull request carries, and the policies whose updates go on it.
public struct PullRequestBranchGroup: Sendable, Hashable {
    /// The push branch (the pull request's source branch), a valid Git branch name.
    public var branch: String
    /// The policies whose markers this branch updates, in the order given.
    public var policies: [PolicyLatestRef]

    /// Creates a group.
    public init(branch: String, policies: [PolicyLatestRef]) {
        self.branch = branch
        self.policies = policies
    }
}

/// Splits an automation's policies over branches with `ferry.dev/pull-request-branch-template`,
/// so that unrelated updates do not share a pull request.
///
/// The template renders once per policy, with `.AutomationObject` (prints `namespace/name`),
/// `.Policy` (`.Namespace`, `.Name`; prints `namespace/name`), `.Image` (`.Name` as the
/// ImageRepository spells it, `.Repository`, `.Registry`, `.Tag`, `.Digest`) and `.Values`
/// (`messageTemplateValues`). The text is made a valid branch name (``sanitized(_:)``); policies
/// whose branch names come out the same share it.
///
/// ```swift
/// let groups = try PullRequestBranches.group(
///     policies: policies, template: settings.branchTemplate, pushBranch: "ferry/updates", targetBranch: "main",
///     automationNamespace: "flux-system", automationName: "apps")
/// // [PullRequestBranchGroup(branch: "ferry/podinfo", …), PullRequestBranchGroup(branch: "ferry/redis", …)]
/// ```
public enum PullRequestBranches {
    /// The longest branch name Ferry makes, in bytes.
    public static let maximumLength = 200

    /// Groups `policies` by their rendered branch.
    ///
    /// - Parameters:
    ///   - policies: The policies the automation applies.
    ///   - template: The branch template; `nil` puts every policy on `pushBranch`.
    ///   - pushBranch: `spec.git.push.branch`, used without a template.
    ///   - targetBranch: The checkout branch, which no pull request may come from.
    ///   - automationNamespace: The automation's namespace.
    ///   - automationName: The automation's name.
    ///   - values: `spec.git.commit.messageTemplateValues`.
    ///   - limits: Bounds on the rendering.
    /// - Returns: The groups, in order of their first policy.
    /// - Throws: ``SpecError`` naming `ferry.dev/pull-request-branch-template` when the template fails for a
    ///   policy, renders nothing usable, or gives the target branch; naming `spec.git.push.branch` when, without
    ///   a template, the push branch is the checkout branch.
    public static func group(
        policies: [PolicyLatestRef], template: Template?, pushBranch: String, targetBranch: String, automationNamespace: String,
        automationName: String, values: [String: String]? = nil, limits: TemplateLimits = .default
    ) throws(SpecError) -> [PullRequestBranchGroup] {
        guard let template else {
            if pushBranch.isEmpty || pushBranch == targetBranch {
                throw SpecError(
                    field: "spec.git.push.branch", value: pushBranch,
                    problem: "must name a branch other than the checkout branch \(targetBranch) for a pull request "
                        + "(or set \(PullRequestAnnotations.branchTemplate))")
            }
            return [PullRequestBranchGroup(branch: pushBranch, policies: policies)]
        }
        let field = PullRequestAnnotations.field(PullRequestAnnotations.branchTemplate)
        var groups: [PullRequestBranchGroup] = []
        for policy in policies {
            let rendered: String
            do throws(TemplateError) {
                rendered = try template.render(
                    templateValue(policy: policy, namespace: automationNamespace, name: automationName, values: values), limits: limits)
            } catch {
                throw SpecError(
                    field: field, value: template.text, problem: "fails for policy \(policy.namespace)/\(policy.name): \(error.description)")
            }
            guard let branch = sanitized(rendered) else {
                throw SpecError(
                    field: field, value: template.text,
                    problem: "gives no usable branch name for policy \(policy.namespace)/\(policy.name) (it rendered \"\(rendered)\")")
            }
            if branch == targetBranch {
                throw SpecError(
                    field: field, value: template.text,
                    problem: "gives the checkout branch \(targetBranch) for policy \(policy.namespace)/\(policy.name); "
                        + "a pull request needs its own branch")
            }
            if let index = groups.firstIndex(where: { $0.branch == branch }) {
                groups[index].policies.append(policy)
            } else {
                groups.append(PullRequestBranchGroup(branch: branch, policies: [policy]))
            }
        }
        return groups
    }

    /// Makes `text` a valid Git branch name (what `git check-ref-format --branch` accepts), or `nil` when nothing is left.
    ///
    /// Surrounding whitespace goes; whitespace, control characters and `~^:?*[\` become `-`; `@{` becomes `-{`;
    /// `..` and `//` collapse; each `/`-separated part loses leading `.` and `-` and a trailing `.lock` or `.`;
    /// empty parts go; the result is cut to ``maximumLength`` bytes. `ferry/Podinfo 6.5` becomes `ferry/Podinfo-6.5`.
    public static func sanitized(_ text: String) -> String? {
        var scalars = String.UnicodeScalarView()
        for scalar in text.trimmingASCIIWhitespace().unicodeScalars {
            let forbidden = scalar.value < 0x20 || scalar.value == 0x7F || scalar.properties.isWhitespace
                || "~^:?*[\\".unicodeScalars.contains(scalar)
            scalars.append(forbidden ? "-" : scalar)
        }
        var name = String(scalars).replacing("@{", with: "-{")
        while name.contains("..") { name = name.replacing("..", with: ".") }
        var parts: [String] = []
        for part in name.split(separator: "/", omittingEmptySubsequences: true) {
            var piece = Substring(part)
            while true {
                let before = piece
                piece = piece.drop { $0 == "." || $0 == "-" }
                while piece.hasSuffix(".lock") { piece = piece.dropLast(5) }
                while piece.hasSuffix(".") { piece = piece.dropLast() }
                if piece == before { break }
            }
            if !piece.isEmpty { parts.append(String(piece)) }
        }
        var result = parts.joined(separator: "/")
        if result.utf8.count > maximumLength {
            var cut = ""
            for character in result {
                if cut.utf8.count + character.utf8.count > maximumLength { break }
                cut.append(character)
            }
            result = cut
            while result.hasSuffix("/") || result.hasSuffix(".") || result.hasSuffix("-") || result.hasSuffix(".lock") {
                result = result.hasSuffix(".lock") ? String(result.dropLast(5)) : String(result.dropLast())
            }
        }
        guard !result.isEmpty, result != "@", GitPushPlan.isValidBranchName(result) else { return nil }
        return result
    }

    /// The branch template's `.`.
    static func templateValue(policy: PolicyLatestRef, namespace: String, name: String, values: [String: String]?) -> TemplateValue {
        let valuesMap = TemplateMap(type: .stringMap)
        for (key, value) in values ?? [:] { valuesMap[.string(key)] = .string(value) }
        let parsed = try? ImageReference(parsing: policy.reference)
        let image = TemplateStruct(
            type: .named("ferry.BranchImage", underlying: nil),
            fields: [
                TemplateField("Name", .string(policy.image)),
                TemplateField("Repository", .string(parsed?.repository ?? policy.image)),
                TemplateField("Registry", .string(parsed?.registry ?? "")),
                TemplateField("Tag", .string(policy.tag)),
                TemplateField("Digest", .string(policy.digest ?? "")),
            ],
            methods: [TemplateFunction("String", FunctionSignature([], result: .string)) { _ in .string(policy.reference) }])
        return .structure(TemplateStruct(
            type: .named("ferry.BranchData", underlying: nil),
            fields: [
                TemplateField("AutomationObject", CommitTemplateData.namespacedName(namespace: namespace, name: name)),
                TemplateField("Policy", CommitTemplateData.namespacedName(namespace: policy.namespace, name: policy.name)),
                TemplateField("Image", .structure(image)),
                TemplateField("Values", .map(valuesMap)),
            ]))
    }
}
