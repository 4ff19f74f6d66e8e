public import Yams

/// One document of a multi-document YAML manifest, identified but not yet decoded: its place, `apiVersion`,
/// `kind`, `metadata.name` and `metadata.namespace`, and the parsed node for ``ManifestReader/decode(_:from:)``.
public struct ManifestDocument: @unchecked Sendable {
    // @unchecked: Yams.Node is a value tree of enums and strings, immutable once parsed; it is not marked Sendable.

    /// The file it came from.
    public let file: String
    /// Its 0-based position among the file's documents.
    public let index: Int
    /// The 1-based line where it starts.
    public let line: Int
    /// `apiVersion`.
    public let apiVersion: String
    /// `kind`.
    public let kind: String
    /// `metadata.name`.
    public let name: String
    /// `metadata.namespace` (empty when not written).
    public let namespace: String
    /// The parsed document.
    public let node: Node

    /// `Kind/namespace/name` (or `Kind/name`).
    public var objectName: String { namespace.isEmpty ? "\(kind)/\(name)" : "\(kind)/\(namespace)/\(name)" }

    /// The API group of `apiVersion` (`notification.toolkit.fluxcd.io`), empty for core `v1`.
    public var group: String {
        guard let slash = apiVersion.firstIndex(of: "/") else { return "" }
        return String(apiVersion[..<slash])
    }
}
