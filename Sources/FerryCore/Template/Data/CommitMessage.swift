/// Renders an ImageUpdateAutomation's commit message as Flux's `templateMsg` does: an empty
/// template means `Update from image update automation`; the template is named
/// `commit message` and has Go's builtins and Sprig's hermetic functions.
public enum CommitMessage {
    /// Flux's message when `messageTemplate` is empty.
    public static let defaultTemplate = "Update from image update automation"

    /// The template name errors carry.
    public static let templateName = "commit message"

    /// Parses `template` as a commit message template (an empty one becomes the default).
    /// - Throws: ``CommitMessageError`` (`invalidTemplate`) with Go's message and position.
    public static func parse(_ template: String) throws(CommitMessageError) -> Template {
        do throws(TemplateError) {
            return try Template(template.isEmpty ? defaultTemplate : template, name: templateName)
        } catch {
            throw CommitMessageError(kind: .invalidTemplate, underlying: error)
        }
    }

    /// Renders the commit message.
    /// - Parameters:
    ///   - template: `spec.git.commit.messageTemplate`.
    ///   - data: The commit's data.
    ///   - limits: Bounds on the rendering.
    /// - Returns: The message, exactly as rendered.
    /// - Throws: ``CommitMessageError``: the template does not parse, fails, or uses a field Flux removed.
    public static func render(template: String, data: CommitTemplateData, limits: TemplateLimits = .default) throws(CommitMessageError) -> String {
        let parsed = try parse(template)
        do throws(TemplateError) {
            return try parsed.render(data.templateValue, limits: limits)
        } catch {
            if error.message.contains("can't evaluate field Updated in type source.TemplateData") {
                throw CommitMessageError(kind: .removedField(".Updated"), underlying: error)
            }
            if error.message.contains("can't evaluate field ImageResult in type update.Result") {
                throw CommitMessageError(kind: .removedField(".Changed.ImageResult"), underlying: error)
            }
            throw CommitMessageError(kind: .executionFailed, underlying: error)
        }
    }
}

/// A commit message that cannot be rendered, with Flux's wording.
public struct CommitMessageError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: Hashable, Sendable {
        /// The template does not parse (Flux: `GitOperationFailed`).
        case invalidTemplate
        /// The template failed while rendering (Flux: `GitOperationFailed`).
        case executionFailed
        /// The template uses a field Flux removed (Flux: Stalled, `RemovedTemplateField`).
        case removedField(String)
    }

    /// What went wrong.
    public let kind: Kind
    /// The template error, with its line and column.
    public let underlying: TemplateError

    /// Creates an error.
    /// - Parameters:
    ///   - kind: What went wrong.
    ///   - underlying: The template error.
    public init(kind: Kind, underlying: TemplateError) {
        self.kind = kind
        self.underlying = underlying
    }

    /// Flux's message: `unable to create commit message template from spec: …`,
    /// `failed to run template from spec: …`, or `template uses removed '.Updated' field. …`.
    public var description: String {
        switch kind {
        case .invalidTemplate: return "unable to create commit message template from spec: \(underlying.goDescription)"
        case .executionFailed: return "failed to run template from spec: \(underlying.goDescription)"
        case .removedField(".Updated"):
            return "template uses removed '.Updated' field. Please use '.Changed' instead. See: https://fluxcd.io/flux/components/image/imageupdateautomations/#message-template"
        case .removedField(".Changed.ImageResult"):
            return "template uses removed '.Changed.ImageResult' field. Please use '.Changed.FileChanges' or '.Changed.Objects' instead. "
                + "See: https://fluxcd.io/flux/components/image/imageupdateautomations/#message-template"
        case .removedField(let field):
            return "template uses removed '\(field)' field. See: https://fluxcd.io/flux/components/image/imageupdateautomations/#message-template"
        }
    }
}
