public import FerryCore
public import FerryManifests

/// A folder source that cannot do what it was asked: the manifests folder cannot be read when the
/// source starts, or a status is written for an object that is not in the folder (any more).
public struct FolderSourceError: Error, Hashable, Sendable, CustomStringConvertible {
    private enum Code: Hashable, Sendable {
        case unreadable(ManifestError)
        case notFound(ObjectID)
    }

    private let code: Code

    init(_ error: ManifestError) { code = .unreadable(error) }

    private init(code: Code) { self.code = code }

    /// No object `id` in the folder.
    static func notFound(_ id: ObjectID) -> FolderSourceError { FolderSourceError(code: .notFound(id)) }

    /// The manifest error behind it, when the folder could not be read.
    public var manifestError: ManifestError? {
        if case .unreadable(let error) = code { return error }
        return nil
    }

    /// The object that is not in the folder, for a status or finalizer write.
    public var missingObject: ObjectID? {
        if case .notFound(let id) = code { return id }
        return nil
    }

    public var description: String {
        switch code {
        case .unreadable(let error): "cannot read the manifests: \(error.description)"
        case .notFound(let id): "\(id.kind) '\(id.namespace)/\(id.name)' is not in the manifests folder (its file was removed or no longer defines it)"
        }
    }
}
