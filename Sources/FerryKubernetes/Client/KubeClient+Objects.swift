public import FerryCore
import Foundation
import Logging
import NIOHTTP1

/// The body types of a PATCH.
public enum PatchType: String, Sendable, Hashable, CaseIterable {
    /// RFC 7386 JSON merge patch: `application/merge-patch+json`.
    case merge = "application/merge-patch+json"
    /// RFC 6902 JSON patch: `application/json-patch+json`.
    case json = "application/json-patch+json"
    /// Server-side apply: `application/apply-patch+yaml` (a JSON body is YAML too).
    case apply = "application/apply-patch+yaml"
    /// Strategic merge patch, built-in types only: `application/strategic-merge-patch+json`.
    case strategicMerge = "application/strategic-merge-patch+json"
}

/// Query parameters of a list.
public struct ListOptions: Sendable, Hashable {
    /// `labelSelector`, e.g. `app=podinfo,sharding.fluxcd.io/shard=shard1`.
    public var labelSelector: String?
    /// `fieldSelector`, e.g. `metadata.name=podinfo`.
    public var fieldSelector: String?
    /// `limit`: the page size.
    public var limit: Int?
    /// `continue`: the token from the previous page.
    public var continueToken: String?
    /// `resourceVersion`: `0` serves from the watch cache (and ignores `limit`).
    public var resourceVersion: String?
    /// `resourceVersionMatch`: `Exact` or `NotOlderThan`.
    public var resourceVersionMatch: String?

    /// Creates options.
    public init(
        labelSelector: String? = nil, fieldSelector: String? = nil, limit: Int? = nil, continueToken: String? = nil,
        resourceVersion: String? = nil, resourceVersionMatch: String? = nil
    ) {
        self.labelSelector = labelSelector
        self.fieldSelector = fieldSelector
        self.limit = limit
        self.continueToken = continueToken
        self.resourceVersion = resourceVersion
        self.resourceVersionMatch = resourceVersionMatch
    }

    var query: [(String, String)] {
        var query: [(String, String)] = []
        if let labelSelector, !labelSelector.isEmpty { query.append(("labelSelector", labelSelector)) }
        if let fieldSelector, !fieldSelector.isEmpty { query.append(("fieldSelector", fieldSelector)) }
        if let limit { query.append(("limit", String(limit))) }
        if let continueToken, !continueToken.isEmpty { query.append(("continue", continueToken)) }
        if let resourceVersion { query.append(("resourceVersion", resourceVersion)) }
        if let resourceVersionMatch { query.append(("resourceVersionMatch", resourceVersionMatch)) }
        return query
    }
}

/// One page of a list: `items` and `metadata`.
public struct ObjectList<Item: Decodable & Sendable>: Decodable, Sendable {
    /// `items`.
    public var items: [Item]
    /// `metadata`.
    public var metadata: ListMeta

    /// Creates a list.
    public init(items: [Item], metadata: ListMeta) {
        self.items = items
        self.metadata = metadata
    }

    private enum CodingKeys: String, CodingKey { case items, metadata }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        items = try container.decodeIfPresent([Item].self, forKey: .items) ?? []
        metadata = try container.decodeIfPresent(ListMeta.self, forKey: .metadata) ?? ListMeta()
    }
}

/// The body of a DELETE: preconditions and propagation.
public struct DeleteOptions: Sendable, Hashable {
    /// `preconditions.resourceVersion`.
    public var resourceVersion: String?
    /// `preconditions.uid`.
    public var uid: String?
    /// `propagationPolicy`: `Background`, `Foreground` or `Orphan`.
    public var propagationPolicy: String?

    /// Creates options.
    public init(resourceVersion: String? = nil, uid: String? = nil, propagationPolicy: String? = nil) {
        self.resourceVersion = resourceVersion
        self.uid = uid
        self.propagationPolicy = propagationPolicy
    }

    var json: JSONValue {
        var members: [(String, JSONValue)] = [("kind", "DeleteOptions"), ("apiVersion", "v1")]
        var preconditions: [(String, JSONValue)] = []
        if let resourceVersion { preconditions.append(("resourceVersion", .string(resourceVersion))) }
        if let uid { preconditions.append(("uid", .string(uid))) }
        if !preconditions.isEmpty { members.append(("preconditions", .object(preconditions))) }
        if let propagationPolicy { members.append(("propagationPolicy", .string(propagationPolicy))) }
        return .object(members)
    }
}

/// What a DELETE returned: a `Status` (the object is gone) or the object (finalizers keep it).
public enum DeleteResult: Sendable, Hashable {
    /// The object is gone; the Status with its `details.uid`.
    case deleted(KubeStatus)
    /// Deletion started but finalizers hold the object; it now has `deletionTimestamp`.
    case pending(JSONValue)
}

extension KubeClient {
    /// The path of a collection or an object: `/apis/GROUP/VERSION[/namespaces/NS]/PLURAL[/NAME[/SUB]]`.
    public static func path(_ resource: APIResourceKind, namespace: String?, name: String? = nil, subresource: String? = nil) -> String {
        var path = resource.group.isEmpty ? "/api/\(resource.version)" : "/apis/\(resource.group)/\(resource.version)"
        if resource.namespaced, let namespace, !namespace.isEmpty { path += "/namespaces/\(namespace)" }
        path += "/\(resource.plural)"
        if let name { path += "/\(name)" }
        if let subresource { path += "/\(subresource)" }
        return path
    }

    static func describe(_ verb: String, _ resource: APIResourceKind, name: String?, namespace: String?, subresource: String? = nil) -> String {
        var text = "\(verb) \(resource.plural)" + (subresource.map { "/\($0)" } ?? "")
        if let name { text += " \"\(name)\"" }
        if resource.namespaced { text += namespace.map { $0.isEmpty ? " in all namespaces" : " in namespace \"\($0)\"" } ?? " in all namespaces" }
        return text
    }

    /// Reads one object.
    public func get<T: Decodable & Sendable>(_ type: T.Type, _ resource: APIResourceKind, name: String, namespace: String?) async throws -> T {
        let request = KubeRequest(
            method: .GET, path: Self.path(resource, namespace: namespace, name: name),
            operation: Self.describe("get", resource, name: name, namespace: namespace))
        return try decode(type, try await send(request), request)
    }

    /// Reads one page of a list.
    public func list<T: Decodable & Sendable>(
        _ type: T.Type, _ resource: APIResourceKind, namespace: String?, options: ListOptions = ListOptions()
    )
        async throws -> ObjectList<T>
    {
        let request = KubeRequest(
            method: .GET, path: Self.path(resource, namespace: namespace), query: options.query,
            operation: Self.describe("list", resource, name: nil, namespace: namespace))
        return try decode(ObjectList<T>.self, try await send(request), request)
    }

    /// Reads every page of a list (`limit` per page, following `continue`). A 410 for an
    /// expired continue token starts the list again, once. The returned metadata holds the
    /// resourceVersion of the first page, to watch from.
    public func listAll<T: Decodable & Sendable>(
        _ type: T.Type, _ resource: APIResourceKind, namespace: String?, options: ListOptions = ListOptions(),
        pageSize: Int = 500
    ) async throws -> ObjectList<T> {
        var restarted = false
        while true {
            var items: [T] = []
            var page = options
            page.limit = page.limit ?? pageSize
            var firstVersion: String?
            do {
                while true {
                    let result = try await list(type, resource, namespace: namespace, options: page)
                    items += result.items
                    if firstVersion == nil { firstVersion = result.metadata.resourceVersion }
                    guard let token = result.metadata.continue, !token.isEmpty else { break }
                    page.continueToken = token
                    page.resourceVersion = nil
                    page.resourceVersionMatch = nil
                }
            } catch let error as KubeAPIError where error.isGone && !restarted && page.continueToken != nil {
                restarted = true
                continue
            }
            return ObjectList(items: items, metadata: ListMeta(resourceVersion: firstVersion, continue: "", remainingItemCount: nil))
        }
    }

    /// Creates an object (POST); returns it as stored, with defaults applied.
    public func create<T: Codable & Sendable>(
        _ object: T, _ resource: APIResourceKind, namespace: String?, fieldManager: String? = nil
    ) async throws -> T {
        var request = KubeRequest(
            method: .POST, path: Self.path(resource, namespace: namespace), body: try encode(object),
            operation: Self.describe("create", resource, name: nil, namespace: namespace))
        if let fieldManager { request.query.append(("fieldManager", fieldManager)) }
        return try decode(T.self, try await send(request), request)
    }

    /// Replaces an object or its `status` (PUT). The object must carry the current
    /// `metadata.resourceVersion`; a stale one gets a 409 Conflict.
    public func update<T: Codable & Sendable>(
        _ object: T, _ resource: APIResourceKind, name: String, namespace: String?, subresource: String? = nil,
        fieldManager: String? = nil
    ) async throws -> T {
        var request = KubeRequest(
            method: .PUT, path: Self.path(resource, namespace: namespace, name: name, subresource: subresource), body: try encode(object),
            operation: Self.describe("update", resource, name: name, namespace: namespace, subresource: subresource))
        if let fieldManager { request.query.append(("fieldManager", fieldManager)) }
        return try decode(T.self, try await send(request), request)
    }

    /// Patches an object or its `status`. A merge patch that carries `metadata.resourceVersion`
    /// is a precondition (409 when stale). `force` is for server-side apply conflicts.
    public func patch<T: Decodable & Sendable>(
        _ type: T.Type, _ resource: APIResourceKind, name: String, namespace: String?, patch: JSONValue, patchType: PatchType = .merge,
        subresource: String? = nil, fieldManager: String? = nil, force: Bool = false
    ) async throws -> T {
        var request = KubeRequest(
            method: .PATCH, path: Self.path(resource, namespace: namespace, name: name, subresource: subresource), body: patch.jsonBytes,
            contentType: patchType.rawValue,
            operation: Self.describe(patchType == .apply ? "apply" : "patch", resource, name: name, namespace: namespace, subresource: subresource))
        if let fieldManager { request.query.append(("fieldManager", fieldManager)) }
        if force { request.query.append(("force", "true")) }
        return try decode(type, try await send(request), request)
    }

    /// Server-side apply of a manifest (`application/apply-patch+yaml` with a JSON body).
    public func apply(
        _ manifest: JSONValue, _ resource: APIResourceKind, namespace: String?, fieldManager: String, force: Bool = true,
        subresource: String? = nil
    ) async throws -> JSONValue {
        guard let name = manifest[path: ["metadata", "name"]]?.stringValue else {
            throw KubeClientError.decoding("apply \(resource.plural)", "the manifest has no metadata.name")
        }
        return try await patch(
            JSONValue.self, resource, name: name, namespace: namespace, patch: manifest, patchType: .apply, subresource: subresource,
            fieldManager: fieldManager, force: force)
    }

    /// Deletes an object. Returns `.deleted` with the Status when it is gone, or `.pending`
    /// with the object when finalizers hold it.
    public func delete(_ resource: APIResourceKind, name: String, namespace: String?, options: DeleteOptions? = nil) async throws -> DeleteResult {
        let request = KubeRequest(
            method: .DELETE, path: Self.path(resource, namespace: namespace, name: name), body: options.map { $0.json.jsonBytes },
            operation: Self.describe("delete", resource, name: name, namespace: namespace))
        let response = try await send(request)
        let value = try decode(JSONValue.self, response, request)
        if value["kind"]?.stringValue == "Status" {
            return .deleted(try JSONDecoder().decode(KubeStatus.self, from: Data(response.body)))
        }
        return .pending(value)
    }

    /// Runs `body` again, up to `attempts` times, while it throws a 409 Conflict: `body` must
    /// read the object afresh each time (client-go's `RetryOnConflict`, 10 ms steps, jittered).
    public func retryOnConflict<Result: Sendable>(attempts: Int = 5, _ body: () async throws -> Result) async throws -> Result {
        var attempt = 0
        while true {
            do {
                return try await body()
            } catch let error as KubeAPIError where error.isConflict && attempt + 1 < attempts {
                attempt += 1
                logger.debug("retrying on conflict", metadata: ["kube.operation": "\(error.operation)", "kube.attempt": "\(attempt)"])
                try await retry.sleep(.milliseconds(10 + Int.random(in: 0...1)))
            }
        }
    }

    func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        if let json = value as? JSONValue { return json.jsonBytes }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return Array(try encoder.encode(value))
    }

    func decode<T: Decodable>(_ type: T.Type, _ response: KubeResponse, _ request: KubeRequest) throws -> T {
        if T.self == JSONValue.self {
            do {
                guard let value = try JSONValue(parsing: response.body) as? T else { preconditionFailure("invariant: T is JSONValue") }
                return value
            } catch {
                throw KubeClientError.decoding(request.operation, "the response is not JSON (\(error))")
            }
        }
        do {
            return try JSONDecoder().decode(type, from: Data(response.body))
        } catch {
            throw KubeClientError.decoding(request.operation, "the response does not match \(T.self) (\(Self.describeDecoding(error)))")
        }
    }

    static func describeDecoding(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            return "missing \((context.codingPath + [key]).map(\.stringValue).joined(separator: "."))"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context), DecodingError.dataCorrupted(let context):
            return "\(context.codingPath.map(\.stringValue).joined(separator: ".")): \(context.debugDescription)"
        default:
            return "\(error)"
        }
    }
}
