import FerryKubernetes
import Foundation

/// One exchange recorded from kube-apiserver v1.36 (`Fixtures/kube-wire`, copied from
/// `shared/kube-wire`): the request line and body, and the response status, headers and body,
/// with a watch stream's chunks exactly as they arrived.
struct RecordedExchange: Sendable {
    var method: String
    var target: String
    var requestHeaders: [(String, String)]
    var requestBody: [UInt8]
    var status: Int
    var responseHeaders: [(String, String)]
    var responseBody: [UInt8]
    /// For a watch: the payload of every chunk, in order (from `.watch.wire`, else `.watch.stream` as one chunk).
    var chunks: [[UInt8]]?
    /// Whether the recorded stream ended with the zero-length chunk.
    var streamEnded: Bool

    var responseJSON: JSONValue? { try? JSONValue(parsing: responseBody) }
    var requestJSON: JSONValue? { try? JSONValue(parsing: requestBody) }

    func responseHeader(_ name: String) -> String? { responseHeaders.first { $0.0.lowercased() == name.lowercased() }?.1 }
    func requestHeader(_ name: String) -> String? { requestHeaders.first { $0.0.lowercased() == name.lowercased() }?.1 }

    /// Loads `Fixtures/kube-wire/<scenario>/<name>.*`, e.g. `("03-watch", "08-watch-send-initial-events")`.
    static func load(_ scenario: String, _ name: String) throws -> RecordedExchange {
        let base = Fixtures.directory + "/kube-wire/\(scenario)/\(name)"
        let (requestLine, requestHeaders, requestBody) = try parseHTTP(Fixtures.bytes(base + ".request.http"))
        let (statusLine, responseHeaders, responseBody) = try parseHTTP(Fixtures.bytes(base + ".response.http"))
        let requestParts = requestLine.split(separator: " ")
        let statusParts = statusLine.split(separator: " ")
        var exchange = RecordedExchange(
            method: String(requestParts[0]), target: String(requestParts[1]), requestHeaders: requestHeaders, requestBody: requestBody,
            status: Int(statusParts[1]) ?? 0, responseHeaders: responseHeaders, responseBody: responseBody, chunks: nil, streamEnded: false)
        if let wire = try? Fixtures.bytes(base + ".watch.wire") {
            (exchange.chunks, exchange.streamEnded) = try parseChunked(wire)
        } else if let stream = try? Fixtures.bytes(base + ".watch.stream") {
            exchange.chunks = [stream]
            exchange.streamEnded = true
        }
        return exchange
    }

    /// The recorded response as the fake server sends it.
    var fakeResponse: FakeResponse {
        let headers = responseHeaders.filter {
            !["content-length", "transfer-encoding", "date", "audit-id", "cache-control"].contains($0.0.lowercased())
        }
        guard let chunks else { return .full(status: status, headers: headers, body: responseBody) }
        let ended = streamEnded
        return .stream(
            status: status, headers: headers,
            parts: AsyncStream { continuation in
                for chunk in chunks { continuation.yield(.chunk(chunk)) }
                continuation.yield(ended ? .end : .abort)
                continuation.finish()
            })
    }

    static func parseHTTP(_ bytes: [UInt8]) throws -> (String, [(String, String)], [UInt8]) {
        guard
            let split = bytes.indices.first(where: { bytes[$0] == 0x0A && $0 + 1 < bytes.count && bytes[$0 + 1] == 0x0A })
                ?? (bytes.last == 0x0A ? bytes.count - 1 : nil)
        else {
            throw FixtureError(problem: "no blank line after the headers")
        }
        let head = String(decoding: bytes[..<split], as: UTF8.self).split(separator: "\n").map(String.init)
        let body = split + 2 <= bytes.count ? Array(bytes[(split + 2)...]) : []
        let headers = head.dropFirst().compactMap { line -> (String, String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        return (head.first ?? "", headers, body)
    }

    /// Splits a chunked body (`<hex>\r\n<payload>\r\n` … `0\r\n\r\n`) into payloads.
    static func parseChunked(_ wire: [UInt8]) throws -> ([[UInt8]], Bool) {
        var chunks: [[UInt8]] = []
        var index = 0
        while index < wire.count {
            guard let lineEnd = (index..<wire.count - 1).first(where: { wire[$0] == 0x0D && wire[$0 + 1] == 0x0A }),
                let size = Int(String(decoding: wire[index..<lineEnd], as: UTF8.self), radix: 16)
            else { throw FixtureError(problem: "bad chunk header at byte \(index)") }
            if size == 0 { return (chunks, true) }
            let start = lineEnd + 2
            guard start + size <= wire.count else { throw FixtureError(problem: "truncated chunk at byte \(index)") }
            chunks.append(Array(wire[start..<(start + size)]))
            index = start + size + 2
        }
        return (chunks, false)
    }
}

struct FixtureError: Error, CustomStringConvertible {
    var problem: String
    var description: String { "fixture: \(problem)" }
}

/// The fixtures of `Tests/FerryKubernetesTests` (the recorded exchanges and TLS material).
enum Fixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Tests/FerryKubernetesTests/Fixtures").path

    static func bytes(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else { throw FixtureError(problem: "cannot read \(path)") }
        return Array(data)
    }

    static func text(_ relative: String) throws -> String {
        String(decoding: try bytes(directory + "/" + relative), as: UTF8.self)
    }
}
