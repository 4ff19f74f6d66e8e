public import FerryCore
import GRDB

/// Standalone mode's overrides, in the `overrides` table (migration `v2-overrides`): one row per
/// object, a column per field and its base, and when a command last wrote the row.
extension SQLiteStateStore: ObjectOverrideStore {
    public func overrides(ofKind kind: String?) async throws -> [ObjectOverride] {
        try await writer.read { db in
            let rows: [Row]
            if let kind {
                rows = try Row.fetchAll(db, sql: "SELECT * FROM overrides WHERE kind = ? ORDER BY kind, namespace, name", arguments: [kind])
            } else {
                rows = try Row.fetchAll(db, sql: "SELECT * FROM overrides ORDER BY kind, namespace, name")
            }
            return rows.map { row in
                let suspend: Int64? = row["suspend"]
                let suspendBase: Int64? = row["suspend_base"]
                return ObjectOverride(
                    object: ObjectID(kind: row["kind"], namespace: row["namespace"], name: row["name"]), requestedAt: row["requested_at"],
                    requestedAtBase: row["requested_at_base"], suspend: suspend.map { $0 != 0 }, suspendBase: suspendBase.map { $0 != 0 },
                    updatedAt: Timestamp(nanosecondsSinceEpoch: row["updated_at"]))
            }
        }
    }

    public func requestReconcile(_ object: ObjectID, value: String, at time: Timestamp) async throws {
        try await writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO overrides (kind, namespace, name, requested_at, updated_at) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (kind, namespace, name) DO UPDATE SET requested_at = excluded.requested_at, requested_at_base = NULL,
                        updated_at = excluded.updated_at
                    """,
                arguments: [object.kind, object.namespace, object.name, value, time.nanosecondsSinceEpoch])
        }
    }

    public func setSuspend(_ suspend: Bool, for object: ObjectID, at time: Timestamp) async throws {
        try await writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO overrides (kind, namespace, name, suspend, updated_at) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (kind, namespace, name) DO UPDATE SET suspend = excluded.suspend, suspend_base = NULL,
                        updated_at = excluded.updated_at
                    """,
                arguments: [object.kind, object.namespace, object.name, suspend ? 1 : 0, time.nanosecondsSinceEpoch])
        }
    }

    public func recordBase(_ base: ObjectOverride.Base, of field: ObjectOverride.Field, for object: ObjectID, ifUpdatedAt updatedAt: Timestamp)
        async throws
    {
        let value: DatabaseValue
        switch base {
        case .text(let text): value = text.databaseValue
        case .flag(let flag): value = (flag ? 1 : 0).databaseValue
        }
        let column = field == .requestedAt ? "requested_at_base" : "suspend_base"
        try await writer.write { db in
            try db.execute(
                sql: "UPDATE overrides SET \(column) = ? WHERE kind = ? AND namespace = ? AND name = ? AND updated_at = ?",
                arguments: [value, object.kind, object.namespace, object.name, updatedAt.nanosecondsSinceEpoch])
        }
    }

    public func clearOverride(_ field: ObjectOverride.Field, for object: ObjectID, ifUpdatedAt updatedAt: Timestamp) async throws {
        let columns = field == .requestedAt ? "requested_at = NULL, requested_at_base = NULL" : "suspend = NULL, suspend_base = NULL"
        try await writer.write { db in
            let arguments: StatementArguments = [object.kind, object.namespace, object.name, updatedAt.nanosecondsSinceEpoch]
            try db.execute(
                sql: "UPDATE overrides SET \(columns) WHERE kind = ? AND namespace = ? AND name = ? AND updated_at = ?", arguments: arguments)
            try db.execute(
                sql: """
                    DELETE FROM overrides WHERE kind = ? AND namespace = ? AND name = ? AND updated_at = ?
                        AND requested_at IS NULL AND suspend IS NULL
                    """,
                arguments: arguments)
        }
    }
}
