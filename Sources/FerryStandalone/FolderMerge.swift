import FerryCore
import FerryManifests

/// Combines one folder's fresh scan with the records it had: an object whose document no longer
/// decodes, or whose file no longer parses, keeps its last good version (as an API server
/// rejecting a bad `kubectl apply` keeps the old object), and an object defined twice keeps its
/// first definition in path order.
enum FolderMerge {
    /// The records of one folder after `files` were scanned, and the errors found.
    /// - Parameters:
    ///   - files: The folder's files, in path order.
    ///   - folderError: Set when the folder could not be listed: every previous record stays.
    ///   - previous: The folder's records before this scan.
    static func records(
        files: [(path: String, contents: FileContents)], folderError: ManifestError?, previous: [ObjectID: FolderRecord]
    ) -> (records: [ObjectID: FolderRecord], errors: [ManifestError]) {
        if let folderError { return (previous, [folderError]) }
        var records: [ObjectID: FolderRecord] = [:]
        var errors: [ManifestError] = []
        func add(_ record: FolderRecord) {
            if let first = records[record.id] {
                errors.append(
                    ManifestError(
                        file: record.file, line: record.line, object: record.id.description,
                        reason: "defined again (first in \(first.file):\(first.line), which is the one used)"))
            } else {
                records[record.id] = record
            }
        }
        let previousByFile = Dictionary(grouping: previous.values, by: \.file)
        for (path, contents) in files {
            if let fileError = contents.fileError {
                errors.append(fileError)
                for record in (previousByFile[path] ?? []).sorted(by: { $0.line < $1.line }) { add(record) }
                continue
            }
            for record in contents.records { add(record) }
            for failure in contents.failures {
                errors.append(failure.error)
                if let id = failure.id, let old = previous[id], old.file == path, records[id] == nil { add(old) }
            }
        }
        return (records, errors)
    }
}
