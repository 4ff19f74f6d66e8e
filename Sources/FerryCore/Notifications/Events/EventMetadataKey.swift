/// The metadata keys Flux controllers and the notification controller agree on (`fluxcd/pkg`
/// `apis/event/v1beta1/metadata.go`). Controllers prefix them with the involved object's API group.
public enum EventMetadataKey {
    /// The event API group; object annotations `event.toolkit.fluxcd.io/*` travel under this prefix.
    public static let eventGroup = "event.toolkit.fluxcd.io"
    /// `revision`: the source revision (`main@sha1:…`).
    public static let revision = "revision"
    /// `originRevision`: the revision of the source's origin.
    public static let originRevision = "originRevision"
    /// `checksum` (deprecated): dropped by the event server.
    public static let checksum = "checksum"
    /// `digest`: dropped by the event server.
    public static let digest = "digest"
    /// `token`: distinguishes otherwise identical events for rate limiting; removed before dispatch.
    public static let token = "token"
    /// `commit_status`: with value `update`, marks a Git commit status update.
    public static let commitStatus = "commit_status"
    /// The value of `commit_status` marking an update.
    public static let commitStatusUpdate = "update"
    /// `commit` under the event group: the commit a commit-status provider should annotate.
    public static let commit = "commit"
    /// `summary`: the Alert's summary.
    public static let summary = "summary"
}
