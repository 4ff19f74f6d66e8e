import FerryCore
import FerryWorkspace

/// How `ferry update` prints what it did.
struct UpdateReport {
    let update: ManifestUpdate
    let path: String
    let dryRun: Bool

    private var result: UpdateResult { update.rewrite.result }

    /// Files with changes, in path order.
    private var changedPaths: [String] { result.fileChanges.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) } }

    private var counts: (files: Int, objects: Int, changes: Int) {
        let objects = result.fileChanges.values.reduce(0) { $0 + $1.count }
        let changes = result.fileChanges.values.reduce(0) { $0 + $1.values.reduce(0) { $0 + $1.count } }
        return (result.fileChanges.count, objects, changes)
    }

    private static func plural(_ count: Int, _ word: String) -> String {
        "\(count) \(word)\(count == 1 ? "" : "s")"
    }

    /// `apps/v1 Deployment default/web`, leaving out what the document does not have.
    static func label(_ object: ResourceIdentifier) -> String {
        var parts: [String] = []
        if !object.apiVersion.isEmpty { parts.append(object.apiVersion) }
        if !object.kind.isEmpty { parts.append(object.kind) }
        let name = object.namespace.isEmpty ? object.name : object.namespace + "/" + object.name
        if !object.name.isEmpty || !object.namespace.isEmpty { parts.append(name) }
        return parts.isEmpty ? "(a document without apiVersion, kind or name)" : parts.joined(separator: " ")
    }

    func writeText(to console: Console) {
        let counts = counts
        if dryRun {
            for file in changedPaths {
                guard let old = update.originals[file], let new = update.rewrite.changedFiles.first(where: { $0.path == file })?.bytes else {
                    continue
                }
                console.writeOutput(UnifiedDiff.render(old: old, new: new, oldLabel: "a/" + file, newLabel: "b/" + file))
            }
            if counts.files == 0 {
                console.printError("ferry: dry run: \(nothingMessage)")
            } else {
                console.printError("ferry: dry run: would update \(summary(counts)); nothing was written")
            }
            return
        }
        guard counts.files > 0 else {
            console.print(nothingMessage)
            return
        }
        for file in changedPaths {
            console.print(file)
            guard let objects = result.fileChanges[file] else { continue }
            for object in objects.keys.sorted() {
                console.print("  " + Self.label(object))
                for change in objects[object] ?? [] {
                    console.print("    \(change.setter): \(change.oldValue) -> \(change.newValue)")
                }
            }
        }
        console.print("updated \(summary(counts))")
    }

    /// `2 files (2 objects, 3 changes)`.
    private func summary(_ counts: (files: Int, objects: Int, changes: Int)) -> String {
        "\(Self.plural(counts.files, "file")) (\(Self.plural(counts.objects, "object")), \(Self.plural(counts.changes, "change")))"
    }

    private var nothingMessage: String {
        let markers = update.rewrite.markerCount
        if markers == 0 {
            return "nothing to update: no markers for the given policies in \(Self.plural(update.filesRead, "file")) read"
        }
        return "nothing to update: \(Self.plural(markers, "marker")) already \(markers == 1 ? "matches" : "match")"
    }

    func json() -> JSONValue {
        var files: [JSONValue] = []
        for file in changedPaths {
            let objects = result.fileChanges[file] ?? [:]
            var entry: [(String, JSONValue)] = [
                ("file", .string(file)),
                (
                    "objects",
                    .array(
                        objects.keys.sorted().map { object in
                            .object([
                                ("apiVersion", .string(object.apiVersion)), ("kind", .string(object.kind)), ("name", .string(object.name)),
                                ("namespace", .string(object.namespace)),
                                (
                                    "changes",
                                    .array(
                                        (objects[object] ?? []).map {
                                            .object([
                                                ("oldValue", .string($0.oldValue)), ("newValue", .string($0.newValue)),
                                                ("setter", .string($0.setter)),
                                            ])
                                        })
                                ),
                            ])
                        })
                ),
            ]
            if dryRun, let old = update.originals[file], let new = update.rewrite.changedFiles.first(where: { $0.path == file })?.bytes {
                entry.append(("diff", .string(UnifiedDiff.render(old: old, new: new, oldLabel: "a/" + file, newLabel: "b/" + file))))
            }
            files.append(.object(entry))
        }
        let diagnostics = (update.diagnostics + update.rewrite.diagnostics).map { diagnostic in
            JSONValue.object([
                ("severity", .string(diagnostic.severity.rawValue)), ("code", .string(diagnostic.code.rawValue)), ("file", .string(diagnostic.file)),
                ("line", diagnostic.line.map { .number($0) } ?? .null), ("column", diagnostic.column.map { .number($0) } ?? .null),
                ("message", .string(diagnostic.message)),
            ])
        }
        return .object([
            ("path", .string(path)),
            ("dryRun", .bool(dryRun)),
            ("written", .bool(update.written)),
            ("filesRead", .number(update.filesRead)),
            ("filesWithMarkers", .number(update.filesScreened)),
            ("markers", .number(update.rewrite.markerCount)),
            ("files", .array(files)),
            ("diagnostics", .array(diagnostics)),
        ])
    }
}
