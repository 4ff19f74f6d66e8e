import FerryCore
@testable import FerryServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Slow clients over a real socket: a client that dribbles its header block (slowloris) is cut off by the idle
/// timeout, one that dribbles its body gets 503 at the request timeout; neither holds the server.
@Suite("Slow clients")
struct SlowClientTests {
    /// A blocking TCP client on 127.0.0.1 (the point is to control every byte and its timing).
    final class RawClient {
        let descriptor: Int32

        init(port: Int) throws {
            descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard connected == 0 else { throw SlowClientError(description: "cannot connect to 127.0.0.1:\(port): errno \(errno)") }
            var timeout = timeval(tv_sec: 0, tv_usec: 100_000)
            setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        }

        deinit { close(descriptor) }

        /// Sends `text`; false once the server has closed the connection.
        func send(_ text: String) -> Bool {
            let bytes = Array(text.utf8)
            return bytes.withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) } == bytes.count
        }

        /// Reads until a whole header block has arrived, the server closes, or `limit` passes.
        func receiveHead(within limit: Duration) -> String {
            let deadline = ContinuousClock.now + limit
            var answer = ""
            while !answer.contains("\r\n\r\n"), ContinuousClock.now < deadline {
                guard let received = receive() else { break }
                answer += received
            }
            return answer
        }

        /// What the server sent within 100 ms: `nil` when it closed the connection.
        func receive() -> String? {
            var buffer = [UInt8](repeating: 0, count: 4096)
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count == 0 { return nil }
            if count < 0 { return (errno == EAGAIN || errno == EWOULDBLOCK) ? "" : nil }
            return String(decoding: buffer[0..<count], as: UTF8.self)
        }
    }

    struct SlowClientError: Error, CustomStringConvertible { var description: String }

    @Test("a client dribbling its header block one line every 200 ms is disconnected at the idle timeout")
    func slowHeaders() async throws {
        let app = testApplication(control: FakePipelineControl()) { $0.idleTimeout = .seconds(1) }
        try await app.test(.live) { client async throws in
            let port = try #require(client.port)
            let slow = try RawClient(port: port)
            #expect(slow.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n"))
            // Bounded by the wall clock far past the 1 s idle timeout (the default is 60 s, and a server without one
            // would keep the client for ever), so that a loaded machine, which slows the server and this loop alike,
            // cannot fail it.
            let deadline = ContinuousClock.now + .seconds(45)
            var closed = false
            var step = 0
            while !closed, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(200))
                step += 1
                closed = !slow.send("X-Slow-\(step): a\r\n") || slow.receive() == nil
            }
            #expect(closed, "the server kept a client dribbling its header block for 45 s (\(step) lines)")
            // The server still serves everyone else (a new connection: the idle timeout closes the test client's too).
            let next = try RawClient(port: port)
            #expect(next.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"))
            let answer = next.receiveHead(within: .seconds(60))
            #expect(answer.hasPrefix("HTTP/1.1 200"), "\(answer.prefix(100))")
        }
    }

    @Test("a client dribbling its body one byte every 200 ms gets 503 at the request timeout")
    func slowBody() async throws {
        let receiver = testReceiver("slow-receiver", type: "generic")
        let endpoint = testEndpoint(receiver, token: "slow-token")
        let app = testApplication(control: FakePipelineControl(endpoints: [endpoint])) { $0.requestTimeout = .seconds(1) }
        try await app.test(.live) { client async throws in
            let port = try #require(client.port)
            let slow = try RawClient(port: port)
            #expect(slow.send("POST \(endpoint.path) HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n"))
            // One byte every 200 ms until the answer, for at most 45 s of wall clock (45 times the request timeout,
            // and fewer bytes than the 1,000 announced, so only the timeout can end the request).
            let deadline = ContinuousClock.now + .seconds(45)
            var answer = ""
            while ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(200))
                guard slow.send("x"), let received = slow.receive() else { break }
                answer += received
                if answer.contains("\r\n\r\n") { break }
            }
            #expect(answer.hasPrefix("HTTP/1.1 503"), "answer: \(answer.prefix(200))")
            #expect(try await client.execute(uri: "/healthz", method: .get).status == .ok)
        }
    }
}

/// The webhook path is the secret of `generic`, `dockerhub`, `quay` and `acr` Receivers: it is looked up with the
/// constant-time comparison over every endpoint, and only an exact match counts.
@Suite("Receiver path lookup")
struct ReceiverPathLookupTests {
    @Test("only the exact path matches; a guess sharing all but the last digit, a prefix or a longer path does not")
    func exactOnly() {
        let first = testEndpoint(testReceiver("one", type: "generic"), token: "token-one")
        let second = testEndpoint(testReceiver("two", type: "generic"), token: "token-two")
        let empty = ReceiverEndpoint(receiver: testReceiver("none", type: "generic"), path: "", token: nil)
        let endpoints = [empty, first, second]
        #expect(ReceiverHandler.endpoint(for: second.path, in: endpoints) == second)
        #expect(ReceiverHandler.endpoint(for: first.path, in: endpoints) == first)
        let lastDigit = second.path.last == "0" ? "1" : "0"
        #expect(ReceiverHandler.endpoint(for: String(second.path.dropLast()) + lastDigit, in: endpoints) == nil)
        #expect(ReceiverHandler.endpoint(for: String(second.path.dropLast()), in: endpoints) == nil)
        #expect(ReceiverHandler.endpoint(for: second.path + "0", in: endpoints) == nil)
        #expect(ReceiverHandler.endpoint(for: "", in: endpoints) == nil, "an empty path never matches the Receiver without a token")
        #expect(ReceiverHandler.endpoint(for: "/hook/", in: endpoints) == nil)
    }
}
