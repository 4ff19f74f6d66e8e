public import FerryCore
import Foundation
import GRDB

/// The ``StateStore`` over one SQLite file (GRDB, write-ahead log), as `ferry run --state F`
/// keeps it. Every write is one transaction, so a process killed at any point leaves either the
/// old or the new state, never a mix.
///
/// ```swift
/// let store = try SQLiteStateStore(path: "ferry.db")
/// try await store.storeTags(scan, for: repository)
/// ```
public final class SQLiteStateStore: StateStore {
    let writer: any DatabaseWriter

    /// Opens (creating if needed) the state file at `path` and brings its schema up to date.
    ///
    /// - Throws: ``StateStoreError`` when the file cannot be opened or is not Ferry's.
    public init(path: String) throws(StateStoreError) {
        do {
            var configuration = Configuration()
            configuration.busyMode = .timeout(5)
            configuration.prepareDatabase { db in
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
            }
            writer = try DatabasePool(path: path, configuration: configuration)
            try Self.migrator.migrate(writer)
        } catch {
            throw StateStoreError(path: path, underlying: error)
        }
    }

    /// A store held in memory, for tests and `--state :memory:`.
    public init() throws(StateStoreError) {
        do {
            writer = try DatabaseQueue()
            try Self.migrator.migrate(writer)
        } catch {
            throw StateStoreError(path: ":memory:", underlying: error)
        }
    }

    // MARK: Schema

    /// Append-only migrations: a shipped migration is never changed.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE repository_tags (
                        namespace TEXT NOT NULL,
                        name TEXT NOT NULL,
                        canonical_image TEXT NOT NULL,
                        tags BLOB NOT NULL,
                        tag_count INTEGER NOT NULL,
                        revision TEXT NOT NULL,
                        scan_time INTEGER NOT NULL,
                        PRIMARY KEY (namespace, name)
                    );
                    CREATE TABLE objects (
                        kind TEXT NOT NULL,
                        namespace TEXT NOT NULL,
                        name TEXT NOT NULL,
                        generation INTEGER NOT NULL,
                        spec_digest TEXT NOT NULL,
                        status BLOB,
                        PRIMARY KEY (kind, namespace, name)
                    );
                    CREATE TABLE events (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        time INTEGER NOT NULL,
                        kind TEXT NOT NULL,
                        namespace TEXT NOT NULL,
                        name TEXT NOT NULL,
                        type TEXT NOT NULL,
                        reason TEXT NOT NULL,
                        message TEXT NOT NULL
                    );
                    CREATE INDEX events_by_object ON events (kind, namespace, name, id);
                    """)
        }
        // Standalone mode's overrides (`ferry reconcile`, `ferry suspend`, `ferry resume`); see SQLiteStateStore+Overrides.swift.
        migrator.registerMigration("v2-overrides") { db in
            try db.execute(
                sql: """
                    CREATE TABLE overrides (
                        kind TEXT NOT NULL,
                        namespace TEXT NOT NULL,
                        name TEXT NOT NULL,
                        requested_at TEXT,
                        requested_at_base TEXT,
                        suspend INTEGER,
                        suspend_base INTEGER,
                        updated_at INTEGER NOT NULL,
                        PRIMARY KEY (kind, namespace, name)
                    );
                    """)
        }
        // Ferry's quarantine and tag ages; see SQLiteStateStore+Quarantine.swift.
        migrator.registerMigration("v3-quarantine") { db in
            try db.execute(
                sql: """
                    CREATE TABLE quarantined_tags (
                        namespace TEXT NOT NULL,
                        name TEXT NOT NULL,
                        tag TEXT NOT NULL,
                        reason TEXT NOT NULL,
                        since TEXT NOT NULL,
                        commit_hash TEXT,
                        added INTEGER NOT NULL,
                        PRIMARY KEY (namespace, name, tag)
                    );
                    CREATE TABLE tag_first_seen (
                        namespace TEXT NOT NULL,
                        name TEXT NOT NULL,
                        tag TEXT NOT NULL,
                        first_seen INTEGER NOT NULL,
                        PRIMARY KEY (namespace, name, tag)
                    ) WITHOUT ROWID;
                    """)
        }
        return migrator
    }

    // MARK: Tags

    public func tags(for repository: ObjectID) async throws -> StoredTags? {
        let row = try await writer.read { db in
            try Row.fetchOne(
                db, sql: "SELECT canonical_image, tags, revision, scan_time FROM repository_tags WHERE namespace = ? AND name = ?",
                arguments: [repository.namespace, repository.name])
        }
        guard let row else { return nil }
        let bytes: Data = row["tags"]
        let tags = try TagList(lines: Array(bytes))
        return StoredTags(
            canonicalImage: row["canonical_image"], tags: tags, revision: row["revision"],
            scanTime: Timestamp(nanosecondsSinceEpoch: row["scan_time"]))
    }

    public func storeTags(_ tags: StoredTags, for repository: ObjectID) async throws {
        let blob = Data(tags.tags.lineBytes)
        try await writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO repository_tags (namespace, name, canonical_image, tags, tag_count, revision, scan_time)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (namespace, name) DO UPDATE SET canonical_image = excluded.canonical_image, tags = excluded.tags,
                        tag_count = excluded.tag_count, revision = excluded.revision, scan_time = excluded.scan_time
                    """,
                arguments: [
                    repository.namespace, repository.name, tags.canonicalImage, blob, tags.tags.count, tags.revision,
                    tags.scanTime.nanosecondsSinceEpoch,
                ])
        }
    }

    public func deleteTags(for repository: ObjectID) async throws {
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM repository_tags WHERE namespace = ? AND name = ?", arguments: [repository.namespace, repository.name])
        }
    }

    // MARK: Objects

    public func generation(for object: ObjectID, specDigest: String) async throws -> Int64 {
        try await writer.write { db in
            let row = try Row.fetchOne(
                db, sql: "SELECT generation, spec_digest FROM objects WHERE kind = ? AND namespace = ? AND name = ?",
                arguments: [object.kind, object.namespace, object.name])
            guard let row else {
                try db.execute(
                    sql: "INSERT INTO objects (kind, namespace, name, generation, spec_digest) VALUES (?, ?, ?, 1, ?)",
                    arguments: [object.kind, object.namespace, object.name, specDigest])
                return 1
            }
            let generation: Int64 = row["generation"]
            let digest: String = row["spec_digest"]
            guard digest != specDigest else { return generation }
            try db.execute(
                sql: "UPDATE objects SET generation = ?, spec_digest = ? WHERE kind = ? AND namespace = ? AND name = ?",
                arguments: [generation + 1, specDigest, object.kind, object.namespace, object.name])
            return generation + 1
        }
    }

    public func status(for object: ObjectID) async throws -> [UInt8]? {
        try await writer.read { db in
            let data = try Data.fetchOne(
                db, sql: "SELECT status FROM objects WHERE kind = ? AND namespace = ? AND name = ?",
                arguments: [object.kind, object.namespace, object.name])
            return data.map { Array($0) }
        }
    }

    public func saveStatus(_ json: [UInt8], for object: ObjectID) async throws {
        try await writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO objects (kind, namespace, name, generation, spec_digest, status) VALUES (?, ?, ?, 1, '', ?)
                    ON CONFLICT (kind, namespace, name) DO UPDATE SET status = excluded.status
                    """,
                arguments: [object.kind, object.namespace, object.name, Data(json)])
        }
    }

    public func deleteObject(_ object: ObjectID) async throws {
        try await writer.write { db in
            let arguments: StatementArguments = [object.kind, object.namespace, object.name]
            try db.execute(sql: "DELETE FROM objects WHERE kind = ? AND namespace = ? AND name = ?", arguments: arguments)
            try db.execute(sql: "DELETE FROM events WHERE kind = ? AND namespace = ? AND name = ?", arguments: arguments)
            try db.execute(sql: "DELETE FROM overrides WHERE kind = ? AND namespace = ? AND name = ?", arguments: arguments)
            if object.kind == ImageRepository.kind {
                try db.execute(sql: "DELETE FROM repository_tags WHERE namespace = ? AND name = ?", arguments: [object.namespace, object.name])
                try db.execute(sql: "DELETE FROM tag_first_seen WHERE namespace = ? AND name = ?", arguments: [object.namespace, object.name])
            }
            if object.kind == ImagePolicy.kind {
                try db.execute(sql: "DELETE FROM quarantined_tags WHERE namespace = ? AND name = ?", arguments: [object.namespace, object.name])
            }
        }
    }

    public func objects(ofKind kind: String) async throws -> [ObjectID] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT namespace, name FROM objects WHERE kind = ? ORDER BY namespace, name", arguments: [kind]).map { row in
                ObjectID(kind: kind, namespace: row["namespace"], name: row["name"])
            }
        }
    }

    // MARK: Events

    public func record(_ event: StoredEvent) async throws {
        let keep = Self.eventsKeptPerObject
        try await writer.write { db in
            let object = event.object
            try db.execute(
                sql: "INSERT INTO events (time, kind, namespace, name, type, reason, message) VALUES (?, ?, ?, ?, ?, ?, ?)",
                arguments: [event.time.nanosecondsSinceEpoch, object.kind, object.namespace, object.name, event.type, event.reason, event.message])
            try db.execute(
                sql: """
                    DELETE FROM events WHERE kind = ? AND namespace = ? AND name = ? AND id NOT IN (
                        SELECT id FROM events WHERE kind = ? AND namespace = ? AND name = ? ORDER BY id DESC LIMIT ?)
                    """,
                arguments: [object.kind, object.namespace, object.name, object.kind, object.namespace, object.name, keep])
        }
    }

    public func recentEvents(limit: Int, for object: ObjectID?) async throws -> [StoredEvent] {
        try await writer.read { db in
            let rows: [Row]
            if let object {
                rows = try Row.fetchAll(
                    db, sql: "SELECT * FROM events WHERE kind = ? AND namespace = ? AND name = ? ORDER BY id DESC LIMIT ?",
                    arguments: [object.kind, object.namespace, object.name, limit])
            } else {
                rows = try Row.fetchAll(db, sql: "SELECT * FROM events ORDER BY id DESC LIMIT ?", arguments: [limit])
            }
            return rows.map { row in
                StoredEvent(
                    time: Timestamp(nanosecondsSinceEpoch: row["time"]), object: ObjectID(kind: row["kind"], namespace: row["namespace"], name: row["name"]),
                    type: row["type"], reason: row["reason"], message: row["message"])
            }
        }
    }
}

/// The state file cannot be opened, or its schema is not one Ferry knows.
public struct StateStoreError: Error, CustomStringConvertible {
    /// The file.
    public let path: String
    /// What SQLite or GRDB said.
    public let underlying: any Error

    public var description: String { "cannot open the state file \(path): \(underlying)" }
}
