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
