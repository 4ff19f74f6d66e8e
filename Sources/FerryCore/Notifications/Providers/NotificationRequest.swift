/// One HTTP request a provider sends: the pure output of the payload builders, which the delivery adapter
/// performs. ``description`` never shows the path, query, headers or body, which may hold secrets.
public struct NotificationRequest: Sendable, Hashable, CustomStringConvertible {
    /// How the response is judged.
    public enum ResponseCheck: Sendable, Hashable {
        /// Any 2xx status is success (Flux's default validator).
        case successStatus
        /// Slack's `chat.postMessage`: the status is always 200, the JSON body's `ok` must be `true`.
        case slackAPI
    }

    /// `POST` or `PUT`.
    public var method: String
    /// The URL.
    public var url: WebAddress
    /// Header fields in order (names as Flux sets them).
    public var headers: [(name: String, value: String)]
    /// The body bytes.
    public var body: [UInt8]
    /// How the response is judged.
    public var responseCheck: ResponseCheck

    /// Creates a request.
    public init(method: String = "POST", url: WebAddress, headers: [(name: String, value: String)], body: [UInt8],
                responseCheck: ResponseCheck = .successStatus) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.responseCheck = responseCheck
    }

    /// A JSON request: `Content-Type: application/json` followed by `headers`.
    public static func json(_ payload: GoJSON, to url: WebAddress, method: String = "POST", headers: [(name: String, value: String)] = [],
                            responseCheck: ResponseCheck = .successStatus) -> NotificationRequest {
        NotificationRequest(method: method, url: url, headers: [("Content-Type", "application/json")] + headers, body: payload.encoded(),
                            responseCheck: responseCheck)
    }

    /// The value of the first header named `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// Sets (replaces) a header, as Go's `Header.Set` does.
    public mutating func setHeader(_ name: String, _ value: String) {
        headers.removeAll { $0.name.lowercased() == name.lowercased() }
        headers.append((name, value))
    }

    public static func == (left: Self, right: Self) -> Bool {
        left.method == right.method && left.url == right.url && left.body == right.body && left.responseCheck == right.responseCheck
            && left.headers.map { [$0.name, $0.value] } == right.headers.map { [$0.name, $0.value] }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(method)
        hasher.combine(url)
        hasher.combine(body)
    }

    /// `METHOD scheme://host[:port]`: no path, headers or body.
    public var description: String { "\(method) \(url.origin)" }
}
