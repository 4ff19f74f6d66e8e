import AsyncHTTPClient
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import FerryCore
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// One response: status, headers and body.
struct ForgeResponse: Sendable {
    var status: Int
    var headers: HTTPHeaders
    var body: [UInt8]
    /// `METHOD URL` of the request, for messages.
    var request: String
}

/// One publication's HTTP side: the spec, its authentication headers, the deadline, and the helpers every
/// forge uses (requests, status checks, JSON decoding, pagination).
struct ForgeSession: Sendable {
    /// The most a response body may hold.
    static let maximumBodyBytes = 8 * 1024 * 1024
    /// The most pages a listing follows.
    static let maximumPages = 100

    let http: HTTPClient
    let spec: ChangeRequestSpec
    let userAgent: String
    let logger: Logger
    let deadline: NIODeadline

    /// The API base URL as text, without a trailing `/`.
    var base: String { spec.apiBaseURL.string }

    /// `base + path` with an encoded query.
    func url(_ path: String, query: [(String, String)] = []) -> String {
        base + path + (query.isEmpty ? "" : "?" + PercentEncoding.query(query))
    }

    /// Sends a request and returns whatever status comes back.
    /// - Parameters:
    ///   - method: The method.
    ///   - url: An absolute URL on the API's origin.
    ///   - json: The body, sent as `application/json`.
    ///   - headers: The forge's authentication and media-type headers.
    func send(_ method: HTTPMethod, _ url: String, json: GoJSON? = nil, headers: [(String, String)]) async throws(ChangeRequestError)
        -> ForgeResponse
    {
        let described = "\(method.rawValue) \(url)"
        var request = HTTPClientRequest(url: url)
        request.method = method
        request.headers.add(name: "User-Agent", value: userAgent)
        for (name, value) in headers { request.headers.replaceOrAdd(name: name, value: value) }
        if let json {
            request.headers.replaceOrAdd(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: json.encoded()))
        }
        do {
            let response = try await http.execute(request, deadline: deadline, logger: logger)
            let body = try await response.body.collect(upTo: Self.maximumBodyBytes)
            let status = Int(response.status.code)
            logger.debug("forge request", metadata: [
                "forge.request": "\(described)", "forge.status": "\(status)", "forge.repository": "\(spec.repository)",
            ])
            return ForgeResponse(status: status, headers: response.headers, body: Array(body.readableBytesView), request: described)
        } catch is NIOTooManyBytesError {
            throw ChangeRequestError(.malformedResponse, spec: spec, request: described, reason: "the response is larger than 8 MiB")
        } catch {
            throw classify(error, request: described)
        }
    }

    /// Fails unless `response.status` is one of `expected`.
    func expect(_ response: ForgeResponse, _ expected: Set<Int>) throws(ChangeRequestError) {
        guard !expected.contains(response.status) else { return }
        throw failure(response)
    }

    /// Decodes a JSON body.
    func decode<T: Decodable>(_ type: T.Type, _ response: ForgeResponse) throws(ChangeRequestError) -> T {
        do {
            return try JSONDecoder().decode(T.self, from: Data(response.body))
        } catch {
            throw ChangeRequestError(
                .malformedResponse, spec: spec, request: response.request, status: response.status,
                reason: "the body is not the JSON the \(spec.forge) API documents (\(Self.decodingProblem(error)))")
        }
    }

    /// Checks that `link` (a `next` page) is on the API's origin, so the credentials never go elsewhere.
    func sameOrigin(_ link: String, from response: ForgeResponse) throws(ChangeRequestError) -> String {
        let absolute = link.hasPrefix("/") ? spec.apiBaseURL.origin + link : link
        guard let address = WebAddress(absolute), address.origin == spec.apiBaseURL.origin, address.userinfo == nil else {
            throw ChangeRequestError(
                .malformedResponse, spec: spec, request: response.request, status: response.status,
                reason: "the next page is on another host (\(WebAddress(absolute)?.origin ?? "an invalid URL")); "
                    + "Ferry does not send the credentials there")
        }
        return absolute
    }

    /// Follows `Link: <…>; rel="next"` pages from `first`, decoding each as `[Item]`.
    func pagesByLink<Item: Decodable>(_ first: String, headers: [(String, String)], as type: Item.Type) async throws(ChangeRequestError) -> [Item] {
        var items: [Item] = []
        var next: String? = first
        var pages = 0
        while let url = next {
            pages += 1
            if pages > Self.maximumPages {
                throw ChangeRequestError(
                    .malformedResponse, spec: spec, request: "GET \(first)", reason: "the listing has more than \(Self.maximumPages) pages")
            }
            let response = try await send(.GET, url, headers: headers)
            try expect(response, [200])
            items += try decode([Item].self, response)
            next = try response.headers.first(name: "Link").flatMap(LinkHeader.next(in:)).map { link throws(ChangeRequestError) in
                try sameOrigin(link, from: response)
            }
        }
        return items
    }

    private static func decodingProblem(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): return "the member \"\(key.stringValue)\" is missing"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
            return "a member has the wrong type at " + path.joined(separator: ".")
        default: return "not valid JSON"
        }
    }

    private func classify(_ error: any Error, request: String) -> ChangeRequestError {
        if let clientError = error as? HTTPClientError {
            switch clientError {
            case .deadlineExceeded, .readTimeout, .connectTimeout, .writeTimeout:
                return ChangeRequestError(.timeout, spec: spec, request: request, reason: "the forge did not answer within \(spec.timeout)")
            default: break
            }
        }
        if error is NIOSSLError || error is BoringSSLError || error is NIOSSLExtraError {
            return ChangeRequestError(
                .tls, spec: spec, request: request, reason: "the TLS handshake with \(spec.apiBaseURL.authority) failed: \(error)")
        }
        if let connection = error as? NIOConnectionError {
            let reason = connection.connectionErrors.first.map { "\($0.error)" } ?? "connection failed"
            return ChangeRequestError(.connection, spec: spec, request: request, reason: "cannot connect to \(spec.apiBaseURL.authority): \(reason)")
        }
        if error is CancellationError {
            return ChangeRequestError(.timeout, spec: spec, request: request, reason: "the publication was cancelled")
        }
        return ChangeRequestError(
            .connection, spec: spec, request: request,
            reason: Redaction.scrub("the request to \(spec.apiBaseURL.authority) failed: \(error)", spec.credentials.secrets))
    }
}
