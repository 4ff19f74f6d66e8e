public import FerryCore
public import Logging

/// A ``ChangeRequestPublisher`` for long-running processes (`ferry run`, `ferry controller`): each publication runs
/// in its own ``ForgeClient/withClient(userAgent:logger:_:)`` scope, so no HTTP client outlives its use and nothing
/// needs shutting down.
///
/// ```swift
/// let env = ReconcilerEnvironment(…, pullRequests: ForgePublisher())
/// ```
public struct ForgePublisher: ChangeRequestPublisher {
    private let userAgent: String
    private let logger: Logger

    /// Creates a publisher.
    /// - Parameters:
    ///   - userAgent: The `User-Agent` header.
    ///   - logger: Receives one debug line per request.
    public init(userAgent: String = "ferry/\(FerryCore.version)", logger: Logger = Logger(label: "ferry.forge")) {
        self.userAgent = userAgent
        self.logger = logger
    }

    public func publish(_ request: ChangeRequestSpec) async throws(ChangeRequestError) -> ChangeRequestResult {
        do {
            return try await ForgeClient.withClient(userAgent: userAgent, logger: logger) { client in try await client.publish(request) }
        } catch let error as ChangeRequestError {
            throw error
        } catch {
            throw ChangeRequestError(.connection, spec: request, reason: "the publication was interrupted (\(type(of: error)))")
        }
    }

    public func close(_ request: ChangeRequestSpec) async throws(ChangeRequestError) -> ChangeRequestResult? {
        do {
            return try await ForgeClient.withClient(userAgent: userAgent, logger: logger) { client in try await client.close(request) }
        } catch let error as ChangeRequestError {
            throw error
        } catch {
            throw ChangeRequestError(.connection, spec: request, reason: "the closing was interrupted (\(type(of: error)))").during(.close(number: nil))
        }
    }
}
