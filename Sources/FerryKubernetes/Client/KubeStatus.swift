/// A `kind: Status` body: what the API server sends with every failure (and a successful DELETE).
public struct KubeStatus: Sendable, Hashable, Codable {
    /// `status`: `Success` or `Failure`.
    public var status: String?
    /// `message`.
    public var message: String?
    /// `reason`: `NotFound`, `AlreadyExists`, `Conflict`, `Invalid`, `Forbidden`, `Expired`, `TooManyRequests`, …
    public var reason: String?
    /// `code`: the HTTP status.
    public var code: Int?
    /// `details`.
    public var details: Details?
    /// `metadata` (a 410 for a stale continue token carries a fresh `continue` here).
    public var metadata: ListMeta?

    /// Creates a status.
    public init(status: String? = nil, message: String? = nil, reason: String? = nil, code: Int? = nil, details: Details? = nil) {
        self.status = status
        self.message = message
        self.reason = reason
        self.code = code
        self.details = details
    }

    /// `details`: what the failure was about.
    public struct Details: Sendable, Hashable, Codable {
        /// `name`.
        public var name: String?
        /// `group`.
        public var group: String?
        /// `kind`: the resource plural for NotFound/AlreadyExists/Conflict/Forbidden, the Kind for Invalid.
        public var kind: String?
        /// `uid`.
        public var uid: String?
        /// `causes`.
        public var causes: [Cause]?
        /// `retryAfterSeconds`.
        public var retryAfterSeconds: Int?
    }

    /// One entry of `details.causes`.
    public struct Cause: Sendable, Hashable, Codable {
        /// `reason`, e.g. `FieldValueInvalid`, `FieldManagerConflict`.
        public var reason: String?
        /// `message`.
        public var message: String?
        /// `field`, e.g. `spec.policy`.
        public var field: String?
    }
}

/// `metadata` of a list: `resourceVersion`, `continue`, `remainingItemCount`.
public struct ListMeta: Sendable, Hashable, Codable {
    /// `resourceVersion`: the version to watch from.
    public var resourceVersion: String?
    /// `continue`: the token for the next page; empty or nil on the last page.
    public var `continue`: String?
    /// `remainingItemCount`.
    public var remainingItemCount: Int64?
}
