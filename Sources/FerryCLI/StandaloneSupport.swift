import ArgumentParser
import FerryCore
import FerryManifests
import FerryStandalone
import FerryStore
import Foundation
import Logging

/// The three image kinds the `get`, `reconcile`, `suspend`, `resume`, `create` and `export`
/// commands take, with the words flux uses for each.
enum ImageKind: String, CaseIterable, Sendable {
    case repository, policy, update

    /// `ImageRepository`, `ImagePolicy`, `ImageUpdateAutomation`.
    var kind: String {
        switch self {
        case .repository: ImageRepository.kind
        case .policy: ImagePolicy.kind
        case .update: ImageUpdateAutomation.kind
        }
    }

    /// flux's `humanKind`: `image repository`, `image policy`, `image update automation`.
    var humanKind: String {
        switch self {
        case .repository: "image repository"
        case .policy: "image policy"
        case .update: "image update automation"
        }
    }

    /// The key of an object of this kind.
    func id(namespace: String, name: String) -> ObjectID { ObjectID(kind: kind, namespace: namespace, name: name) }
}

/// What the standalone commands need of an image object, whatever its kind.
protocol ImageObject: APIObject {
    /// `spec.suspend`, false when absent.
    var isSuspended: Bool { get }
}

extension ImageRepository: ImageObject {
    var isSuspended: Bool { spec.suspend ?? false }
}

extension ImagePolicy: ImageObject {
    var isSuspended: Bool { spec.suspend ?? false }
}

extension ImageUpdateAutomation: ImageObject {
    var isSuspended: Bool { spec.suspend ?? false }
}

/// The flags that say where standalone mode's objects and state are: the same flags, with the
/// same defaults, as `ferry run` takes.
struct StandaloneOptions: ParsableArguments {
    /// `--manifests`'s default: the current directory.
    static let defaultManifests = "."
    /// `--state`'s default: `ferry.db` in the current directory.
    static let defaultState = "ferry.db"

    /// `--manifests` as given.
    @Option(name: .customLong("manifests"), help: ArgumentHelp("The folder (or file) of manifests, as given to `ferry run` (default: .).", valueName: "dir"))
    var manifestsFlag: String?

    /// `--state` as given.
    @Option(name: .customLong("state"), help: ArgumentHelp("The state file of `ferry run` (default: ferry.db).", valueName: "file"))
    var stateFlag: String?

    /// The folder (or file) of manifests.
    var manifests: String { manifestsFlag ?? StandaloneOptions.defaultManifests }

    /// The state file.
    var state: String { stateFlag ?? StandaloneOptions.defaultState }

    /// Whether `--manifests` or `--state` was given (standalone mode was asked for).
    var isGiven: Bool { manifestsFlag != nil || stateFlag != nil }

    /// Creates the options with their defaults.
    init() {}

    /// The state file, opened (and created, with its schema, when it does not exist yet when
    /// `create` is set; else a missing file reads as an empty state held in memory).
    func store(create: Bool) throws(CommandFailure) -> SQLiteStateStore {
        do {
            if create || FileManager.default.fileExists(atPath: state) { return try SQLiteStateStore(path: state) }
            return try SQLiteStateStore()
        } catch {
            throw CommandFailure(.failure, "--state: \(error.description)")
        }
    }

    /// The folder source over ``manifests``, not polling (commands read it once).
    func source(store: SQLiteStateStore) -> FolderObjectSource {
        FolderObjectSource(
            configuration: .init(manifests: manifests), store: store, logger: Logger(label: "ferry.cli", factory: { _ in SwiftLogNoOpLogHandler() }))
    }
}

/// Reading the manifests folder for a command.
enum StandaloneFiles {
    /// The objects of one kind, failing as the command line does when the folder cannot be read.
    static func list<Object: APIObject>(_ type: Object.Type, in source: FolderObjectSource, namespace: String?) async throws(CommandFailure)
        -> [Object]
    {
        do {
            return try await source.list(type, namespace: namespace, selector: nil)
        } catch let error as FolderSourceError {
            throw CommandFailure(.invalidInput, "--manifests: \(error.manifestError?.description ?? error.description)")
        } catch {
            throw CommandFailure(.failure, "\(error)")
        }
    }

    /// One object, failing as the command line does when the folder cannot be read.
    static func get<Object: APIObject>(_ type: Object.Type, _ id: ObjectID, in source: FolderObjectSource) async throws(CommandFailure) -> Object? {
        do {
            return try await source.get(type, ObjectKey(namespace: id.namespace, name: id.name))
        } catch let error as FolderSourceError {
            throw CommandFailure(.invalidInput, "--manifests: \(error.manifestError?.description ?? error.description)")
        } catch {
            throw CommandFailure(.failure, "\(error)")
        }
    }

    /// Prints the manifest errors of the folder as warnings (the other objects are still used).
    static func warnAboutErrors(of source: FolderObjectSource) async {
        let errors = (try? await source.errors()) ?? []
        for error in errors { FluxLog.warning(error.description) }
    }

    /// Runs an async store call, turning its error into a failure.
    static func storeCall<T>(_ body: () async throws -> T) async throws(CommandFailure) -> T {
        do {
            return try await body()
        } catch {
            throw CommandFailure(.failure, "--state: \(error)")
        }
    }
}
