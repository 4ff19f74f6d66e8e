public import FerryCore
public import FerryManifests
public import Logging

/// The ``ObjectSource`` and ``ObjectStatusSink`` of standalone mode (`ferry run --manifests DIR
/// --secrets DIR --state F`): objects from a folder of manifests, status in the state file.
///
/// - **Objects.** Every `.yaml`/`.yml` file under the manifests folder, at any depth, any number
///   of documents per file: `image.toolkit.fluxcd.io` v1 and v1beta2 ImageRepository,
///   ImagePolicy and ImageUpdateAutomation, `source.toolkit.fluxcd.io` GitRepository, and the
///   notification Alert, Provider (v1beta3) and Receiver (v1) (``notifications()``). Other kinds
///   are ignored. Secrets come only from the secrets folder (``secret(_:)``). Objects without a
///   namespace get ``Configuration/defaultNamespace`` (`flux-system`, the flux CLI's default).
/// - **Defaults and validation** as Flux's CRDs: absent fields get the CRD's defaults
///   (`exclusionList`, `provider`, `digestReflectionPolicy`, `order`, `sourceRef.kind`, `update`,
///   GitRepository `timeout`), and an object the CRD would refuse is not delivered; its error
///   (file, line, object, field, value) is in ``errors()`` and logged once. An object whose
///   document stops decoding, or whose file stops parsing, keeps its last good version, as an
///   API server refusing a bad `kubectl apply` keeps the old object. An object defined twice
///   keeps its first definition (in path order).
/// - **Generation.** `metadata.generation` comes from ``StateStore/generation(for:specDigest:)``
///   with a digest of the spec's JSON, so editing a spec bumps it as an API server would, and
///   it survives restarts.
/// - **Status** is kept in the state file as JSON and merged into what ``get(_:_:)``,
///   ``list(_:namespace:selector:)`` and ``changes(of:)`` return; ``writeStatus(_:previous:)``
///   saves it and, like a status patch seen through a watch, delivers `.modified`.
/// - **Watching.** While a ``changes(of:)`` or ``notificationChanges()`` stream is open the
///   folders are polled every ``Configuration/pollInterval``: files whose size, modification
///   time or inode changed are read again, and parsed again when their digest changed. A file
///   still being written is read again at the next poll. If the manifests folder disappears
///   (a checkout being swapped), every object stays as it was until it is back.
/// - **Overrides.** `ferry reconcile`, `ferry suspend` and `ferry resume` write
///   ``ObjectOverrideStore`` overrides to the state file; they are laid over the files'
///   `reconcile.fluxcd.io/requestedAt` annotation and `spec.suspend` until the file's own value
///   changes (see ``ObjectOverrideStore``).
/// - **Finalizers** are a pass-through: there is no API server to hold an object back, so
///   ``addFinalizer(_:to:)`` remembers the finalizer for the life of the process and returns the
///   object with it (the reconciler does not add it again and again), and deleting a file deletes
///   its objects at once: the reconciler gets `.deleted` and does its cleanup then. Forgetting a
///   deleted object's state (``StateStore/deleteObject(_:)``) is the reconciler's job; objects
///   deleted while Ferry was stopped are those ``StateStore/objects(ofKind:)`` lists that the
///   first `.synced` did not deliver.
/// - **Events** go to ``StateStore/record(_:)``.
///
/// ```swift
/// let store = try SQLiteStateStore(path: "ferry.db")
/// let source = FolderObjectSource(configuration: .init(manifests: "clusters/prod", secrets: "secrets"), store: store, logger: logger)
/// for try await change in source.changes(of: ImagePolicy.self) { … }
/// ```
public final class FolderObjectSource: ObjectSource, ObjectStatusSink {
    /// What a folder source keeps its state in.
    public typealias Store = StateStore & ObjectOverrideStore

    /// Where the objects are and how often to look.
    public struct Configuration: Sendable {
        /// The manifests folder (or a single file).
        public var manifests: String
        /// The secrets folder (or file), if any.
        public var secrets: String?
        /// The namespace of objects whose manifest has none.
        public var defaultNamespace: String
        /// How often open streams look for changes.
        public var pollInterval: Duration
        /// `--watch-label-selector`: only the image kinds' objects with matching labels are
        /// delivered by ``changes(of:)``; ``get(_:_:)`` and ``list(_:namespace:selector:)`` see all.
        public var labelSelector: LabelSelector?

        /// Creates a configuration.
        public init(
            manifests: String, secrets: String? = nil, defaultNamespace: String = "flux-system", pollInterval: Duration = .milliseconds(500),
            labelSelector: LabelSelector? = nil
        ) {
            self.manifests = manifests
            self.secrets = secrets
            self.defaultNamespace = defaultNamespace
            self.pollInterval = pollInterval
            self.labelSelector = labelSelector
        }
    }

    /// The configuration.
    public let configuration: Configuration
    private let state: FolderState
    private let store: any Store
    private let logger: Logger

    /// Creates a source; nothing is read until the first call.
    /// - Parameters:
    ///   - configuration: The folders and the poll interval.
    ///   - store: The state file.
    ///   - logger: Where manifest errors and scan failures are logged (at info).
    ///   - sleep: How polling waits between scans; tests pass one they control.
    public init(
        configuration: Configuration, store: any Store, logger: Logger = Logger(label: "ferry.standalone"),
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    ) {
        self.configuration = configuration
        self.store = store
        self.logger = logger
        let scanner = FolderScanner(manifests: configuration.manifests, secrets: configuration.secrets, defaultNamespace: configuration.defaultNamespace)
        state = FolderState(scanner: scanner, store: store, logger: logger, pollInterval: configuration.pollInterval, sleep: sleep)
    }

    // MARK: ObjectSource

    public func changes<Object: APIObject>(of type: Object.Type) -> AsyncThrowingStream<ObjectChange<Object>, any Error> {
        let (stream, continuation) = AsyncThrowingStream<ObjectChange<Object>, any Error>.makeStream()
        let selector = Object.resource.group == "image.toolkit.fluxcd.io" ? configuration.labelSelector : nil
        let state = state
        // The stream's own task, as the Kubernetes source has one per watch: it registers the
        // stream and polls the folders until the consumer goes away (cancelling it).
        let task = Task {
            guard let token = await state.subscribe(type, selector: selector, continuation: continuation) else { return }
            await state.watch()
            await state.unsubscribe(token)
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    public func get<Object: APIObject>(_ type: Object.Type, _ key: ObjectKey) async throws -> Object? {
        try await state.ensureLoaded()
        return await state.object(type, ObjectID(kind: Object.resource.kind, namespace: key.namespace, name: key.name))
    }

    public func list<Object: APIObject>(_ type: Object.Type, namespace: String?, selector: LabelSelector?) async throws -> [Object] {
        try await state.ensureLoaded()
        return await state.objects(type, namespace: namespace, selector: selector)
    }

    /// A Secret of the secrets folder, read again from the folder first (a rotated Secret is
    /// seen at once), or nil when there is none (or no secrets folder).
    public func secret(_ key: ObjectKey) async throws -> Secret? {
        guard configuration.secrets != nil else { return nil }
        try await state.refreshSecrets()
        return await state.secret(ObjectID(kind: Secret.kind, namespace: key.namespace, name: key.name))
    }

    // MARK: ObjectStatusSink

    public func writeStatus<Object: APIObject>(_ object: Object, previous: Object.Status) async throws -> Object {
        try await state.writeStatus(object, previous: previous)
    }

    public func addFinalizer<Object: APIObject>(_ finalizer: String, to object: Object) async throws -> Object {
        try await state.ensureLoaded()
        return await state.addFinalizer(finalizer, to: object)
    }

    public func removeFinalizer<Object: APIObject>(_ finalizer: String, from object: Object) async throws -> Object? {
        try await state.ensureLoaded()
        return await state.removeFinalizer(finalizer, from: object)
    }

    public func record(_ event: ObjectEvent) async {
        let stored = StoredEvent(
            time: event.time, object: ObjectID(kind: event.regarding.kind, namespace: event.regarding.namespace, name: event.regarding.name),
            type: event.type.rawValue, reason: event.reason, message: event.message)
        do {
            try await store.record(stored)
        } catch {
            logger.debug("cannot record an event", metadata: ["event.object": "\(stored.object)", "event.reason": "\(event.reason)", "error": "\(error)"])
        }
    }

    // MARK: Standalone

    /// Scans the folders now and delivers what changed (streams also do this every poll interval).
    /// - Throws: ``FolderSourceError`` when the manifests folder cannot be read on the first scan,
    ///   or the state file cannot be read or written.
    public func rescan() async throws {
        try await state.rescan()
    }

    /// The manifest errors of the last scan (invalid objects, files that do not parse, objects
    /// defined twice), in file and line order. Invalid objects are not delivered; the others are.
    public func errors() async throws -> [ManifestError] {
        try await state.ensureLoaded()
        return await state.errors
    }

    /// Where an object was read from: its file and the line its document starts at.
    public func location(of id: ObjectID) async throws -> (file: String, line: Int)? {
        try await state.ensureLoaded()
        return await state.location(of: id)
    }

    /// The notification objects: the Alerts, Providers and Receivers of the manifests folder and
    /// the Secrets of the secrets folder.
    public func notifications() async throws -> NotificationManifests {
        try await state.ensureLoaded()
        return await state.notifications()
    }

    /// The notification objects now and each time they change (polling while the stream is open).
    public func notificationChanges() -> AsyncStream<NotificationManifests> {
        let (stream, continuation) = AsyncStream<NotificationManifests>.makeStream()
        let state = state
        let task = Task {
            guard let token = await state.subscribeNotifications(continuation) else { return }
            await state.watch()
            await state.unsubscribe(token)
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }
}
