/// A request that took longer than the server's request timeout.
struct RequestTimeout: Error, Hashable, Sendable, CustomStringConvertible {
    /// The limit that passed.
    var limit: Duration

    var description: String { "the request took longer than \(limit)" }
}

/// Runs `body`, or gives up with ``RequestTimeout`` once `limit` has passed (cancelling `body`,
/// which ends when it notices: NIO's body reads and sleeps do at once).
func withDeadline<Value: Sendable>(_ limit: Duration, _ body: @escaping @Sendable () async throws -> Value) async throws -> Value {
    try await withThrowingTaskGroup(of: Value?.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(for: limit)
            return nil
        }
        defer { group.cancelAll() }
        guard let first = try await group.next() else { preconditionFailure("invariant: the group runs two tasks") }
        guard let value = first else { throw RequestTimeout(limit: limit) }
        return value
    }
}
