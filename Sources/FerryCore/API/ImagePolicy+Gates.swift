/// The annotation keys of Ferry's selection gates on an ImagePolicy. Annotations, not spec
/// fields, so the object stays valid against Flux's CRD (Flux ignores them).
public enum PolicyGateAnnotations {
    /// `ferry.dev/minimum-age`: a Go duration (`10m`, `1h30m`); a tag must have been seen by a
    /// scan for at least this long before the policy may select it.
    public static let minimumAge = "ferry.dev/minimum-age"
}

extension ImagePolicy {
    /// `ferry.dev/minimum-age`, parsed: `nil` when absent or empty, an error naming the
    /// annotation and the value when it is not a non-negative Go duration.
    public var minimumAge: Result<GoDuration?, SpecError> {
        let key = PolicyGateAnnotations.minimumAge
        guard let text = metadata.annotations[key], !text.isEmpty else { return .success(nil) }
        let field = "metadata.annotations[\(key)]"
        do {
            let duration = try GoDuration(parsing: text)
            guard duration >= .zero else { return .failure(SpecError(field: field, value: text, problem: "must not be negative")) }
            return .success(duration == .zero ? nil : duration)
        } catch {
            return .failure(SpecError(field: field, value: text, problem: "is not a Go duration such as 10m or 1h30m (\(error.description))"))
        }
    }
}
