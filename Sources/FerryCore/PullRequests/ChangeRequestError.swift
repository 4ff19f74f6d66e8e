/// Why a pull request could not be opened or updated. The ``description`` is a full sentence naming
/// the forge, the repository, both branches, the request and the answer; it never holds a credential.
///
/// ```text
/// cannot open or update the pull request ferry/podinfo → main of GitHub repository org/fleet:
/// GET https://api.github.com/repos/org/fleet/pulls?state=open&head=org%3Aferry%2Fpodinfo&base=main&per_page=100
/// answered 401 Unauthorized: the forge did not accept the credentials (token) (the forge says: Bad credentials)
/// ```
public struct ChangeRequestError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kind of failure, stable for condition reasons and metric labels.
    public struct Kind: Hashable, Sendable, CustomStringConvertible {
        private enum Code: String, Hashable, Sendable {
            case unauthorized, forbidden, notFound, conflict, rejected, rateLimited, serverError, unexpectedStatus, malformedResponse
            case connection, timeout, tls, configuration, unknownUser, unknownLabel
        }

        private let code: Code
        private init(_ code: Code) { self.code = code }

        /// 401: the credentials were not accepted.
        public static let unauthorized = Kind(.unauthorized)
        /// 403: the credentials may not do this.
        public static let forbidden = Kind(.forbidden)
        /// 404: no such repository (or it is hidden from these credentials), or no such branch.
        public static let notFound = Kind(.notFound)
        /// 409: the forge's state conflicts with the request.
        public static let conflict = Kind(.conflict)
        /// 400 or 422: the forge refused the request's content (a missing branch, a bad reviewer, …).
        public static let rejected = Kind(.rejected)
        /// 429, or 403 with an exhausted rate limit.
        public static let rateLimited = Kind(.rateLimited)
        /// 5xx.
        public static let serverError = Kind(.serverError)
        /// Any other status.
        public static let unexpectedStatus = Kind(.unexpectedStatus)
        /// The body is not the JSON the API documents.
        public static let malformedResponse = Kind(.malformedResponse)
        /// The forge could not be reached.
        public static let connection = Kind(.connection)
        /// The publication ran past its timeout.
        public static let timeout = Kind(.timeout)
        /// The TLS handshake failed.
        public static let tls = Kind(.tls)
        /// The spec cannot be used (bad CA, a feature the forge lacks).
        public static let configuration = Kind(.configuration)
        /// A reviewer the forge does not know.
        public static let unknownUser = Kind(.unknownUser)
        /// A label the forge does not know (Gitea needs labels to exist).
        public static let unknownLabel = Kind(.unknownLabel)

        /// The kind's name, e.g. `unauthorized`.
        public var description: String { code.rawValue }
    }

    /// What Ferry was doing when the forge failed.
    public enum Operation: Hashable, Sendable {
        /// Opening or updating (``ChangeRequestPublisher/publish(_:)``).
        case publish
        /// Closing (``ChangeRequestPublisher/close(_:)``) the pull request with this number, `nil` while it is being looked up.
        case close(number: Int?)
    }

    /// The kind.
    public let kind: Kind
    /// What Ferry was doing.
    public var operation: Operation = .publish
    /// The forge.
    public let forge: ForgeKind
    /// The repository.
    public let repository: String
    /// The source branch.
    public let sourceBranch: String
    /// The target branch.
    public let targetBranch: String
    /// The request that failed (`GET https://…`), when there was one.
    public let request: String?
    /// The HTTP status, when there was one.
    public let status: Int?
    /// The reason, a sentence fragment (with the forge's own message when it sent one).
    public let reason: String

    /// Creates an error.
    public init(
        _ kind: Kind, forge: ForgeKind, repository: String, sourceBranch: String, targetBranch: String, request: String? = nil,
        status: Int? = nil, reason: String
    ) {
        self.kind = kind
        self.forge = forge
        self.repository = repository
        self.sourceBranch = sourceBranch
        self.targetBranch = targetBranch
        self.request = request
        self.status = status
        self.reason = reason
    }

    /// An error about `spec`.
    public init(_ kind: Kind, spec: ChangeRequestSpec, request: String? = nil, status: Int? = nil, reason: String) {
        self.init(
            kind, forge: spec.forge, repository: spec.repository, sourceBranch: spec.sourceBranch, targetBranch: spec.targetBranch,
            request: request, status: status, reason: reason)
    }

    public var description: String {
        var text: String
        switch operation {
        case .publish: text = "cannot open or update the \(forge.requestNoun) \(sourceBranch) → \(targetBranch)"
        case .close(let number?): text = "cannot close the \(forge.requestNoun) #\(number) (\(sourceBranch) → \(targetBranch))"
        case .close(nil): text = "cannot close the \(forge.requestNoun) \(sourceBranch) → \(targetBranch)"
        }
        text += " of \(forge) repository \(repository): "
        if let request {
            text += request
            text += status.map { " answered \($0) \(RegistryError.statusText($0)): " } ?? ": "
        }
        return text + reason + hint
    }

    /// What a refusal most likely means for the operation.
    private var hint: String {
        switch (kind, operation) {
        case (.rejected, .publish): "; does the branch \(sourceBranch) exist, and may it merge into \(targetBranch)?"
        case (.rejected, .close), (.conflict, .close): "; was it merged or closed meanwhile?"
        default: ""
        }
    }

    /// This error, as a failure of `operation`.
    public func during(_ operation: Operation) -> ChangeRequestError {
        var error = self
        error.operation = operation
        return error
    }

    /// The ``kind``, for metric labels.
    public var shortDescription: String { kind.description }
}
