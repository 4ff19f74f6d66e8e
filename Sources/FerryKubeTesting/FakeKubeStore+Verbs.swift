import FerryCore
import FerryKubernetes
import Foundation

extension FakeKubeStore {
    func respond(_ resource: Resource, _ object: JSONValue, code: Int = 200) -> FakeResponse {
        Self.ok(resource.isCustom ? object.sortedKeys : object, code: code)
    }

    func get(_ resource: Resource, namespace: String, name: String) -> FakeResponse {
        guard var object = objects[StoredKey(plural: resource.plural, namespace: namespace, name: name)] else { return Self.notFound(resource, name) }
        if resource.plural == "customresourcedefinitions", object[path: ["status", "conditions"]] == nil {
            crdGets[name, default: 0] += 1
            if crdGets[name, default: 0] >= crdEstablishedAfterGets {
                object = object.setting(
                    "status",
                    to: [
                        "conditions": [
                            ["type": "NamesAccepted", "status": "True", "reason": "NoConflicts", "message": "no conflicts found"],
                            [
                                "type": "Established", "status": "True", "reason": "InitialNamesAccepted",
                                "message": "the initial names have been accepted",
                            ],
                        ]
                    ])
                objects[StoredKey(plural: resource.plural, namespace: namespace, name: name)] = object
            } else {
                object = object.setting(
                    "status",
                    to: [
                        "conditions": [
                            ["type": "Established", "status": "False", "reason": "Installing", "message": "the initial names have been accepted"]
                        ]
                    ])
            }
        }
        return respond(resource, object)
    }

    func list(_ request: FakeRequest, _ resource: Resource, namespace: String?) -> FakeResponse {
        var items = objects.filter { $0.key.plural == resource.plural && (namespace == nil || $0.key.namespace == namespace) }
            .sorted { ($0.key.namespace, $0.key.name) < ($1.key.namespace, $1.key.name) }.map(\.value)
        if let selector = request.query["labelSelector"] { items = items.filter { Self.matches(selector: selector, labels: Self.labels($0)) } }
        if let field = request.query["fieldSelector"], let equals = field.firstIndex(of: "=") {
            let key = field[..<equals]
            let value = String(field[field.index(after: equals)...])
            items = items.filter { key == "metadata.name" ? $0[path: ["metadata", "name"]]?.stringValue == value : true }
        }
        var listVersion = version
        var start = 0
        if let token = request.query["continue"], !token.isEmpty {
            guard let decoded = Data(base64Encoded: token), let parsed = try? JSONValue(parsing: Array(decoded)),
                let rv = parsed["rv"]?.integerValue, let offset = parsed["start"]?.integerValue
            else { return Self.status(400, "BadRequest", "continue key is not valid: illegal base64 data") }
            guard Int(rv) >= oldestWatchableVersion else {
                return Self.status(
                    410, "Expired",
                    "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list."
                )
            }
            listVersion = Int(rv)
            start = Int(offset)
        }
        if request.query["resourceVersionMatch"] == "Exact", let rv = Int(request.query["resourceVersion"] ?? ""), rv < oldestWatchableVersion {
            return Self.status(410, "Expired", "The resourceVersion for the provided list is too old.")
        }
        var metadata: [(String, JSONValue)] = []
        let limit = request.query["resourceVersion"] == "0" ? nil : request.query["limit"].flatMap { Int($0) }
        var page = Array(items.dropFirst(start))
        if let limit, limit > 0, page.count > limit {
            let remaining = page.count - limit
            page = Array(page.prefix(limit))
            let token: JSONValue = ["v": "meta.k8s.io/v1", "rv": .integer(Int64(listVersion)), "start": .integer(Int64(start + limit))]
            metadata.append(("continue", .string(Data(token.jsonBytes).base64EncodedString())))
            metadata.append(("remainingItemCount", .integer(Int64(remaining))))
        } else if resource.isCustom {
            metadata.append(("continue", ""))
        }
        metadata.append(("resourceVersion", .string(String(listVersion))))
        let apiVersion = resource.group.isEmpty ? resource.version : "\(resource.group)/\(resource.version)"
        let body: JSONValue = [
            "apiVersion": .string(apiVersion), "items": .array(page), "kind": .string(resource.kind + "List"), "metadata": .object(metadata),
        ]
        return respond(resource, body)
    }

    func create(_ request: FakeRequest, _ resource: Resource, namespace: String) -> FakeResponse {
        guard let body = try? JSONValue(parsing: request.body) else {
            return Self.status(400, "BadRequest", "error decoding the request body")
        }
        if let problem = microTimeProblem(body, resource) { return problem }
        guard let name = body[path: ["metadata", "name"]]?.stringValue, !name.isEmpty else {
            return Self.invalid(
                resource, "", field: "metadata.name", reason: "FieldValueRequired", message: "Required value: name or generateName is required")
        }
        if let bodyNamespace = body[path: ["metadata", "namespace"]]?.stringValue, resource.namespaced, bodyNamespace != namespace {
            return Self.status(400, "BadRequest", "the namespace of the provided object does not match the namespace sent on the request")
        }
        let key = StoredKey(plural: resource.plural, namespace: namespace, name: name)
        if objects[key] != nil { return Self.alreadyExists(resource, name) }
        if resource.plural == "events", body["note"]?.stringValue.map({ $0.utf8.count > 1024 }) == true {
            return Self.invalid(
                resource, name, field: "note", reason: "FieldValueInvalid", message: "Invalid value: \"\": can have at most 1024 characters")
        }
        var stored = prepareNew(body, resource, namespace: namespace)
        stored = stamp(stored)
        objects[key] = stored
        record("ADDED", resource, stored)
        return respond(resource, stored, code: 201)
    }

    func update(_ request: FakeRequest, _ resource: Resource, namespace: String, name: String, subresource: String?) -> FakeResponse {
        guard let body = try? JSONValue(parsing: request.body) else { return Self.status(400, "BadRequest", "error decoding the request body") }
        if let problem = microTimeProblem(body, resource) { return problem }
        let key = StoredKey(plural: resource.plural, namespace: namespace, name: name)
        guard let current = objects[key] else { return Self.notFound(resource, name) }
        guard let requested = body[path: ["metadata", "resourceVersion"]]?.stringValue else {
            return Self.status(
                422, "Invalid",
                "\(resource.qualified) \"\(name)\" is invalid: metadata.resourceVersion: Invalid value: 0: must be specified for an update",
                details: Self.details(
                    resource, name: name,
                    causes: [
                        [
                            "reason": "FieldValueInvalid", "message": "Invalid value: 0: must be specified for an update",
                            "field": "metadata.resourceVersion",
                        ]
                    ]))
        }
        guard requested == current[path: ["metadata", "resourceVersion"]]?.stringValue else { return Self.conflict(resource, name) }
        var next: JSONValue
        if subresource == "status" {
            next = current.setting("status", to: body["status"] ?? .null)
        } else {
            let keptMetadata = ["uid", "creationTimestamp", "generation", "deletionTimestamp", "deletionGracePeriodSeconds"]
            var metadata = body["metadata"] ?? [:]
            for field in keptMetadata { if let value = current[path: ["metadata", field]] { metadata = metadata.setting(field, to: value) } }
            next = body.setting("metadata", to: metadata)
            if resource.hasStatus { next = next.setting("status", to: current["status"] ?? .null) }
            if resource.isCustom { next = Self.applyDefaults(next, resource) }
        }
        return commit(resource, key: key, current: current, next: next)
    }

    func patch(_ request: FakeRequest, _ resource: Resource, namespace: String, name: String, subresource: String?) -> FakeResponse {
        let contentType = request.header("Content-Type") ?? ""
        let key = StoredKey(plural: resource.plural, namespace: namespace, name: name)
        guard let body = try? JSONValue(parsing: request.body) else { return Self.status(400, "BadRequest", "error decoding the patch") }
        switch contentType {
        case "application/merge-patch+json":
            guard let current = objects[key] else { return Self.notFound(resource, name) }
            if let requested = body[path: ["metadata", "resourceVersion"]]?.stringValue,
                requested != current[path: ["metadata", "resourceVersion"]]?.stringValue
            {
                return Self.conflict(resource, name)
            }
            var next: JSONValue
            if subresource == "status" {
                next = current.setting("status", to: (current["status"] ?? [:]).applyingMergePatch(body["status"] ?? [:]))
            } else {
                next = current.applyingMergePatch(body.removing("status"))
                if resource.hasStatus { next = next.setting("status", to: current["status"] ?? .null) }
            }
            if let problem = microTimeProblem(next, resource) { return problem }
            return commit(resource, key: key, current: current, next: next)
        case "application/apply-patch+yaml":
            guard request.query["fieldManager"] != nil else {
                return Self.status(
                    422, "Invalid", "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch",
                    details: [
                        "group": "meta.k8s.io", "kind": "PatchOptions",
                        "causes": [
                            [
                                "reason": "FieldValueRequired", "message": "Required value: is required for apply patch", "field": "fieldManager",
                            ]
                        ],
                    ])
            }
            guard let current = objects[key] else {
                var stored = prepareNew(body, resource, namespace: namespace)
                stored = stamp(stored)
                objects[key] = stored
                record("ADDED", resource, stored)
                return respond(resource, stored, code: 201)
            }
            let next =
                subresource == "status"
                ? current.setting("status", to: body["status"] ?? .null) : current.applyingMergePatch(body.removing("status"))
            return commit(resource, key: key, current: current, next: next)
        case "application/json-patch+json":
            guard let current = objects[key] else { return Self.notFound(resource, name) }
            guard let next = Self.applyJSONPatch(body, to: current) else {
                return Self.status(422, "Invalid", "the server rejected our request due to an error in our request", details: [:])
            }
            return commit(
                resource, key: key, current: current, next: subresource == "status" ? current.setting("status", to: next["status"] ?? .null) : next)
        case "application/strategic-merge-patch+json" where resource.isCustom:
            return Self.status(
                415, "UnsupportedMediaType",
                "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml"
            )
        default:
            return Self.status(415, "UnsupportedMediaType", "the body of the request was in an unknown format")
        }
    }

    /// Stores a change: generation on spec change, finalizer rules while deleting, removal
    /// when the last finalizer of a deleting object goes.
    func commit(_ resource: Resource, key: StoredKey, current: JSONValue, next proposed: JSONValue) -> FakeResponse {
        var next = proposed
        let deleting = current[path: ["metadata", "deletionTimestamp"]] != nil
        let oldFinalizers = Set(current[path: ["metadata", "finalizers"]]?.arrayElements?.compactMap(\.stringValue) ?? [])
        let newFinalizers = next[path: ["metadata", "finalizers"]]?.arrayElements?.compactMap(\.stringValue) ?? []
        if deleting, let added = newFinalizers.first(where: { !oldFinalizers.contains($0) }) {
            let message = "Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{\"\(added)\"}"
            return Self.invalid(resource, key.name, field: "metadata.finalizers", reason: "FieldValueForbidden", message: message, repeated: 2)
        }
        if resource.isCustom, current["spec"] != next["spec"] {
            let generation = current[path: ["metadata", "generation"]]?.integerValue ?? 1
            next = next.setting("metadata", to: (next["metadata"] ?? [:]).setting("generation", to: .integer(generation + 1)))
        }
        if next == current { return respond(resource, current) }
        if deleting, newFinalizers.isEmpty {
            objects[key] = nil
            version += 1
            let final = next.setting("metadata", to: (next["metadata"] ?? [:]).removing("finalizers"))
            record(
                "DELETED", resource,
                final.setting("metadata", to: (final["metadata"] ?? [:]).setting("resourceVersion", to: .string(String(version)))))
            return respond(resource, final)
        }
        next = stamp(next)
        objects[key] = next
        record("MODIFIED", resource, next)
        return respond(resource, next)
    }

    func delete(_ request: FakeRequest, _ resource: Resource, namespace: String, name: String) -> FakeResponse {
        let key = StoredKey(plural: resource.plural, namespace: namespace, name: name)
        guard let current = objects[key] else { return Self.notFound(resource, name) }
        if let options = try? JSONValue(parsing: request.body), let required = options[path: ["preconditions", "resourceVersion"]]?.stringValue,
            required != current[path: ["metadata", "resourceVersion"]]?.stringValue
        {
            return Self.status(
                409, "Conflict",
                "Operation cannot be fulfilled on \(resource.qualified) \"\(name)\": the ResourceVersion in the precondition (\(required)) does not match the ResourceVersion in record (\(current[path: ["metadata", "resourceVersion"]]?.stringValue ?? "")). The object might have been modified",
                details: Self.details(resource, name: name, kind: resource.kind))
        }
        let finalizers = current[path: ["metadata", "finalizers"]]?.arrayElements ?? []
        if !finalizers.isEmpty {
            if current[path: ["metadata", "deletionTimestamp"]] != nil { return respond(resource, current) }
            var metadata = current["metadata"] ?? [:]
            metadata = metadata.setting("deletionGracePeriodSeconds", to: 0).setting("deletionTimestamp", to: "2026-11-22T04:13:19Z")
            if resource.isCustom {
                metadata = metadata.setting("generation", to: .integer((current[path: ["metadata", "generation"]]?.integerValue ?? 1) + 1))
            }
            let next = stamp(current.setting("metadata", to: metadata))
            objects[key] = next
            record("MODIFIED", resource, next)
            return respond(resource, next)
        }
        objects[key] = nil
        version += 1
        record(
            "DELETED", resource,
            current.setting("metadata", to: (current["metadata"] ?? [:]).setting("resourceVersion", to: .string(String(version)))))
        var details: [(String, JSONValue)] = [("name", .string(name))]
        if !resource.group.isEmpty { details.append(("group", .string(resource.group))) }
        details += [("kind", .string(resource.plural)), ("uid", current[path: ["metadata", "uid"]] ?? "")]
        return Self.ok(["kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Success", "details": .object(details)])
    }

    /// RFC 6902 `test`, `add`, `remove` and `replace` on object members; nil when an operation fails.
    static func applyJSONPatch(_ patch: JSONValue, to document: JSONValue) -> JSONValue? {
        var result = document
        for operation in patch.arrayElements ?? [] {
            guard let op = operation["op"]?.stringValue, let path = operation["path"]?.stringValue else { return nil }
            let keys = path.split(separator: "/").map { $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~") }
            func update(_ node: JSONValue, _ rest: ArraySlice<String>) -> JSONValue? {
                guard let key = rest.first else { return nil }
                if rest.count == 1 {
                    switch op {
                    case "test": return node[key] == operation["value"] ? node : nil
                    case "remove": return node[key] == nil ? nil : node.removing(key)
                    case "replace": return node[key] == nil ? nil : node.setting(key, to: operation["value"] ?? .null)
                    case "add": return node.setting(key, to: operation["value"] ?? .null)
                    default: return nil
                    }
                }
                guard let child = node[key], let changed = update(child, rest.dropFirst()) else { return nil }
                return node.setting(key, to: changed)
            }
            guard let next = update(result, keys[...]) else { return nil }
            result = next
        }
        return result
    }

    /// MicroTime fields must have exactly six fractional digits (400 otherwise).
    func microTimeProblem(_ object: JSONValue, _ resource: Resource) -> FakeResponse? {
        let fields: [[String]] =
            switch resource.plural {
            case "leases": [["spec", "acquireTime"], ["spec", "renewTime"]]
            case "events": [["eventTime"], ["series", "lastObservedTime"]]
            default: []
            }
        for path in fields {
            guard let text = object[path: path]?.stringValue else { continue }
            let fraction = text.split(separator: ".").dropFirst().first.map { $0.prefix { $0.isNumber } } ?? ""
            if fraction.count != 6 { return Self.badMicroTime(resource.kind, text) }
        }
        return nil
    }
}
