/// An event's severity (`fluxcd/pkg` `apis/event/v1beta1`): controllers' `Warning` events become `error`, `Normal`
/// ones `info`; `trace` events are never forwarded to the notification controller.
public enum EventSeverity: String, Sendable, Hashable, Codable, CaseIterable {
    /// `trace`: actions taken during reconciliation; not forwarded.
    case trace
    /// `info`: a change.
    case info
    /// `error`: something went wrong.
    case error
}
