/// Where the pipeline keeps what it must not forget across restarts: the tags of each
/// ImageRepository, each object's generation and status, and recent events. Implemented over
/// SQLite by `FerryStore`.
///
/// Tags are kept per ImageRepository object (namespace and name), not per image as Flux's
/// default store does, so two repositories for one image with different credentials or
/// exclusion lists never overwrite each other's tags.
public protocol StateStore: Sendable {
    /// The tags last stored for an ImageRepository, or `nil` when none were.
    func tags(for repository: ObjectID) async throws -> StoredTags?
    /// Replaces the stored tags of an ImageRepository, atomically.
    func storeTags(_ tags: StoredTags, for repository: ObjectID) async throws
    /// Forgets an ImageRepository's tags.
    func deleteTags(for repository: ObjectID) async throws

    /// The generation for an object whose spec has `specDigest`: unchanged while the digest
    /// is, one more each time it changes, 1 for an object never seen. This is how standalone
    /// mode gives objects read from files the `metadata.generation` an API server would.
    func generation(for object: ObjectID, specDigest: String) async throws -> Int64

    /// The status last saved for an object, as JSON.
    func status(for object: ObjectID) async throws -> [UInt8]?
    /// Saves an object's status (JSON), atomically.
    func saveStatus(_ json: [UInt8], for object: ObjectID) async throws
    /// Forgets an object: its generation, status and events (and its tags, for a repository).
    func deleteObject(_ object: ObjectID) async throws
    /// Every object the store knows of, of `kind`.
    func objects(ofKind kind: String) async throws -> [ObjectID]

    /// Records an event, keeping the most recent ``eventsKeptPerObject`` per object.
    func record(_ event: StoredEvent) async throws
    /// The most recent events, newest first, optionally only those of one object.
    func recentEvents(limit: Int, for object: ObjectID?) async throws -> [StoredEvent]

    /// Records that a scan of `repository` listed `tags` at `time`: tags seen before keep
    /// their first time (for `ferry.dev/minimum-age`).
    func recordTagsSeen(_ tags: [String], for repository: ObjectID, at time: Timestamp) async throws
    /// When each tag of `repository` was first seen by a scan.
    func tagsFirstSeen(for repository: ObjectID) async throws -> [String: Timestamp]

    /// The tags in quarantine for an ImagePolicy, oldest first.
    func quarantinedTags(for policy: ObjectID) async throws -> [QuarantinedTag]
    /// Puts a tag in quarantine for an ImagePolicy (replacing an entry for the same tag).
    func quarantine(_ entry: QuarantinedTag, for policy: ObjectID) async throws
    /// Takes a tag out of quarantine; returns whether it was in.
    func releaseTag(_ tag: String, for policy: ObjectID) async throws -> Bool
}

extension StateStore {
    /// How many events are kept for each object.
    public static var eventsKeptPerObject: Int { 50 }
}

/// An ImageRepository's stored scan: the tags after exclusion, in descending byte order.
public struct StoredTags: Sendable, Hashable {
    /// The canonical image name the tags were listed from.
    public var canonicalImage: String
    /// The tags.
    public var tags: TagList
    /// The checksum reported as `lastScanResult.revision`.
    public var revision: String
    /// When the scan finished.
    public var scanTime: Timestamp

    /// Creates a stored scan.
    public init(canonicalImage: String, tags: TagList, revision: String, scanTime: Timestamp) {
        self.canonicalImage = canonicalImage
        self.tags = tags
        self.revision = revision
        self.scanTime = scanTime
    }
}

/// An event as the store keeps it.
public struct StoredEvent: Sendable, Hashable, Codable {
    /// When it happened.
    public var time: Timestamp
    /// The object it is about.
    public var object: ObjectID
    /// `Normal`, `Warning` or `Trace`.
    public var type: String
    /// A CamelCase reason such as `Succeeded`.
    public var reason: String
    /// The message.
    public var message: String

    /// Creates an event.
    public init(time: Timestamp, object: ObjectID, type: String, reason: String, message: String) {
        self.time = time
        self.object = object
        self.type = type
        self.reason = reason
        self.message = message
    }
}
