public import FerryCore
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Query parameters of a watch.
public struct WatchOptions: Sendable, Hashable {
    /// `resourceVersion` to start from; nil for "the current state, then changes".
    public var resourceVersion: String?
    /// `labelSelector`.
    public var labelSelector: String?
    /// `fieldSelector`.
    public var fieldSelector: String?
    /// `allowWatchBookmarks`.
    public var allowWatchBookmarks: Bool
    /// `sendInitialEvents=true&resourceVersionMatch=NotOlderThan` (a watch-list): one ADDED
    /// per existing object, then a BOOKMARK annotated `k8s.io/initial-events-end`.
    public var sendInitialEvents: Bool
    /// `timeoutSeconds`: the server ends the stream after this long.
    public var timeoutSeconds: Int?

    /// Creates options.
    public init(
        resourceVersion: String? = nil, labelSelector: String? = nil, fieldSelector: String? = nil, allowWatchBookmarks: Bool = true,
        sendInitialEvents: Bool = false, timeoutSeconds: Int? = nil
    ) {
        self.resourceVersion = resourceVersion
        self.labelSelector = labelSelector
        self.fieldSelector = fieldSelector
        self.allowWatchBookmarks = allowWatchBookmarks
        self.sendInitialEvents = sendInitialEvents
        self.timeoutSeconds = timeoutSeconds
    }

    var query: [(String, String)] {
        var query: [(String, String)] = []
        if allowWatchBookmarks { query.append(("allowWatchBookmarks", "true")) }
        if let fieldSelector, !fieldSelector.isEmpty { query.append(("fieldSelector", fieldSelector)) }
        if let labelSelector, !labelSelector.isEmpty { query.append(("labelSelector", labelSelector)) }
        if let resourceVersion { query.append(("resourceVersion", resourceVersion)) }
        if sendInitialEvents {
            query.append(("resourceVersionMatch", "NotOlderThan"))
            query.append(("sendInitialEvents", "true"))
        }
        if let timeoutSeconds { query.append(("timeoutSeconds", String(timeoutSeconds))) }
        query.append(("watch", "true"))
        return query
    }
}

extension KubeClient {
    /// Watches a collection. The sequence yields events as they arrive and finishes when the
    /// server ends the stream (at `timeoutSeconds`); then watch again from the last
    /// resourceVersion seen. An `.error` event with code 410 means: list again.
    ///
    /// - Parameter maxEventBytes: the longest event accepted.
    /// - Returns: events; the sequence throws ``KubeAPIError`` when the watch cannot start,
    ///   ``KubeClientError`` when the stream breaks off in the middle of an event or an event
    ///   is too long or not JSON.
    public func watch<T: Decodable & Sendable>(
        _ type: T.Type, _ resource: APIResourceKind, namespace: String?, options: WatchOptions = WatchOptions(), maxEventBytes: Int = 16 << 20
    ) -> AsyncThrowingStream<WatchEvent<T>, any Error> {
        let request = KubeRequest(
            method: .GET, path: Self.path(resource, namespace: namespace), query: options.query,
            operation: Self.describe("watch", resource, name: nil, namespace: namespace))
        let deadline = Duration.seconds((options.timeoutSeconds ?? 1800) + 60)
        let (stream, continuation) = AsyncThrowingStream<WatchEvent<T>, any Error>.makeStream()
        let client = self
        let task = Task {
            do {
                try await client.perform(request, timeout: deadline) { response in
                    var decoder = WatchEventDecoder(maxEventBytes: maxEventBytes)
                    do {
                        for try await chunk in response.body {
                            let lines: [[UInt8]]
                            do throws(WatchEventTooLarge) {
                                lines = try decoder.feed(chunk.readableBytesView)
                            } catch {
                                throw KubeClientError.tooLarge(request.operation, error.description)
                            }
                            for line in lines { continuation.yield(try Self.decodeWatchLine(T.self, line, request)) }
                        }
                    } catch let error as KubeClientError {
                        throw error
                    } catch is CancellationError {
                        throw CancellationError()
                    } catch {
                        throw KubeClientError.brokenStream(request.operation, "the stream broke off (\(Self.describe(error)))")
                    }
                    if let last = decoder.finish() {
                        guard (try? JSONValue(parsing: last)) != nil else {
                            throw KubeClientError.brokenStream(request.operation, "the stream ended in the middle of an event")
                        }
                        continuation.yield(try Self.decodeWatchLine(T.self, last, request))
                    }
                }
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    static func decodeWatchLine<T: Decodable>(_ type: T.Type, _ line: [UInt8], _ request: KubeRequest) throws -> WatchEvent<T> {
        let data = Data(line)
        let decoder = JSONDecoder()
        let header: WatchEnvelopeHeader
        do {
            header = try decoder.decode(WatchEnvelopeHeader.self, from: data)
        } catch {
            throw KubeClientError.decoding(request.operation, "a watch event is not a {type, object} JSON object (\(describeDecoding(error)))")
        }
        do {
            switch header.type {
            case "ADDED": return .added(try decoder.decode(WatchEnvelope<T>.self, from: data).object)
            case "MODIFIED": return .modified(try decoder.decode(WatchEnvelope<T>.self, from: data).object)
            case "DELETED": return .deleted(try decoder.decode(WatchEnvelope<T>.self, from: data).object)
            case "BOOKMARK":
                let metadata = header.object?.metadata
                return .bookmark(
                    resourceVersion: metadata?.resourceVersion ?? "",
                    initialEventsEnd: metadata?.annotations?["k8s.io/initial-events-end"] == "true")
            case "ERROR": return .error(try decoder.decode(WatchEnvelope<KubeStatus>.self, from: data).object)
            default: throw KubeClientError.decoding(request.operation, "unknown watch event type \"\(header.type)\"")
            }
        } catch let error as KubeClientError {
            throw error
        } catch {
            throw KubeClientError.decoding(request.operation, "a \(header.type) event does not match \(T.self) (\(describeDecoding(error)))")
        }
    }
}
