import FerryCore
import FerryManifests
import Foundation
import Logging

/// What a ``FolderObjectSource`` knows: the records of both folders, the objects as delivered
/// (overrides applied, generation set), their statuses, finalizers and errors, and who listens.
/// Scans are serialised; everything else reads the state as the last scan left it.
actor FolderState {
    /// One object as delivered, without status or finalizers.
    struct Entry: Sendable {
        var object: any FolderKind
        var file: String
        var line: Int
    }

    let scanner: FolderScanner
    let store: any FolderObjectSource.Store
    let logger: Logger
    let pollInterval: Duration
    let sleep: @Sendable (Duration) async throws -> Void
    private let queue = DispatchQueue(label: "ferry.folder-source.scan")

    var records: [ObjectID: FolderRecord] = [:]
    var secretRecords: [ObjectID: FolderRecord] = [:]
    var entries: [ObjectID: Entry] = [:]
    var statuses: [ObjectID: any Sendable] = [:]
    var finalizers: [ObjectID: [String]] = [:]
    var generations: [ObjectID: (digest: String, generation: Int64)] = [:]
    var manifestErrors: [ManifestError] = []
    var secretErrors: [ManifestError] = []
    var reportedErrors: Set<ManifestError> = []
    var loaded = false
    private var scanning = false
    private var scanWaiters: [CheckedContinuation<Void, Never>] = []

    var subscribers: [UUID: Subscriber] = [:]
    var notificationSubscribers: [UUID: AsyncStream<NotificationManifests>.Continuation] = [:]
    var lastNotifications: NotificationSnapshot?
    /// How many scans have completed.
    var scans = 0
    /// What the last complete scan read and the overrides it applied: a poll that finds both unchanged has nothing
    /// to deliver, and skips decoding, digesting and comparing every object again.
    private var lastInputs: (manifests: [FolderScan.FileFingerprint], secrets: [FolderScan.FileFingerprint], overrides: [ObjectID: ObjectOverride])?
    private var lastSecretsFingerprint: [FolderScan.FileFingerprint]?

    init(
        scanner: FolderScanner, store: any FolderObjectSource.Store, logger: Logger, pollInterval: Duration,
        sleep: @escaping @Sendable (Duration) async throws -> Void
    ) {
        self.scanner = scanner
        self.store = store
        self.logger = logger
        self.pollInterval = pollInterval
        self.sleep = sleep
    }

    // MARK: Scanning

    /// Scans both folders now (after a scan in progress finishes) and delivers what changed.
    func rescan() async throws {
        await acquireScan()
        defer { releaseScan() }
        try await performScan()
    }

    /// Scans once unless a scan already succeeded.
    func ensureLoaded() async throws {
        if loaded { return }
        await acquireScan()
        defer { releaseScan() }
        if loaded { return }
        try await performScan()
    }

    /// Reads the secrets folder again (Secrets are read when asked for, never from an old scan).
    func refreshSecrets() async throws {
        try await ensureLoaded()
        await acquireScan()
        defer { releaseScan() }
        let scanner = scanner
        let (files, error, fingerprint) = await onQueue { scanner.scanSecrets() }
        if error == nil, secretErrors.isEmpty, fingerprint == lastSecretsFingerprint { return }
        lastSecretsFingerprint = error == nil ? fingerprint : nil
        let merged = FolderMerge.records(files: files, folderError: error, previous: secretRecords)
        secretRecords = merged.records
        secretErrors = merged.errors
        reportErrors()
        broadcastNotifications()
    }

    private func acquireScan() async {
        while scanning { await withCheckedContinuation { scanWaiters.append($0) } }
        scanning = true
    }

    private func releaseScan() {
        scanning = false
        let waiters = scanWaiters
        scanWaiters = []
        for waiter in waiters { waiter.resume() }
    }

    private func onQueue<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in queue.async { continuation.resume(returning: work()) } }
    }

    private func performScan() async throws {
        let scanner = scanner
        let scan = await onQueue { scanner.scan() }
        if !loaded, let error = scan.manifestsError { throw FolderSourceError(error) }
        let manifests = FolderMerge.records(files: scan.manifests, folderError: scan.manifestsError, previous: records)
        let secrets = FolderMerge.records(files: scan.secrets, folderError: scan.secretsError, previous: secretRecords)
        let overrides = Dictionary(try await store.overrides(ofKind: nil).map { ($0.object, $0) }, uniquingKeysWith: { first, _ in first })
        let clean = scan.manifestsError == nil && scan.secretsError == nil
        if loaded, clean, let last = lastInputs, last.manifests == scan.manifestsFingerprint, last.secrets == scan.secretsFingerprint,
            last.overrides == overrides
        {
            scans += 1
            return
        }
        var fresh: [ObjectID: Entry] = [:]
        var candidates: Set<ObjectID>?
        if loaded, clean, let last = lastInputs, last.manifests == scan.manifestsFingerprint, last.secrets == scan.secretsFingerprint {
            // The files are as the last complete scan read them and only overrides changed (a webhook's reconcile
            // request, `ferry suspend`): only the objects whose override changed can differ.
            let changed = Set(overrides.keys).union(last.overrides.keys).filter { overrides[$0] != last.overrides[$0] }
            lastInputs = nil
            fresh = entries
            for id in changed {
                guard let record = manifests.records[id], case .object(let object) = record.payload else { continue }
                fresh[id] = Entry(object: try await effective(object, override: overrides[id]), file: record.file, line: record.line)
            }
            candidates = changed
        } else {
            lastInputs = nil
            for (id, record) in manifests.records {
                guard case .object(let object) = record.payload else { continue }
                fresh[id] = Entry(object: try await effective(object, override: overrides[id]), file: record.file, line: record.line)
            }
        }
        for id in candidates ?? Set(fresh.keys) where statuses[id] == nil {
            guard let entry = fresh[id] else { continue }
            if let json = try await store.status(for: id), let status = Self.decodeStatus(json, like: entry.object) { statuses[id] = status }
        }
        commit(
            records: manifests.records, secrets: secrets.records, entries: fresh, candidates: candidates, errors: manifests.errors,
            secretErrors: secrets.errors)
        if clean {
            lastInputs = (scan.manifestsFingerprint, scan.secretsFingerprint, overrides)
            lastSecretsFingerprint = scan.secretsFingerprint
        }
    }

    private static func decodeStatus<Object: FolderKind>(_ json: [UInt8], like object: Object) -> (any Sendable)? {
        Object.decodeStatus(json)
    }

    /// Makes `fresh` the delivered objects and broadcasts each that changed; `candidates`, when given, are the only
    /// ones that can have (the others are the same entries as before).
    private func commit(
        records: [ObjectID: FolderRecord], secrets: [ObjectID: FolderRecord], entries fresh: [ObjectID: Entry], candidates: Set<ObjectID>?,
        errors: [ManifestError], secretErrors: [ManifestError]
    ) {
        let old = entries
        var changes: [(before: (any FolderKind)?, after: (any FolderKind)?)] = []
        for id in (candidates ?? Set(old.keys).union(fresh.keys)).sorted() {
            let before = old[id].map(materialize)
            let after = fresh[id].map(materialize)
            if let before, let after, before.isEqual(to: after) { continue }
            changes.append((before, after))
        }
        self.records = records
        self.secretRecords = secrets
        self.entries = fresh
        self.manifestErrors = errors
        self.secretErrors = secretErrors
        loaded = true
        scans += 1
        for id in old.keys where fresh[id] == nil {
            statuses[id] = nil
            finalizers[id] = nil
            generations[id] = nil
        }
        reportErrors()
        for change in changes { broadcast(old: change.before, new: change.after) }
        broadcastNotifications()
    }

    /// Logs each error once, when it appears, and once more when it is gone.
    private func reportErrors() {
        let current = Set(manifestErrors + secretErrors)
        for error in current.subtracting(reportedErrors).sorted(by: { $0.description < $1.description }) {
            logger.info(
                "invalid manifest", metadata: ["manifest.error": "\(error.description)", "manifest.file": "\(error.file)"])
        }
        for error in reportedErrors.subtracting(current).sorted(by: { $0.description < $1.description }) {
            logger.info("manifest error resolved", metadata: ["manifest.error": "\(error.description)", "manifest.file": "\(error.file)"])
        }
        reportedErrors = current
    }

    // MARK: Objects

    /// The object with its status and finalizers.
    func materialize(_ entry: Entry) -> any FolderKind {
        let id = entry.object.id
        return entry.object.with(status: statuses[id], finalizers: finalizers[id] ?? [])
    }

    /// Every current error, in file and line order.
    var errors: [ManifestError] {
        (manifestErrors + secretErrors).sorted { ($0.file, $0.line ?? 0, $0.description) < ($1.file, $1.line ?? 0, $1.description) }
    }

    /// Writes a status to the store and delivers the object as `.modified` when it changed.
    func writeStatus<Object: APIObject>(_ object: Object, previous: Object.Status) async throws -> Object {
        try await ensureLoaded()
        let id = ObjectID(kind: Object.resource.kind, namespace: object.metadata.namespace, name: object.metadata.name)
        guard let entry = entries[id] else { throw FolderSourceError.notFound(id) }
        let stored = statuses[id] as? Object.Status ?? Object.Status()
        if object.status == previous || object.status == stored {
            return materialize(entry) as? Object ?? object
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        try await store.saveStatus([UInt8](try encoder.encode(object.status)), for: id)
        let before = entries[id].map(materialize)
        statuses[id] = object.status
        guard let current = entries[id] else { return object }
        let after = materialize(current)
        broadcast(old: before, new: after)
        return after as? Object ?? object
    }

    /// Remembers a finalizer for the life of the process (standalone mode has no API server to
    /// keep it) and returns the object with it.
    func addFinalizer<Object: APIObject>(_ finalizer: String, to object: Object) -> Object {
        let id = ObjectID(kind: Object.resource.kind, namespace: object.metadata.namespace, name: object.metadata.name)
        guard let entry = entries[id] else {
            var copy = object
            if !copy.metadata.finalizers.contains(finalizer) { copy.metadata.finalizers.append(finalizer) }
            return copy
        }
        if !(finalizers[id] ?? []).contains(finalizer) { finalizers[id, default: []].append(finalizer) }
        return materialize(entry) as? Object ?? object
    }

    /// Forgets a finalizer; nil when the object is gone (deleting a file deletes at once).
    func removeFinalizer<Object: APIObject>(_ finalizer: String, from object: Object) -> Object? {
        let id = ObjectID(kind: Object.resource.kind, namespace: object.metadata.namespace, name: object.metadata.name)
        finalizers[id]?.removeAll { $0 == finalizer }
        guard let entry = entries[id] else { return nil }
        return materialize(entry) as? Object
    }

    /// One object with its status, or nil.
    func object<Object: APIObject>(_ type: Object.Type, _ id: ObjectID) -> Object? {
        entries[id].flatMap { materialize($0) as? Object }
    }

    /// The objects of a kind in a namespace (all when nil) matching a selector, in namespace and
    /// name order.
    func objects<Object: APIObject>(_ type: Object.Type, namespace: String?, selector: LabelSelector?) -> [Object] {
        entries.values.filter { $0.object.id.kind == Object.resource.kind && (namespace == nil || $0.object.id.namespace == namespace) }
            .sorted { $0.object.id < $1.object.id }
            .compactMap { materialize($0) as? Object }
            .filter { selector?.matches($0.metadata.labels) ?? true }
    }

    /// A Secret of the secrets folder.
    func secret(_ id: ObjectID) -> Secret? {
        guard case .secret(let secret, _)? = secretRecords[id]?.payload else { return nil }
        return secret
    }

    /// Where an object (of any kind read, Secrets included) was read from.
    func location(of id: ObjectID) -> (file: String, line: Int)? {
        guard let record = records[id] ?? secretRecords[id] else { return nil }
        return (record.file, record.line)
    }
}
