/// The annotation keys of Ferry's promotion and batching extensions on an ImageUpdateAutomation. Like the
/// pull-request keys (``PullRequestAnnotations``) they are annotations, so the object stays valid against Flux's CRD.
public enum PromotionAnnotations {
    /// `ferry.dev/promote-from`: a path in the same repository (e.g. `./clusters/staging`) whose marked fields give the
    /// values to write under `spec.update.path`, instead of the policies' latest images. Needs `ferry.dev/pull-request: "true"`.
    public static let promoteFrom = "ferry.dev/promote-from"
    /// `ferry.dev/batch-window`: a Go duration (`30s`, `2m`); policy changes within it after the first one are applied
    /// in one run, so one release's images land in one commit.
    public static let batchWindow = "ferry.dev/batch-window"

    /// The longest batch window Ferry accepts.
    public static let maximumBatchWindow = GoDuration.minutes(60)

    /// The promotion source path of `annotations`, or `nil` when there is none.
    ///
    /// - Throws: ``SpecError`` naming the annotation for an absolute path or one that leaves the repository.
    public static func promotionPath(_ annotations: [String: String]) throws(SpecError) -> String? {
        guard let raw = annotations[promoteFrom]?.trimmingASCIIWhitespace(), !raw.isEmpty else { return nil }
        let field = PullRequestAnnotations.field(promoteFrom)
        if raw.hasPrefix("/") {
            throw SpecError(field: field, value: raw, problem: "must be a path relative to the repository's root, like ./clusters/staging")
        }
        let parts = raw.split(separator: "/").filter { $0 != "." }
        if parts.contains("..") {
            throw SpecError(field: field, value: raw, problem: "must stay inside the repository (no '..')")
        }
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }

    /// The batch window of `annotations`, or `nil` when there is none (or it is zero).
    ///
    /// - Throws: ``SpecError`` naming the annotation for a value that is not a Go duration, is negative or is longer than
    ///   ``maximumBatchWindow``.
    public static func batchWindow(_ annotations: [String: String]) throws(SpecError) -> GoDuration? {
        guard let raw = annotations[batchWindow]?.trimmingASCIIWhitespace(), !raw.isEmpty else { return nil }
        let field = PullRequestAnnotations.field(batchWindow)
        let window: GoDuration
        do throws(GoDurationError) {
            window = try GoDuration(parsing: raw)
        } catch {
            throw SpecError(field: field, value: raw, problem: "is not a Go duration such as 30s or 2m")
        }
        if window < .zero { throw SpecError(field: field, value: raw, problem: "must not be negative") }
        if window > maximumBatchWindow { throw SpecError(field: field, value: raw, problem: "must be at most \(maximumBatchWindow)") }
        return window == .zero ? nil : window
    }
}
