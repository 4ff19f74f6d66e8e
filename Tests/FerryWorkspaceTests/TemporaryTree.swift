import Foundation

/// A directory under the system's temporary directory, removed when the test is done.
final class TemporaryTree {
    let url: URL
    var path: String { url.path }

    init() throws {
        url = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("ferry-workspace-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    /// Writes a file, creating its directories.
    func write(_ relative: String, _ text: String, mode: Int? = nil) throws {
        let file = url.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
        if let mode { try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: file.path) }
    }

    func link(_ relative: String, to destination: String) throws {
        let file = url.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: file.path, withDestinationPath: destination)
    }

    func read(_ relative: String) throws -> String {
        String(decoding: try Data(contentsOf: url.appendingPathComponent(relative)), as: UTF8.self)
    }

    func mode(_ relative: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: url.appendingPathComponent(relative).path)
        return (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    /// Every entry below the tree (files, directories, links), relative, sorted.
    func listing() -> [String] {
        (FileManager.default.enumerator(atPath: path)?.allObjects as? [String] ?? []).sorted()
    }

    /// Copies a directory tree into this one, keeping symbolic links as links.
    func copy(from source: URL, to relative: String = "") throws {
        let target = relative.isEmpty ? url : url.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        for name in try FileManager.default.contentsOfDirectory(atPath: source.path) {
            let from = source.appendingPathComponent(name)
            let to = target.appendingPathComponent(name)
            let attributes = try FileManager.default.attributesOfItem(atPath: from.path)
            switch attributes[.type] as? FileAttributeType {
            case .typeSymbolicLink?:
                try FileManager.default.createSymbolicLink(
                    atPath: to.path, withDestinationPath: try FileManager.default.destinationOfSymbolicLink(atPath: from.path))
            case .typeDirectory?:
                try copy(from: from, to: relative.isEmpty ? name : relative + "/" + name)
            default:
                try FileManager.default.copyItem(at: from, to: to)
                try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: to.path)
            }
        }
    }
}

/// The conformance fixtures live with the core's tests.
enum SharedFixtures {
    static let setters = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("FerryCoreTests/Fixtures/conformance/setters")
}
