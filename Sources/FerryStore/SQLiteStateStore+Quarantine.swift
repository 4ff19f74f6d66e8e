public import FerryCore
import GRDB

/// Ferry's quarantine (`quarantined_tags`, per ImagePolicy) and the time each tag was first
/// seen (`tag_first_seen`, per ImageRepository), from migration `v3-quarantine`.
extension SQLiteStateStore {
    public func recordTagsSeen(_ tags: [String], for repository: ObjectID, at time: Timestamp) async throws {
        guard !tags.isEmpty else { return }
        try await writer.write { db in
            let statement = try db.cachedStatement(sql: "INSERT OR IGNORE INTO tag_first_seen (namespace, name, tag, first_seen) VALUES (?, ?, ?, ?)")
            for tag in tags {
                try statement.execute(arguments: [repository.namespace, repository.name, tag, time.nanosecondsSinceEpoch])
            }
        }
    }

    public func tagsFirstSeen(for repository: ObjectID) async throws -> [String: Timestamp] {
        try await writer.read { db in
            var seen: [String: Timestamp] = [:]
            let rows = try Row.fetchCursor(
                db, sql: "SELECT tag, first_seen FROM tag_first_seen WHERE namespace = ? AND name = ?", arguments: [repository.namespace, repository.name])
            while let row = try rows.next() {
                seen[row["tag"]] = Timestamp(nanosecondsSinceEpoch: row["first_seen"])
            }
            return seen
        }
    }

    public func quarantinedTags(for policy: ObjectID) async throws -> [QuarantinedTag] {
        try await writer.read { db in
            try Row.fetchAll(
                db, sql: "SELECT tag, reason, since, commit_hash FROM quarantined_tags WHERE namespace = ? AND name = ? ORDER BY added, tag",
                arguments: [policy.namespace, policy.name]
            ).map { row in QuarantinedTag(tag: row["tag"], reason: row["reason"], since: row["since"], commit: row["commit_hash"]) }
        }
    }

    public func quarantine(_ entry: QuarantinedTag, for policy: ObjectID) async throws {
        try await writer.write { db in
            let added = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(added), 0) + 1 FROM quarantined_tags") ?? 1
            try db.execute(
                sql: """
                    INSERT INTO quarantined_tags (namespace, name, tag, reason, since, commit_hash, added) VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (namespace, name, tag) DO UPDATE SET reason = excluded.reason, since = excluded.since, commit_hash = excluded.commit_hash
                    """,
                arguments: [policy.namespace, policy.name, entry.tag, entry.reason, entry.since, entry.commit, added])
        }
    }

    public func releaseTag(_ tag: String, for policy: ObjectID) async throws -> Bool {
        try await writer.write { db in
            try db.execute(
                sql: "DELETE FROM quarantined_tags WHERE namespace = ? AND name = ? AND tag = ?", arguments: [policy.namespace, policy.name, tag])
            return db.changesCount > 0
        }
    }
}
