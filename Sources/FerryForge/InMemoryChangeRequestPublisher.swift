public import FerryCore

/// A ``ChangeRequestPublisher`` that keeps pull requests in memory, for tests of code that uses the port
/// (the automation reconciler, commands). It follows the real rules: one open pull request per repository,
/// source and target branch; updates only when the title, body or labels differ; reviewers on creation.
///
/// ```swift
/// let forge = InMemoryChangeRequestPublisher()
/// _ = try await forge.publish(spec)          // created #1
/// _ = try await forge.publish(spec)          // unchanged #1
/// await forge.close(repository: "org/fleet", number: 1)
/// _ = try await forge.publish(spec)          // created #2
/// ```
public actor InMemoryChangeRequestPublisher: ChangeRequestPublisher {
    /// One pull request.
    public struct PullRequest: Sendable, Hashable {
        /// Its number.
        public var number: Int
        /// The spec it was last published from (credentials included, as given).
        public var spec: ChangeRequestSpec
        /// Its labels.
        public var labels: [String]
        /// Whether it is open.
        public var isOpen: Bool
        /// Whether auto-merge is on.
        public var autoMerge: Bool
    }

    /// Every pull request, in creation order.
    public private(set) var pullRequests: [PullRequest] = []
    /// Every spec published, in order.
    public private(set) var published: [ChangeRequestSpec] = []
    private var failures: [String: ChangeRequestError] = [:]

    /// An empty forge.
    public init() {}

    /// Makes publications to `repository` throw `error`.
    public func fail(repository: String, with error: ChangeRequestError) { failures[repository] = error }

    /// Ends every failure set with ``fail(repository:with:)``.
    public func clearFailures() { failures.removeAll() }

    /// Closes (or merges) pull request `number` of `repository`, as a person would.
    public func close(repository: String, number: Int) {
        for index in pullRequests.indices where pullRequests[index].spec.repository == repository && pullRequests[index].number == number {
            pullRequests[index].isOpen = false
        }
    }

    public func publish(_ request: ChangeRequestSpec) async throws(ChangeRequestError) -> ChangeRequestResult {
        published.append(request)
        if let failure = failures[request.repository] { throw failure }
        let webBase = "memory://\(request.forge.rawValue)/\(request.repository)/pull/"
        if let index = pullRequests.firstIndex(where: {
            $0.isOpen && $0.spec.forge == request.forge && $0.spec.repository == request.repository && $0.spec.sourceBranch == request.sourceBranch
                && $0.spec.targetBranch == request.targetBranch
        }) {
            var pull = pullRequests[index]
            let missing = request.labels.filter { !pull.labels.contains($0) }
            let changed = pull.spec.title != request.title || pull.spec.body != request.body || !missing.isEmpty
            pull.labels += missing
            pull.spec.title = request.title
            pull.spec.body = request.body
            let autoMerge = Self.autoMerge(request, wasOn: pull.autoMerge)
            pull.autoMerge = pull.autoMerge || request.autoMerge != nil
            pullRequests[index] = pull
            return ChangeRequestResult(
                action: changed ? .updated : .unchanged, number: pull.number, webURL: webBase + String(pull.number), labelsAdded: missing,
                autoMerge: autoMerge)
        }
        let number = pullRequests.filter { $0.spec.repository == request.repository }.count + 1
        pullRequests.append(PullRequest(number: number, spec: request, labels: request.labels, isOpen: true, autoMerge: request.autoMerge != nil))
        return ChangeRequestResult(
            action: .created, number: number, webURL: webBase + String(number), labelsAdded: request.labels, reviewersRequested: request.reviewers,
            autoMerge: Self.autoMerge(request, wasOn: false))
    }

    public func close(_ request: ChangeRequestSpec) async throws(ChangeRequestError) -> ChangeRequestResult? {
        published.append(request)
        let found = pullRequests.firstIndex(where: {
            $0.isOpen && $0.spec.forge == request.forge && $0.spec.repository == request.repository && $0.spec.sourceBranch == request.sourceBranch
                && $0.spec.targetBranch == request.targetBranch
        })
        if let failure = failures[request.repository] { throw failure.during(.close(number: found.map { pullRequests[$0].number })) }
        guard let index = found else { return nil }
        pullRequests[index].isOpen = false
        let number = pullRequests[index].number
        return ChangeRequestResult(action: .closed, number: number, webURL: "memory://\(request.forge.rawValue)/\(request.repository)/pull/\(number)")
    }

    private static func autoMerge(_ request: ChangeRequestSpec, wasOn: Bool) -> ChangeRequestResult.AutoMerge {
        guard request.autoMerge != nil else { return .notRequested }
        return wasOn ? .alreadyEnabled : .enabled
    }
}
