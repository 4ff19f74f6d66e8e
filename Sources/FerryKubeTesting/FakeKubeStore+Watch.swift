import FerryKubernetes
import Foundation

extension FakeKubeStore {
    /// A watch: initial events (no resourceVersion, `0`, or a watch-list) split into 2048-byte
    /// chunks as the real server writes them, then one chunk per live event; 410 as an ERROR
    /// event inside a 200 for a version older than the retained log.
    func watch(_ request: FakeRequest, _ resource: Resource, namespace: String?) -> FakeResponse {
        let bookmarks = request.query["allowWatchBookmarks"] == "true"
        let sendInitial = request.query["sendInitialEvents"] == "true"
        if sendInitial, request.query["resourceVersionMatch"] != "NotOlderThan" {
            return Self.status(
                422, "Invalid",
                "ListOptions.meta.k8s.io \"\" is invalid: resourceVersionMatch: Forbidden: sendInitialEvents requires setting resourceVersionMatch to NotOlderThan",
                details: [
                    "group": "meta.k8s.io", "kind": "ListOptions",
                    "causes": [
                        [
                            "reason": "FieldValueForbidden",
                            "message": "Forbidden: sendInitialEvents requires setting resourceVersionMatch to NotOlderThan",
                            "field": "resourceVersionMatch",
                        ]
                    ],
                ])
        }
        let selector = request.query["labelSelector"]
        let requested = request.query["resourceVersion"]
        var initial: [UInt8] = []
        if sendInitial || requested == nil || requested == "0" {
            let items = objects.filter { $0.key.plural == resource.plural && (namespace == nil || $0.key.namespace == namespace) }
                .sorted { ($0.key.namespace, $0.key.name) < ($1.key.namespace, $1.key.name) }.map(\.value)
                .filter { selector == nil || Self.matches(selector: selector ?? "", labels: Self.labels($0)) }
            for item in items { initial += Self.eventLine("ADDED", resource.isCustom ? item.sortedKeys : item) }
            if bookmarks { initial += Self.bookmarkLine(resource, version: version, initialEventsEnd: true) }
        } else if let text = requested, let from = Int(text) {
            if from < oldestWatchableVersion {
                let line = Self.expiredLine(requested: from, oldest: oldestWatchableVersion)
                return .stream(
                    status: 200, headers: Self.json,
                    parts: AsyncStream { continuation in
                        continuation.yield(.chunk(line))
                        continuation.yield(.end)
                        continuation.finish()
                    })
            }
            for event in log where event.plural == resource.plural && event.version > from {
                if let namespace, event.object[path: ["metadata", "namespace"]]?.stringValue != namespace { continue }
                if let selector, !Self.matches(selector: selector, labels: Self.labels(event.object)) { continue }
                initial += Self.eventLine(event.type, resource.isCustom ? event.object.sortedKeys : event.object)
            }
        }
        let (parts, continuation) = AsyncStream<FakeResponse.StreamPart>.makeStream()
        var offset = 0
        while offset < initial.count {
            let end = min(offset + 2048, initial.count)
            continuation.yield(.chunk(Array(initial[offset..<end])))
            offset = end
        }
        let id = UUID()
        watchers[id] = (resource.plural, namespace, selector, continuation)
        return .stream(status: 200, headers: Self.json, parts: parts)
    }

    /// Ends the open watches abruptly, in the middle of an event (a broken chunked stream).
    func breakAllWatches(withPartialEvent partial: String = "{\"type\":\"MODIFIED\",\"object\":{\"apiVer") {
        for (_, watcher) in watchers {
            watcher.continuation.yield(.chunk(Array(partial.utf8)))
            watcher.continuation.yield(.abort)
            watcher.continuation.finish()
        }
        watchers = [:]
    }
}
