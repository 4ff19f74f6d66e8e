/// What ``ChangeRequestPublisher/publish(_:)`` did.
public struct ChangeRequestResult: Sendable, Hashable, CustomStringConvertible {
    /// What happened to the pull request itself.
    public enum Action: String, Sendable, Hashable {
        /// No open pull request for these branches existed; one was opened.
        case created
        /// The open one had another title, description or missing labels; it was changed.
        case updated
        /// The open one already says all this; nothing was sent but reads.
        case unchanged
        /// The open one was closed without merging (``ChangeRequestPublisher/close(_:)``): nothing is left to propose.
        case closed
    }

    /// What happened about auto-merge.
    public enum AutoMerge: Sendable, Hashable {
        /// Not asked for.
        case notRequested
        /// Turned on now.
        case enabled
        /// Already on.
        case alreadyEnabled
        /// The forge merged it at once (nothing left to wait for).
        case merged
        /// The forge would not turn it on (yet); the reason is its answer. The pull request stands.
        case refused(String)
    }

    /// What happened to the pull request.
    public var action: Action
    /// Its number (GitLab's `iid`).
    public var number: Int
    /// Its page for people.
    public var webURL: String
    /// Labels added in this call.
    public var labelsAdded: [String]
    /// Reviewers requested in this call.
    public var reviewersRequested: [String]
    /// Auto-merge's outcome.
    public var autoMerge: AutoMerge

    /// Creates a result.
    public init(
        action: Action, number: Int, webURL: String, labelsAdded: [String] = [], reviewersRequested: [String] = [],
        autoMerge: AutoMerge = .notRequested
    ) {
        self.action = action
        self.number = number
        self.webURL = webURL
        self.labelsAdded = labelsAdded
        self.reviewersRequested = reviewersRequested
        self.autoMerge = autoMerge
    }

    /// `created #12 https://github.com/org/fleet/pull/12`.
    public var description: String { "\(action.rawValue) #\(number) \(webURL)" }
}
