import ArgumentParser
import FerryCore
import FerryStandalone
import FerryStore
import Foundation

/// The flags of `ferry reconcile image …`, `ferry suspend image …` and `ferry resume image …`.
struct ImageOverrideOptions: ParsableArguments {
    @OptionGroup var standalone: StandaloneOptions

    @OptionGroup var cluster: ClusterFlags

    @Option(name: [.customShort("n"), .customLong("namespace")], help: "The namespace of the objects.")
    var namespace = "flux-system"

    @Option(help: ArgumentHelp("How long to wait for `ferry run` (or the controller) to reconcile the object (Go duration).", valueName: "duration"))
    var timeout = "5m"

    /// The cluster the flags point at, or nil for standalone mode (``ClusterFlags/images(standalone:environment:)``).
    func clusterImages() throws(CommandFailure) -> ClusterImages? {
        try cluster.images(standalone: standalone, environment: ProcessInfo.processInfo.environment)
    }

    /// `--timeout` as a duration.
    func parsedTimeout() throws(CommandFailure) -> GoDuration {
        let duration: GoDuration
        do {
            duration = try GoDuration(parsing: timeout)
        } catch {
            throw CommandFailure(.invalidInput, "--timeout: \(error.description)")
        }
        guard duration.nanoseconds >= 0 else { throw CommandFailure(.invalidInput, "--timeout: \"\(timeout)\" is negative") }
        return duration
    }
}

/// What `reconcile`, `suspend` and `resume` do in standalone mode: they write overrides to the
/// state file (the manifests are the user's, never rewritten), which the folder source of
/// `ferry run` lays over the objects at its next scan, and wait for `ferry run` to write the
/// status that shows it handled them, as flux waits for the controller.
struct ImageOverrides {
    let options: ImageOverrideOptions
    let store: SQLiteStateStore
    let source: FolderObjectSource

    /// Opens the state file (creating it when needed, so a later `ferry run` sees the override) and the manifests.
    init(options: ImageOverrideOptions) throws(CommandFailure) {
        self.options = options
        store = try options.standalone.store(create: true)
        source = options.standalone.source(store: store)
    }

    /// The object `name` of `kind` in the namespace, or the failure naming it.
    func object<Object: ImageObject>(_ type: Object.Type, _ kind: ImageKind, _ name: String) async throws(CommandFailure) -> Object {
        let id = kind.id(namespace: options.namespace, name: name)
        guard let object = try await StandaloneFiles.get(type, id, in: source) else {
            throw CommandFailure(.invalidInput, "\(kind.kind) '\(id.namespace)/\(id.name)' not found in --manifests \(options.standalone.manifests)")
        }
        return object
    }

    /// The objects named, or with `all` every object of the kind in the namespace.
    func objects<Object: ImageObject>(_ type: Object.Type, _ kind: ImageKind, names: [String], all: Bool) async throws(CommandFailure) -> [Object] {
        if all { return try await StandaloneFiles.list(type, in: source, namespace: options.namespace) }
        guard !names.isEmpty else { throw CommandFailure(.invalidInput, "please specify a name") }
        var objects: [Object] = []
        for name in names { objects.append(try await object(type, kind, name)) }
        return objects
    }

    /// Waits until the stored status satisfies `done`, polling the state file; the status then.
    func waitForStatus<Object: ImageObject>(
        _ type: Object.Type, _ id: ObjectID, timeout: GoDuration, done: (Object.Status) -> Bool
    ) async throws(CommandFailure) -> Object.Status {
        let deadline = ContinuousClock.now + timeout.duration
        let decoder = JSONDecoder()
        while true {
            let json = try await StandaloneFiles.storeCall { try await store.status(for: id) }
            if let json, let status = try? decoder.decode(Object.Status.self, from: Data(json)), done(status) { return status }
            if ContinuousClock.now >= deadline {
                throw CommandFailure(
                    .failure,
                    "timed out waiting for \(id.kind) '\(id.namespace)/\(id.name)' to be reconciled; is `ferry run --state \(options.standalone.state)` running?")
            }
            do {
                try await Task.sleep(for: .milliseconds(100))
            } catch {
                throw CommandFailure(.failure, "cancelled while waiting for \(id.kind) reconciliation")
            }
        }
    }

    /// flux's end of a wait: the Ready condition must be there and true; prints the completion and `success`.
    static func finish<Status: ConditionedStatus>(_ kind: ImageKind, _ status: Status, success: (Status) -> String) throws(CommandFailure) {
        guard let ready = status.conditions.first(where: { $0.type == Condition.ready }) else {
            throw CommandFailure(.failure, "status can't be determined")
        }
        guard ready.status == .true else { throw CommandFailure(.no, "\(kind.kind) reconciliation failed: '\(ready.message)'") }
        FluxLog.success("\(kind.kind) reconciliation completed")
        FluxLog.success(success(status))
    }
}

extension ImageObject {
    /// flux's success message once the object is reconciled (CLI-06).
    static func successMessage(_ status: Status) -> String {
        switch status {
        case let status as ImageRepository.Status: "scan fetched \(status.lastScanResult?.tagCount ?? 0) tags"
        case let status as ImagePolicy.Status: "selected ref \(status.latestRef?.description ?? "")"
        default: status.conditions.first(where: { $0.type == Condition.ready })?.message ?? ""
        }
    }
}
