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
