import FerryCore
package import FerryKubernetes
import Foundation

/// The state and the API semantics of ``FakeKubeAPIServer``, as recorded from kube-apiserver
/// v1.36 (see `Fixtures/kube-wire/README.md`): resourceVersions shared by all kinds,
/// generation bumps on spec changes only, status subresources, finalizers, merge patches
/// with resourceVersion preconditions, server-side apply, watches with bookmarks, the
/// initial-events-end bookmark and 410 for too-old versions, list paging.
package actor FakeKubeStore {
    struct Resource: Sendable {
        var group: String
        var version: String
        var plural: String
        var kind: String
        var namespaced: Bool
        var hasStatus: Bool
        var isCustom: Bool
        var qualified: String { group.isEmpty ? plural : "\(plural).\(group)" }
    }

    struct StoredKey: Hashable, Sendable {
        var plural: String
        var namespace: String
        var name: String
    }

    struct LoggedEvent: Sendable {
        var version: Int
        var type: String
        var plural: String
        var object: JSONValue
    }

    /// A scripted misbehaviour for the next request whose method and path match.
    struct Fault: Sendable {
        var method: String?
        var pathSuffix: String
        var response: FakeResponse
    }

    static let resources: [Resource] = [
        Resource(
            group: "image.toolkit.fluxcd.io", version: "v1", plural: "imagepolicies", kind: "ImagePolicy", namespaced: true, hasStatus: true,
            isCustom: true),
        Resource(
            group: "image.toolkit.fluxcd.io", version: "v1", plural: "imagerepositories", kind: "ImageRepository", namespaced: true, hasStatus: true,
            isCustom: true),
        Resource(
            group: "image.toolkit.fluxcd.io", version: "v1", plural: "imageupdateautomations", kind: "ImageUpdateAutomation", namespaced: true,
            hasStatus: true,
            isCustom: true),
        Resource(
            group: "source.toolkit.fluxcd.io", version: "v1", plural: "gitrepositories", kind: "GitRepository", namespaced: true, hasStatus: true,
            isCustom: true),
        Resource(
            group: "notification.toolkit.fluxcd.io", version: "v1beta3", plural: "alerts", kind: "Alert", namespaced: true, hasStatus: false, isCustom: true),
        Resource(
            group: "notification.toolkit.fluxcd.io", version: "v1beta3", plural: "providers", kind: "Provider", namespaced: true, hasStatus: false,
            isCustom: true),
        Resource(
            group: "notification.toolkit.fluxcd.io", version: "v1", plural: "receivers", kind: "Receiver", namespaced: true, hasStatus: true, isCustom: true),
        Resource(group: "coordination.k8s.io", version: "v1", plural: "leases", kind: "Lease", namespaced: true, hasStatus: false, isCustom: false),
        Resource(group: "events.k8s.io", version: "v1", plural: "events", kind: "Event", namespaced: true, hasStatus: false, isCustom: false),
        Resource(group: "", version: "v1", plural: "secrets", kind: "Secret", namespaced: true, hasStatus: false, isCustom: false),
        Resource(group: "", version: "v1", plural: "namespaces", kind: "Namespace", namespaced: false, hasStatus: false, isCustom: false),
        Resource(group: "", version: "v1", plural: "serviceaccounts", kind: "ServiceAccount", namespaced: true, hasStatus: false, isCustom: false),
        Resource(
            group: "apiextensions.k8s.io", version: "v1", plural: "customresourcedefinitions", kind: "CustomResourceDefinition", namespaced: false,
            hasStatus: true, isCustom: false),
        Resource(
            group: "rbac.authorization.k8s.io", version: "v1", plural: "clusterroles", kind: "ClusterRole", namespaced: false, hasStatus: false,
            isCustom: false),
        Resource(
            group: "rbac.authorization.k8s.io", version: "v1", plural: "clusterrolebindings", kind: "ClusterRoleBinding", namespaced: false,
            hasStatus: false,
            isCustom: false),
        Resource(
            group: "rbac.authorization.k8s.io", version: "v1", plural: "roles", kind: "Role", namespaced: true, hasStatus: false, isCustom: false),
        Resource(
            group: "rbac.authorization.k8s.io", version: "v1", plural: "rolebindings", kind: "RoleBinding", namespaced: true, hasStatus: false,
            isCustom: false),
        Resource(group: "apps", version: "v1", plural: "deployments", kind: "Deployment", namespaced: true, hasStatus: true, isCustom: false),
    ]

    /// Bearer token → user name. `admin` may do anything; others only what `grants` lists.
    var tokens: [String: String] = ["admin-token": "admin", "controller-token": "controller"]
    /// user → "verb resource" strings allowed (e.g. `list imagepolicies`).
    var grants: [String: Set<String>] = [:]
    /// Requests without credentials are this user (`admin` when the server requires client certificates).
    var anonymousUser = "system:anonymous"
    /// Served resources; a CRD-backed resource can be taken away to get plain-text 404s.
    var served: Set<String> = Set(resources.map(\.plural))
    /// The oldest resourceVersion a watch may start from (the watch cache window).
    var oldestWatchableVersion = 0
    /// After how many GETs a newly applied CRD reports Established=True.
    var crdEstablishedAfterGets = 1
    /// While false, changes are stored and logged but not sent to open watches.
    var deliverToWatchers = true

    var objects: [StoredKey: JSONValue] = [:]
    var version = 200
    var log: [LoggedEvent] = []
    var requests: [FakeRequest] = []
    var faults: [Fault] = []
    var watchers: [UUID: (plural: String, namespace: String?, selector: String?, continuation: AsyncStream<FakeResponse.StreamPart>.Continuation)] =
        [:]
    var crdGets: [String: Int] = [:]
    var uidCounter = 0

    package init() {}

    /// How many stored objects of a resource satisfy `predicate` (for benchmarks).
    package func count(_ plural: String, where predicate: @Sendable (JSONValue) -> Bool) -> Int {
        objects.reduce(0) { $0 + ($1.key.plural == plural && predicate($1.value) ? 1 : 0) }
    }

    /// How many requests the server has answered.
    package var requestCount: Int { requests.count }

    func setToken(_ token: String, user: String) { tokens[token] = user }
    func removeToken(_ token: String) { tokens[token] = nil }
    func grant(_ user: String, _ permissions: Set<String>) { grants[user, default: []].formUnion(permissions) }
    func setAnonymousUser(_ user: String) { anonymousUser = user }
    func setServed(_ plural: String, _ isServed: Bool) { if isServed { served.insert(plural) } else { served.remove(plural) } }
    func setOldestWatchableVersion(_ value: Int) { oldestWatchableVersion = value }
    func setCRDEstablishedAfterGets(_ value: Int) { crdEstablishedAfterGets = value }
    func setDeliverToWatchers(_ value: Bool) { deliverToWatchers = value }
    /// Makes the next write get resourceVersion `value + 1` (to line up with a recording).
    func setVersion(_ value: Int) { version = value }

    /// Queues a misbehaviour for the next matching request.
    func inject(_ response: FakeResponse, method: String? = nil, pathSuffix: String) {
        faults.append(Fault(method: method, pathSuffix: pathSuffix, response: response))
    }

    /// Compacts the event log: watches from a version before `version` get 410.
    func compact(before version: Int) {
        oldestWatchableVersion = version
        log.removeAll { $0.version < version }
    }

    /// Ends every open watch with the zero-length chunk, as the server does at `timeoutSeconds`.
    func closeAllWatches() {
        for (_, watcher) in watchers {
            watcher.continuation.yield(.end)
            watcher.continuation.finish()
        }
        watchers = [:]
    }

    /// Sends a BOOKMARK at the current version to every open watch.
    func sendBookmarks() {
        for (_, watcher) in watchers {
            guard let resource = Self.resources.first(where: { $0.plural == watcher.plural }) else { continue }
            watcher.continuation.yield(.chunk(Self.bookmarkLine(resource, version: version, initialEventsEnd: false)))
        }
    }

    var openWatchCount: Int { watchers.count }

    /// Puts an object in the store directly (as another client would), logging an event.
    @discardableResult
    package func seed(_ object: JSONValue, plural: String) -> JSONValue {
        guard let resource = Self.resources.first(where: { $0.plural == plural }), let name = object[path: ["metadata", "name"]]?.stringValue else {
            preconditionFailure("invariant: seeded objects name a known resource and have a name")
        }
        let namespace = resource.namespaced ? object[path: ["metadata", "namespace"]]?.stringValue ?? "default" : ""
        let key = StoredKey(plural: plural, namespace: namespace, name: name)
        let existing = objects[key]
        var stored = existing == nil ? prepareNew(object, resource, namespace: namespace) : object
        stored = stamp(stored)
        objects[key] = stored
        record(existing == nil ? "ADDED" : "MODIFIED", resource, stored)
        return stored
    }

    /// Deletes an object directly (as another client would).
    func remove(plural: String, namespace: String, name: String) {
        let key = StoredKey(plural: plural, namespace: namespace, name: name)
        guard let object = objects.removeValue(forKey: key), let resource = Self.resources.first(where: { $0.plural == plural }) else { return }
        version += 1
        record(
            "DELETED", resource, object.setting("metadata", to: (object["metadata"] ?? [:]).setting("resourceVersion", to: .string(String(version)))))
    }

    func object(_ plural: String, _ namespace: String, _ name: String) -> JSONValue? {
        objects[StoredKey(plural: plural, namespace: namespace, name: name)]
    }

    var currentVersion: String { String(version) }

    // MARK: - Requests

    func handle(_ request: FakeRequest) async -> FakeResponse {
        requests.append(request)
        if let index = faults.firstIndex(where: { ($0.method == nil || $0.method == request.method) && request.path.hasSuffix($0.pathSuffix) }) {
            return faults.remove(at: index).response
        }
        let user: String
        if let authorization = request.header("Authorization") {
            guard authorization.hasPrefix("Bearer "), let known = tokens[String(authorization.dropFirst(7))] else { return Self.unauthorized }
            user = known
        } else {
            user = anonymousUser
        }
        guard let route = Route(path: request.path),
            let resource = Self.resources.first(where: { $0.group == route.group && $0.version == route.version && $0.plural == route.plural }),
            served.contains(resource.plural)
        else { return Self.pageNotFound }
        let watching = request.query["watch"] == "true" || request.query["watch"] == "1"
        let verb: String
        switch request.method {
        case "GET": verb = watching ? "watch" : (route.name == nil ? "list" : "get")
        case "POST": verb = "create"
        case "PUT": verb = "update"
        case "PATCH": verb = "patch"
        case "DELETE": verb = "delete"
        default: return Self.pageNotFound
        }
        let resourceName = resource.plural + (route.subresource.map { "/\($0)" } ?? "")
        if user != "admin", !(grants[user]?.contains("\(verb) \(resourceName)") ?? false) {
            return Self.forbidden(
                user: user, verb: verb, resource: resource, resourceName: resourceName, name: route.name, namespace: route.namespace)
        }
        let namespace = route.namespace ?? ""
        switch (request.method, route.name) {
        case ("GET", nil):
            return watching ? watch(request, resource, namespace: route.namespace) : list(request, resource, namespace: route.namespace)
        case ("GET", let name?): return get(resource, namespace: namespace, name: name)
        case ("POST", nil): return create(request, resource, namespace: namespace)
        case ("PUT", let name?): return update(request, resource, namespace: namespace, name: name, subresource: route.subresource)
        case ("PATCH", let name?): return patch(request, resource, namespace: namespace, name: name, subresource: route.subresource)
        case ("DELETE", let name?): return delete(request, resource, namespace: namespace, name: name)
        default: return Self.pageNotFound
        }
    }

    struct Route {
        var group: String
        var version: String
        var namespace: String?
        var plural: String
        var name: String?
        var subresource: String?

        init?(path: String) {
            var parts = path.split(separator: "/").map(String.init)
            if parts.first == "api" {
                guard parts.count >= 3 else { return nil }
                group = ""
                version = parts[1]
                parts.removeFirst(2)
            } else if parts.first == "apis" {
                guard parts.count >= 4 else { return nil }
                group = parts[1]
                version = parts[2]
                parts.removeFirst(3)
            } else {
                return nil
            }
            if parts.first == "namespaces", parts.count >= 3 {
                namespace = parts[1]
                parts.removeFirst(2)
            }
            guard !parts.isEmpty, parts.count <= 3 else { return nil }
            plural = parts[0]
            name = parts.count > 1 ? parts[1] : nil
            subresource = parts.count > 2 ? parts[2] : nil
        }
    }

    // MARK: - Helpers shared by the verbs

    func nextUID() -> String {
        uidCounter += 1
        return String(format: "00000000-0000-4000-8000-%012d", uidCounter)
    }

    func stamp(_ object: JSONValue) -> JSONValue {
        version += 1
        let metadata = (object["metadata"] ?? [:]).setting("resourceVersion", to: .string(String(version)))
        return object.setting("metadata", to: metadata)
    }

    func record(_ type: String, _ resource: Resource, _ object: JSONValue) {
        let rv = Int(object[path: ["metadata", "resourceVersion"]]?.stringValue ?? "") ?? version
        log.append(LoggedEvent(version: rv, type: type, plural: resource.plural, object: object))
        let line = Self.eventLine(type, object)
        let namespace = object[path: ["metadata", "namespace"]]?.stringValue
        let labels = Self.labels(object)
        guard deliverToWatchers else { return }
        for (_, watcher) in watchers where watcher.plural == resource.plural {
            if let wanted = watcher.namespace, wanted != namespace { continue }
            if let selector = watcher.selector, !Self.matches(selector: selector, labels: labels) { continue }
            watcher.continuation.yield(.chunk(line))
        }
    }

    func prepareNew(_ object: JSONValue, _ resource: Resource, namespace: String) -> JSONValue {
        var metadata = object["metadata"] ?? [:]
        if resource.namespaced { metadata = metadata.setting("namespace", to: .string(namespace)) }
        metadata = metadata.setting("uid", to: .string(nextUID())).setting("creationTimestamp", to: "2026-11-22T04:11:54Z")
        var result = object.setting("metadata", to: metadata)
        if resource.isCustom || resource.plural == "customresourcedefinitions" || resource.plural == "deployments" {
            result = result.setting("metadata", to: metadata.setting("generation", to: 1))
        }
        if resource.isCustom { result = Self.applyDefaults(result, resource) }
        return result
    }

    static func applyDefaults(_ object: JSONValue, _ resource: Resource) -> JSONValue {
        var spec = object["spec"] ?? [:]
        switch resource.plural {
        case "imagepolicies":
            if spec["digestReflectionPolicy"] == nil { spec = spec.setting("digestReflectionPolicy", to: "Never") }
        case "imagerepositories":
            if spec["provider"] == nil { spec = spec.setting("provider", to: "generic") }
            if spec["exclusionList"] == nil { spec = spec.setting("exclusionList", to: ["^.*\\.sig$"]) }
        case "imageupdateautomations":
            if spec["update"] == nil { spec = spec.setting("update", to: ["strategy": "Setters"]) }
        default: break
        }
        var result = object.setting("spec", to: spec)
        if result["status"] == nil { result = result.setting("status", to: ["observedGeneration": -1]) }
        return result
    }

    static func labels(_ object: JSONValue) -> [String: String] {
        var labels: [String: String] = [:]
        for (key, value) in object[path: ["metadata", "labels"]]?.objectMembers ?? [] { labels[key] = value.stringValue ?? "" }
        return labels
    }

    /// Equality (`k=v`, `k==v`, `k!=v`), existence (`k`, `!k`) and `k in (a,b)` / `k notin (a,b)`.
    static func matches(selector: String, labels: [String: String]) -> Bool {
        var requirements: [String] = []
        var depth = 0
        var current = ""
        for character in selector {
            if character == "(" { depth += 1 }
            if character == ")" { depth -= 1 }
            if character == ",", depth == 0 {
                requirements.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        requirements.append(current)
        for raw in requirements {
            let requirement = raw.trimmingCharacters(in: .whitespaces)
            if requirement.isEmpty { continue }
            if let range = requirement.range(of: " notin (") {
                let key = String(requirement[..<range.lowerBound])
                let values = requirement[range.upperBound...].dropLast().split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                if let value = labels[key], values.contains(value) { return false }
            } else if let range = requirement.range(of: " in (") {
                let key = String(requirement[..<range.lowerBound])
                let values = requirement[range.upperBound...].dropLast().split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                guard let value = labels[key], values.contains(value) else { return false }
            } else if let range = requirement.range(of: "!=") {
                if labels[String(requirement[..<range.lowerBound])] == String(requirement[range.upperBound...]) { return false }
            } else if let range = requirement.range(of: "==") ?? requirement.range(of: "=") {
                if labels[String(requirement[..<range.lowerBound])] != String(requirement[range.upperBound...]) { return false }
            } else if requirement.hasPrefix("!") {
                if labels[String(requirement.dropFirst())] != nil { return false }
            } else if labels[requirement] == nil {
                return false
            }
        }
        return true
    }
}
