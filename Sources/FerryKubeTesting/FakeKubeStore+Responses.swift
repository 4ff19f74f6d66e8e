import FerryKubernetes
import Foundation

/// Response bodies, byte for byte in the shapes recorded from kube-apiserver v1.36.
extension FakeKubeStore {
    static let json = [("Content-Type", "application/json")]

    static func status(_ code: Int, _ reason: String?, _ message: String, details: JSONValue? = nil, headers: [(String, String)] = []) -> FakeResponse
    {
        var members: [(String, JSONValue)] = [
            ("kind", "Status"), ("apiVersion", "v1"), ("metadata", [:]), ("status", "Failure"), ("message", .string(message)),
        ]
        if let reason { members.append(("reason", .string(reason))) }
        if let details { members.append(("details", details)) }
        members.append(("code", .integer(Int64(code))))
        return .full(status: code, headers: json + headers, body: Array((JSONValue.object(members).goJSONText + "\n").utf8))
    }

    static func details(_ resource: Resource, name: String?, kind: String? = nil, causes: [JSONValue]? = nil) -> JSONValue {
        var members: [(String, JSONValue)] = []
        if let name { members.append(("name", .string(name))) }
        if !resource.group.isEmpty { members.append(("group", .string(resource.group))) }
        members.append(("kind", .string(kind ?? resource.plural)))
        if let causes { members.append(("causes", .array(causes))) }
        return .object(members)
    }

    static func ok(_ value: JSONValue, code: Int = 200, headers: [(String, String)] = []) -> FakeResponse {
        .full(status: code, headers: json + headers, body: Array((value.goJSONText + "\n").utf8))
    }

    static var unauthorized: FakeResponse { status(401, "Unauthorized", "Unauthorized") }

    static var pageNotFound: FakeResponse {
        .full(
            status: 404, headers: [("Content-Type", "text/plain; charset=utf-8"), ("X-Content-Type-Options", "nosniff")],
            body: Array("404 page not found\n".utf8))
    }

    static func notFound(_ resource: Resource, _ name: String) -> FakeResponse {
        status(404, "NotFound", "\(resource.qualified) \"\(name)\" not found", details: details(resource, name: name))
    }

    static func alreadyExists(_ resource: Resource, _ name: String) -> FakeResponse {
        status(409, "AlreadyExists", "\(resource.qualified) \"\(name)\" already exists", details: details(resource, name: name))
    }

    static func conflict(_ resource: Resource, _ name: String) -> FakeResponse {
        status(
            409, "Conflict",
            "Operation cannot be fulfilled on \(resource.qualified) \"\(name)\": the object has been modified; please apply your changes to the latest version and try again",
            details: details(resource, name: name))
    }

    static func tooManyRequests() -> FakeResponse {
        status(429, "TooManyRequests", "storage is (re)initializing", details: ["retryAfterSeconds": 1], headers: [("Retry-After", "1")])
    }

    static func forbidden(user: String, verb: String, resource: Resource, resourceName: String, name: String?, namespace: String?) -> FakeResponse {
        let subject = name.map { "\(resource.qualified) \"\($0)\"" } ?? resource.qualified
        let scope = namespace.map { "in the namespace \"\($0)\"" } ?? "at the cluster scope"
        let message =
            "\(subject) is forbidden: User \"\(user)\" cannot \(verb) resource \"\(resourceName)\" in API group \"\(resource.group)\" \(scope)"
        var members: [(String, JSONValue)] = []
        if let name { members.append(("name", .string(name))) }
        if !resource.group.isEmpty { members.append(("group", .string(resource.group))) }
        members.append(("kind", .string(resource.plural)))
        return status(403, "Forbidden", message, details: .object(members), headers: [("X-Content-Type-Options", "nosniff")])
    }

    static func invalid(
        _ resource: Resource, _ name: String, field: String, reason: String, message: String, kind: String? = nil, repeated: Int = 1
    )
        -> FakeResponse
    {
        let cause: JSONValue = ["reason": .string(reason), "message": .string(message), "field": .string(field)]
        return status(
            422, "Invalid", "\(kind ?? resource.kind).\(resource.group) \"\(name)\" is invalid: \(field): \(message)",
            details: details(resource, name: name, kind: kind ?? resource.kind, causes: Array(repeating: cause, count: repeated)))
    }

    /// Go's `time.Parse` error for a MicroTime without exactly six fractional digits.
    static func badMicroTime(_ kind: String, _ text: String) -> FakeResponse {
        var got = "Z"
        var expected = ".000000"
        if let dot = text.firstIndex(of: ".") {
            let digits = text[text.index(after: dot)...].prefix { $0.isNumber }
            if digits.count > 6 {
                got = String(text[text.index(dot, offsetBy: 7)...])
                expected = "Z07:00"
            } else {
                got = String(text[dot...])
            }
        }
        return status(
            400, "BadRequest",
            "\(kind) in version \"v1\" cannot be handled as a \(kind): parsing time \"\(text)\" as \"2006-01-02T15:04:05.000000Z07:00\": cannot parse \"\(got)\" as \"\(expected)\""
        )
    }

    static func eventLine(_ type: String, _ object: JSONValue) -> [UInt8] {
        Array((JSONValue.object([("type", .string(type)), ("object", object)]).goJSONText + "\n").utf8)
    }

    static func bookmarkLine(_ resource: Resource, version: Int, initialEventsEnd: Bool) -> [UInt8] {
        var metadata: [(String, JSONValue)] = []
        if initialEventsEnd { metadata.append(("annotations", ["k8s.io/initial-events-end": "true"])) }
        metadata.append(("resourceVersion", .string(String(version))))
        let object: JSONValue = [
            "apiVersion": .string(resource.group.isEmpty ? resource.version : "\(resource.group)/\(resource.version)"),
            "kind": .string(resource.kind),
            "metadata": .object(metadata),
        ]
        return eventLine("BOOKMARK", object)
    }

    static func expiredLine(requested: Int, oldest: Int) -> [UInt8] {
        let status: JSONValue = [
            "kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Failure",
            "message": .string("too old resource version: \(requested) (\(oldest))"), "reason": "Expired", "code": 410,
        ]
        return eventLine("ERROR", status)
    }
}

extension JSONValue {
    /// JSON as Go's encoder writes it: `<`, `>` and `&` escaped as `\u003c`, `\u003e`, `\u0026`.
    var goJSONText: String {
        jsonText.replacingOccurrences(of: "<", with: "\\u003c").replacingOccurrences(of: ">", with: "\\u003e").replacingOccurrences(
            of: "&", with: "\\u0026")
    }

    /// A copy with object keys sorted at every level, as the API server returns custom resources.
    var sortedKeys: JSONValue {
        switch self {
        case .object(let members): return .object(members.map { ($0.0, $0.1.sortedKeys) }.sorted { $0.0 < $1.0 })
        case .array(let elements): return .array(elements.map(\.sortedKeys))
        default: return self
        }
    }
}
