/// What ``SetterRewriter/rewrite(_:)`` produced.
public struct SetterRewriteResult: Hashable, Sendable {
    /// The files that changed, with their new bytes, in the order they were given. Files without a change are not
    /// listed (and must not be written).
    public var changedFiles: [ManifestFile]
    /// Per file, per document, the changes (Flux's `update.Result`).
    public var result: UpdateResult
    /// Warnings and notes, in file order.
    public var diagnostics: [SetterDiagnostic]
    /// How many markers named a known setter, whether or not their value changed.
    public var markerCount: Int
    /// How many files were parsed (those given that are valid YAML).
    public var filesRead: Int

    /// Creates a result.
    public init(
        changedFiles: [ManifestFile] = [], result: UpdateResult = UpdateResult(), diagnostics: [SetterDiagnostic] = [], markerCount: Int = 0,
        filesRead: Int = 0
    ) {
        self.changedFiles = changedFiles
        self.result = result
        self.diagnostics = diagnostics
        self.markerCount = markerCount
        self.filesRead = filesRead
    }
}
