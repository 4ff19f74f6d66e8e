package import FerryKubernetes
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
package import NIOSSL

/// A response of the fake API server: whole, or streamed chunk by chunk.
enum FakeResponse: Sendable {
    case full(status: Int, headers: [(String, String)], body: [UInt8])
    case stream(status: Int, headers: [(String, String)], parts: AsyncStream<StreamPart>)

    enum StreamPart: Sendable {
        /// One chunk, exactly these bytes.
        case chunk([UInt8])
        /// The zero-length chunk: the server ends the stream.
        case end
        /// The connection is closed without ending the chunked body.
        case abort
    }
}

/// A request as the fake server saw it.
struct FakeRequest: Sendable {
    var method: String
    var path: String
    var query: [String: String]
    var rawQuery: String
    var headers: [(String, String)]
    var body: [UInt8]

    func header(_ name: String) -> String? { headers.first { $0.0.lowercased() == name.lowercased() }?.1 }
    var target: String { rawQuery.isEmpty ? path : path + "?" + rawQuery }
}

/// An in-process stand-in for kube-apiserver v1.36 on 127.0.0.1 (an OS-assigned port), HTTP
/// or HTTPS (optionally requiring a client certificate). It answers with the paths, status
/// codes, headers and bodies recorded from the real server in `Fixtures/kube-wire`, keeps
/// objects in ``FakeKubeStore``, and can be told to misbehave (429, 5xx, broken streams).
package final class FakeKubeAPIServer: Sendable {
    package let store: FakeKubeStore
    private let channel: any Channel
    let port: Int
    let scheme: String

    package var url: String { "\(scheme)://127.0.0.1:\(port)" }

    private init(store: FakeKubeStore, channel: any Channel, scheme: String) {
        self.store = store
        self.channel = channel
        self.port = channel.localAddress?.port ?? 0
        self.scheme = scheme
    }

    /// Starts a server.
    package static func start(store: FakeKubeStore = FakeKubeStore(), tls: TLSConfiguration? = nil) async throws -> FakeKubeAPIServer {
        let sslContext = try tls.map { try NIOSSLContext(configuration: $0) }
        let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 64)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let sslContext { try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: sslContext)) }
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                    try channel.pipeline.syncOperations.addHandler(FakeKubeHandler(store: store))
                }
            }
        let channel = try await bootstrap.bind(host: "127.0.0.1", port: 0).get()
        return FakeKubeAPIServer(store: store, channel: channel, scheme: tls == nil ? "http" : "https")
    }

    package func shutdown() async {
        await store.closeAllWatches()
        try? await channel.close().get()
    }

    /// Runs `body` with a server that is shut down afterwards.
    static func with<T>(
        store: FakeKubeStore = FakeKubeStore(), tls: TLSConfiguration? = nil, _ body: (FakeKubeAPIServer) async throws -> T
    )
        async throws -> T
    {
        let server = try await start(store: store, tls: tls)
        do {
            let result = try await body(server)
            await server.shutdown()
            return result
        } catch {
            await server.shutdown()
            throw error
        }
    }
}

private final class FakeKubeHandler: ChannelInboundHandler, @unchecked Sendable {
    // Unchecked: the mutable request state is touched only on the channel's event loop.
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let store: FakeKubeStore
    private var head: HTTPRequestHead?
    private var body: [UInt8] = []

    init(store: FakeKubeStore) {
        self.store = store
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            body = []
        case .body(var buffer):
            body += buffer.readBytes(length: buffer.readableBytes) ?? []
        case .end:
            guard let head else { return }
            let (path, rawQuery) = head.uri.split(separator: "?", maxSplits: 1).map(String.init).splitPair()
            var query: [String: String] = [:]
            for item in rawQuery.split(separator: "&") {
                let pair = item.split(separator: "=", maxSplits: 1).map(String.init)
                query[pair[0].removingPercentEncoding ?? pair[0]] = pair.count > 1 ? (pair[1].removingPercentEncoding ?? pair[1]) : ""
            }
            let request = FakeRequest(
                method: head.method.rawValue, path: path, query: query, rawQuery: rawQuery, headers: head.headers.map { ($0.name, $0.value) },
                body: body)
            let channel = context.channel
            let store = store
            let keepAlive = head.isKeepAlive
            Task {
                let response = await store.handle(request)
                await Self.write(response, to: channel, keepAlive: keepAlive)
            }
        }
    }

    private static func write(_ response: FakeResponse, to channel: any Channel, keepAlive: Bool) async {
        func standardHeaders(_ extra: [(String, String)]) -> HTTPHeaders {
            var headers = HTTPHeaders()
            headers.add(name: "Audit-Id", value: UUID().uuidString.lowercased())
            headers.add(name: "Cache-Control", value: "no-cache, private")
            for (name, value) in extra { headers.add(name: name, value: value) }
            headers.add(name: "Date", value: "Sun, 22 Nov 2026 04:11:54 GMT")
            return headers
        }
        switch response {
        case .full(let status, let extra, let body):
            var headers = standardHeaders(extra)
            headers.add(name: "Content-Length", value: String(body.count))
            let head = HTTPResponseHead(version: .http1_1, status: HTTPResponseStatus(statusCode: status), headers: headers)
            channel.write(HTTPServerResponsePart.head(head), promise: nil)
            channel.write(HTTPServerResponsePart.body(.byteBuffer(ByteBuffer(bytes: body))), promise: nil)
            try? await channel.writeAndFlush(HTTPServerResponsePart.end(nil)).get()
            if !keepAlive { try? await channel.close().get() }
        case .stream(let status, let extra, let parts):
            var headers = standardHeaders(extra)
            headers.add(name: "Transfer-Encoding", value: "chunked")
            let head = HTTPResponseHead(version: .http1_1, status: HTTPResponseStatus(statusCode: status), headers: headers)
            try? await channel.writeAndFlush(HTTPServerResponsePart.head(head)).get()
            for await part in parts {
                switch part {
                case .chunk(let bytes): try? await channel.writeAndFlush(HTTPServerResponsePart.body(.byteBuffer(ByteBuffer(bytes: bytes)))).get()
                case .end:
                    try? await channel.writeAndFlush(HTTPServerResponsePart.end(nil)).get()
                    return
                case .abort:
                    try? await channel.close().get()
                    return
                }
            }
            try? await channel.writeAndFlush(HTTPServerResponsePart.end(nil)).get()
        }
    }
}

extension Array where Element == String {
    fileprivate func splitPair() -> (String, String) { (first ?? "", count > 1 ? self[1] : "") }
}
