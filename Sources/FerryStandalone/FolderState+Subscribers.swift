import FerryCore
import FerryManifests
import Foundation
import Logging

/// One `changes(of:)` stream: which kind it takes, its label selector, and how to hand it a change.
struct Subscriber: Sendable {
    /// The kind, e.g. `ImagePolicy`.
    let kind: String
    /// Only objects whose labels match (nil: every object).
    let selector: LabelSelector?
    /// Delivers a change of an object of ``kind``.
    let deliver: @Sendable (SubscriberEvent) -> Void
}

/// A change as a ``Subscriber`` receives it, objects with status.
enum SubscriberEvent: Sendable {
    case added(any FolderKind)
    case modified(any FolderKind)
    case deleted(any FolderKind)
}

/// The notification objects last delivered, to tell when they change.
struct NotificationSnapshot: Equatable, Sendable {
    var alerts: [Alert]
    var providers: [Provider]
    var receivers: [Receiver]
    var secrets: [SecretData]

    init(_ manifests: NotificationManifests) {
        alerts = manifests.alerts
        providers = manifests.providers
        receivers = manifests.receivers
        secrets = manifests.secrets
    }
}

extension FolderState {
    // MARK: Object streams

    /// Delivers the current objects of `type` as `.added`, then `.synced`, and registers for
    /// later changes; nil (and the stream finished) when the folder cannot be read.
    func subscribe<Object: APIObject>(
        _ type: Object.Type, selector: LabelSelector?, continuation: AsyncThrowingStream<ObjectChange<Object>, any Error>.Continuation
    ) async -> UUID? {
        do {
            try await ensureLoaded()
        } catch {
            continuation.finish(throwing: error)
            return nil
        }
        let kind = Object.resource.kind
        let current = entries.values.filter { $0.object.id.kind == kind }.sorted { $0.object.id < $1.object.id }
        for entry in current {
            guard let object = materialize(entry) as? Object, Self.matches(object, selector) else { continue }
            continuation.yield(.added(object))
        }
        continuation.yield(.synced)
        let token = UUID()
        subscribers[token] = Subscriber(kind: kind, selector: selector) { event in
            switch event {
            case .added(let object): if let object = object as? Object { continuation.yield(.added(object)) }
            case .modified(let object): if let object = object as? Object { continuation.yield(.modified(object)) }
            case .deleted(let object): if let object = object as? Object { continuation.yield(.deleted(object)) }
            }
        }
        return token
    }

    /// Forgets a stream.
    func unsubscribe(_ token: UUID) {
        subscribers[token] = nil
        notificationSubscribers[token] = nil
    }

    private static func matches(_ object: some APIObject, _ selector: LabelSelector?) -> Bool {
        selector?.matches(object.metadata.labels) ?? true
    }

    /// Hands a change to the streams of its kind. An object whose labels stop (or start) matching
    /// a stream's selector leaves (or enters) that stream as `.deleted` (or `.added`).
    func broadcast(old: (any FolderKind)?, new: (any FolderKind)?) {
        guard let kind = (new ?? old)?.id.kind else { return }
        for subscriber in subscribers.values where subscriber.kind == kind {
            let wasIn = old.map { subscriber.selector?.matches($0.metadata.labels) ?? true } ?? false
            let isIn = new.map { subscriber.selector?.matches($0.metadata.labels) ?? true } ?? false
            switch (wasIn, isIn, old, new) {
            case (false, true, _, let new?): subscriber.deliver(.added(new))
            case (true, true, _, let new?): subscriber.deliver(.modified(new))
            case (true, false, let old?, let new): subscriber.deliver(.deleted(new ?? old))
            default: break
            }
        }
    }

    // MARK: Notification streams

    /// The Alerts, Providers and Receivers of the manifests folder and the Secrets of the
    /// secrets folder, each in namespace and name order.
    func notifications() -> NotificationManifests {
        var manifests = NotificationManifests()
        for record in records.values.sorted(by: { $0.id < $1.id }) {
            switch record.payload {
            case .alert(let alert): manifests.alerts.append(alert)
            case .provider(let provider): manifests.providers.append(provider)
            case .receiver(let receiver): manifests.receivers.append(receiver)
            case .object, .secret: continue
            }
        }
        for record in secretRecords.values.sorted(by: { $0.id < $1.id }) {
            if case .secret(_, let data) = record.payload { manifests.secrets.append(data) }
        }
        return manifests
    }

    /// Delivers the current notification objects, and registers for later sets.
    func subscribeNotifications(_ continuation: AsyncStream<NotificationManifests>.Continuation) async -> UUID? {
        do {
            try await ensureLoaded()
        } catch {
            logger.info("cannot read the manifests folder", metadata: ["manifest.error": "\(error)"])
            continuation.finish()
            return nil
        }
        let current = notifications()
        lastNotifications = NotificationSnapshot(current)
        continuation.yield(current)
        let token = UUID()
        notificationSubscribers[token] = continuation
        return token
    }

    /// Hands the notification objects to their streams when they changed.
    func broadcastNotifications() {
        let current = notifications()
        let snapshot = NotificationSnapshot(current)
        guard snapshot != lastNotifications else { return }
        lastNotifications = snapshot
        for continuation in notificationSubscribers.values { continuation.yield(current) }
    }

    // MARK: Polling

    /// Polls the folders every poll interval until the calling task is cancelled. Each open
    /// stream runs this in its own task; a stream that wakes up after another one scanned skips
    /// its scan, so the folders are scanned about once per interval however many streams are open.
    func watch() async {
        var seen = scans
        while !Task.isCancelled {
            do {
                try await sleep(pollInterval)
            } catch {
                return
            }
            guard seen == scans else {
                seen = scans
                continue
            }
            do {
                try await rescan()
            } catch {
                logger.info("cannot scan the manifests folder", metadata: ["manifest.error": "\(error)"])
            }
            seen = scans
        }
    }
}
