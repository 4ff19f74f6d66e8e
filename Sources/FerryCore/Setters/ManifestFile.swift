/// A file handed to the setters: its path (relative to the update path, `/`-separated) and its bytes.
public struct ManifestFile: Hashable, Sendable {
    /// The path relative to the update path, with `/` separators, e.g. `apps/podinfo/deploy.yaml`.
    public var path: String
    /// The file's exact bytes.
    public var bytes: [UInt8]

    /// Creates a file.
    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }
}
