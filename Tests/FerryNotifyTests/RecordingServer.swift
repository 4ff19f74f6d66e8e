import FerryCore
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// The recording endpoints of scripts/services/notify.sh, found through FERRY_TEST_NOTIFY_* variables.
struct RecordingServer {
    /// One recorded request.
    struct Request: Decodable {
        var listener: String
        var method: String
        var path: String
        var query: String
        var headers: [[String]]
        var body: String
        var viaProxy: Bool
        var tunnel: Tunnel?

        struct Tunnel: Decodable {
            var target: String
            var proxyAuthorization: String
        }

        var bodyBytes: [UInt8] { Array(Data(base64Encoded: body) ?? Data()) }
        var bodyText: String { String(decoding: bodyBytes, as: UTF8.self) }

        /// The value of a header (case-insensitive).
        func header(_ name: String) -> String? { headers.first { $0[0].lowercased() == name.lowercased() }?[1] }
    }

    static func variable(_ name: String) throws -> String {
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else {
            Issue.record("\(name) is not set: run the notification tests through scripts/test (it starts scripts/services/notify.sh)")
            throw MissingVariable(name: name)
        }
        return value
    }

    struct MissingVariable: Error { var name: String }

    static var http: String { get throws { try variable("FERRY_TEST_NOTIFY_HTTP") } }
    static var https: String { get throws { try variable("FERRY_TEST_NOTIFY_HTTPS") } }
    static var badTLS: String { get throws { try variable("FERRY_TEST_NOTIFY_BAD_TLS") } }
    static var mtls: String { get throws { try variable("FERRY_TEST_NOTIFY_MTLS") } }
    static var proxy: String { get throws { try variable("FERRY_TEST_NOTIFY_PROXY") } }
    static var down: String { get throws { try variable("FERRY_TEST_NOTIFY_DOWN") } }

    static func certificate(_ file: String) throws -> [UInt8] {
        let directory = try variable("FERRY_TEST_NOTIFY_CERTS")
        return Array(try Data(contentsOf: URL(fileURLWithPath: directory + "/" + file)))
    }

    /// The requests recorded under `prefix` (a path prefix unique to the calling test).
    static func requests(under prefix: String) async throws -> [Request] {
        guard let url = URL(string: try http + "/__requests?prefix=" + prefix) else { throw MissingVariable(name: "FERRY_TEST_NOTIFY_HTTP") }
        let (data, _) = try await URLSession.shared.data(from: url)
        return try JSONDecoder().decode([Request].self, from: data)
    }

    /// A path prefix no other test uses.
    static func uniquePrefix(_ label: String) -> String { "/\(label)-\(UUID().uuidString.prefix(8).lowercased())" }
}
