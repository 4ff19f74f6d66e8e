import FerryCore
import FerryManifests

/// One object read from a file: where it is, and what it holds.
struct FolderRecord: Sendable {
    /// `Kind/namespace/name`.
    let id: ObjectID
    /// The file.
    let file: String
    /// The 1-based line where its document starts.
    let line: Int
    /// What it is.
    let payload: Payload

    /// The decoded object.
    enum Payload: Sendable {
        /// An image kind or a GitRepository, namespace set and CRD defaults applied.
        case object(any FolderKind)
        /// A notification Alert.
        case alert(Alert)
        /// A notification Provider.
        case provider(Provider)
        /// A notification Receiver.
        case receiver(Receiver)
        /// A Secret of the secrets folder, in both the forms the ports use.
        case secret(Secret, SecretData)
    }
}

/// What one file holds, or why it could not be read.
struct FileContents: Sendable {
    /// The objects, in document order.
    var records: [FolderRecord] = []
    /// Documents of Ferry's kinds that do not decode or validate, with the object they name when
    /// they got that far (so the object's last good version can stand in).
    var failures: [(id: ObjectID?, error: ManifestError)] = []
    /// Set when the file as a whole could not be read or parsed; its objects keep their last good
    /// versions.
    var fileError: ManifestError?
}

/// The manifests and secrets folders as one scan saw them.
struct FolderScan: Sendable {
    /// The files under the manifests folder, in path order.
    var manifests: [(path: String, contents: FileContents)] = []
    /// The files under the secrets folder, in path order.
    var secrets: [(path: String, contents: FileContents)] = []
    /// Set when the manifests folder itself cannot be listed: everything keeps its last good version.
    var manifestsError: ManifestError?
    /// Set when the secrets folder cannot be listed.
    var secretsError: ManifestError?
    /// Every manifests file read, with the digest of its bytes: two scans with equal fingerprints (and no folder
    /// error) read the same objects.
    var manifestsFingerprint: [FileFingerprint] = []
    /// The same for the secrets folder.
    var secretsFingerprint: [FileFingerprint] = []

    /// A file and the SHA-256 of its bytes (`nil` when it could not be read).
    struct FileFingerprint: Sendable, Hashable {
        var path: String
        var digest: [UInt8]?
    }
}
