import FerryCore
import FerryGit
import Foundation

/// The part of a rollback that runs inside the automation's checkout: find the commit, check
/// and revert the fields, write the files.
struct RollbackPass: Sendable {
    let namespace: String
    let name: String
    let updatePath: String?
    let author: String
    let dryRun: Bool
    /// How far back to look.
    static let historyLimit = 500

    struct Result: Sendable {
        var commit: GitLocalHistory.Commit
        var revert: PolicyRevert
        var diff: String
        var message: String
    }

    /// The update path relative to the root, without `./`; `nil` for the whole repository.
    var root: String? {
        guard let updatePath else { return nil }
        let parts = updatePath.split(separator: "/").filter { $0 != "." && !$0.isEmpty }
        return parts.isEmpty ? nil : parts.joined(separator: "/")
    }

    func run(in directory: String) async throws -> Result? {
        let history = GitLocalHistory(directory: directory)
        let setter = "\(namespace):\(name)"
        for commit in try await history.commits(touching: root, limit: Self.historyLimit) {
            guard commit.parents.count <= 1, author.isEmpty || commit.authorEmail == author else { continue }
            let paths = try await history.changedFiles(commit).filter(isCandidate)
            var after: [ManifestFile] = []
            var before: [String: ManifestFile] = [:]
            for path in paths {
                guard let bytes = try await history.file(path, at: commit.hash) else { continue }
                after.append(ManifestFile(path: path, bytes: bytes))
                if let parent = commit.parents.first, let old = try await history.file(path, at: parent) { before[path] = ManifestFile(path: path, bytes: old) }
            }
            guard let revert = PolicyRevert.find(namespace: namespace, name: name, before: before, after: after) else { continue }
            if commit.message.contains("\(PolicyRollback.trailer): \(setter) ") {
                throw RollbackError(
                    "the latest automated change to the fields of ImagePolicy \(namespace)/\(name) is already a rollback (commit \(commit.hash.prefix(7)): \(commit.subject)); nothing to roll back", kind: .nothing)
            }
            var current: [ManifestFile] = []
            for path in revert.files {
                guard let data = FileManager.default.contents(atPath: directory + "/" + path) else {
                    throw RollbackError("\(path), changed by commit \(commit.hash.prefix(7)), is no longer in the repository; revert by hand")
                }
                current.append(ManifestFile(path: path, bytes: Array(data)))
            }
            let rewrite: SetterRewriteResult
            do {
                rewrite = try revert.apply(to: current)
            } catch {
                throw RollbackError(error.description, kind: .nothing)
            }
            var diff = ""
            for file in rewrite.changedFiles {
                let old = current.first { $0.path == file.path }?.bytes ?? []
                diff += UnifiedDiff.render(old: old, new: file.bytes, oldLabel: "a/" + file.path, newLabel: "b/" + file.path)
                if !dryRun {
                    guard FileManager.default.createFile(atPath: directory + "/" + file.path, contents: Data(file.bytes)) else {
                        throw RollbackError("cannot write \(file.path) in the checkout")
                    }
                }
            }
            return Result(commit: commit, revert: revert, diff: diff, message: message(commit, revert))
        }
        return nil
    }

    private func isCandidate(_ path: String) -> Bool {
        guard path.hasSuffix(".yaml") || path.hasSuffix(".yml") else { return false }
        guard let root else { return true }
        return path.hasPrefix(root + "/")
    }

    private func message(_ commit: GitLocalHistory.Commit, _ revert: PolicyRevert) -> String {
        let from = revert.from.tag ?? revert.from.description
        let to = revert.to.tag ?? revert.to.description
        var text = "Roll back \(namespace)/\(name) from \(from) to \(to)\n\n"
        text += "Reverts the fields of ImagePolicy \(namespace)/\(name) changed by commit \(commit.hash) (\(commit.subject)).\n"
        if let bad = revert.badTag { text += "The tag \(bad) is quarantined until `ferry release-tag \(name) \(bad) -n \(namespace)`.\n" }
        text += "\n\(PolicyRollback.trailer): \(namespace):\(name) \(revert.badTag ?? from)\n"
        return text
    }
}

/// The registry a rollback never calls (the reconciler environment needs one).
struct UnusedRegistry: RegistryClient {
    func listTags(in repository: ImageRepositoryName, access: RegistryAccess) async throws(RegistryError) -> TagListing {
        throw RegistryError(.configuration, operation: "listing tags", reason: "a rollback does not read registries")
    }

    func digest(of tag: String, in repository: ImageRepositoryName, access: RegistryAccess) async throws(RegistryError) -> String {
        throw RegistryError(.configuration, operation: "reading a digest", reason: "a rollback does not read registries")
    }
}
