/// An `image.toolkit.fluxcd.io/v1` ImageUpdateAutomation (flux-spec §3).
public struct ImageUpdateAutomation: APIObject {
    public static let resource = APIResourceKind(
        group: "image.toolkit.fluxcd.io", version: "v1", kind: "ImageUpdateAutomation", plural: "imageupdateautomations")

    public var metadata: ObjectMeta
    public var spec: Spec
    public var status: Status

    public init(metadata: ObjectMeta, spec: Spec, status: Status = Status()) {
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    /// `spec` (UA-01…UA-14).
    public struct Spec: Sendable, Hashable, Codable {
        /// `sourceRef`.
        public var sourceRef: SourceReference
        /// `git`.
        public var git: GitSpec?
        /// `interval`.
        public var interval: String
        /// `policySelector`; nil selects every policy in the namespace.
        public var policySelector: LabelSelector?
        /// `update` (CRD default `{strategy: Setters}`).
        public var update: UpdateStrategy?
        /// `suspend`.
        public var suspend: Bool?

        /// Creates a spec.
        public init(sourceRef: SourceReference, interval: String) {
            self.sourceRef = sourceRef
            self.interval = interval
        }
    }

    /// `spec.sourceRef`.
    public struct SourceReference: Sendable, Hashable, Codable {
        /// `apiVersion`.
        public var apiVersion: String?
        /// `kind`: `GitRepository` (the CRD default and only value).
        public var kind: String
        /// `name`.
        public var name: String
        /// `namespace`.
        public var namespace: String?

        /// Creates a reference.
        public init(kind: String = "GitRepository", name: String, namespace: String? = nil, apiVersion: String? = nil) {
            self.kind = kind
            self.name = name
            self.namespace = namespace
            self.apiVersion = apiVersion
        }
    }

    /// `spec.git`.
    public struct GitSpec: Sendable, Hashable, Codable {
        /// `checkout`.
        public var checkout: Checkout?
        /// `commit`.
        public var commit: Commit
        /// `push`.
        public var push: Push?

        /// Creates a Git spec.
        public init(checkout: Checkout? = nil, commit: Commit, push: Push? = nil) {
            self.checkout = checkout
            self.commit = commit
            self.push = push
        }
    }

    /// `spec.git.checkout`.
    public struct Checkout: Sendable, Hashable, Codable {
        /// `ref`.
        public var ref: GitReference

        /// Creates a checkout.
        public init(ref: GitReference) {
            self.ref = ref
        }
    }

    /// `spec.git.checkout.ref` (the source-controller's GitRepositoryRef).
    public struct GitReference: Sendable, Hashable, Codable {
        /// `branch`.
        public var branch: String?
        /// `tag`.
        public var tag: String?
        /// `semver`.
        public var semver: String?
        /// `name`: a full ref such as `refs/heads/x`.
        public var name: String?
        /// `commit`.
        public var commit: String?

        /// Creates a ref.
        public init(branch: String? = nil, tag: String? = nil, semver: String? = nil, name: String? = nil, commit: String? = nil) {
            self.branch = branch
            self.tag = tag
            self.semver = semver
            self.name = name
            self.commit = commit
        }
    }

    /// `spec.git.commit`.
    public struct Commit: Sendable, Hashable, Codable {
        /// `author`.
        public var author: Author
        /// `signingKey`.
        public var signingKey: SigningKey?
        /// `messageTemplate`.
        public var messageTemplate: String?
        /// `messageTemplateValues`.
        public var messageTemplateValues: [String: String]?

        /// Creates a commit spec.
        public init(author: Author, messageTemplate: String? = nil) {
            self.author = author
            self.messageTemplate = messageTemplate
        }
    }

    /// `spec.git.commit.author`.
    public struct Author: Sendable, Hashable, Codable {
        /// `email`.
        public var email: String
        /// `name`.
        public var name: String?

        /// Creates an author.
        public init(email: String, name: String? = nil) {
            self.email = email
            self.name = name
        }
    }

    /// `spec.git.commit.signingKey`.
    public struct SigningKey: Sendable, Hashable, Codable {
        /// `secretRef`.
        public var secretRef: LocalObjectReference
        /// `type`: `gpg` (default) or `ssh`.
        public var type: String?

        /// Creates a signing key reference.
        public init(secretRef: LocalObjectReference, type: String? = nil) {
            self.secretRef = secretRef
            self.type = type
        }
    }

    /// `spec.git.push`.
    public struct Push: Sendable, Hashable, Codable {
        /// `branch`.
        public var branch: String?
        /// `refspec`.
        public var refspec: String?
        /// `options`.
        public var options: [String: String]?

        /// Creates a push spec.
        public init(branch: String? = nil, refspec: String? = nil, options: [String: String]? = nil) {
            self.branch = branch
            self.refspec = refspec
            self.options = options
        }
    }

    /// `spec.update`.
    public struct UpdateStrategy: Sendable, Hashable, Codable {
        /// `strategy`: `Setters`.
        public var strategy: String
        /// `path`.
        public var path: String?

        /// Creates an update strategy.
        public init(strategy: String = "Setters", path: String? = nil) {
            self.strategy = strategy
            self.path = path
        }
    }

    /// `status` (UA-15…UA-19).
    public struct Status: ConditionedStatus {
        public var observedGeneration: Int64?
        public var lastHandledReconcileAt: String?
        public var conditions: [Condition]
        /// `lastAutomationRunTime`.
        public var lastAutomationRunTime: APITime?
        /// `lastPushCommit`.
        public var lastPushCommit: String?
        /// `lastPushTime`.
        public var lastPushTime: APITime?
        /// `observedPolicies`: policy name to its `latestRef`.
        public var observedPolicies: [String: ImageRef]?
        /// `observedSourceRevision`.
        public var observedSourceRevision: String?

        public init() {
            conditions = []
        }

        private enum CodingKeys: String, CodingKey {
            case observedGeneration, lastHandledReconcileAt, conditions, lastAutomationRunTime, lastPushCommit, lastPushTime
            case observedPolicies, observedSourceRevision
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            observedGeneration = try container.decodeIfPresent(Int64.self, forKey: .observedGeneration)
            lastHandledReconcileAt = try container.decodeIfPresent(String.self, forKey: .lastHandledReconcileAt)
            conditions = try container.decodeIfPresent([Condition].self, forKey: .conditions) ?? []
            lastAutomationRunTime = try container.decodeIfPresent(APITime.self, forKey: .lastAutomationRunTime)
            lastPushCommit = try container.decodeIfPresent(String.self, forKey: .lastPushCommit)
            lastPushTime = try container.decodeIfPresent(APITime.self, forKey: .lastPushTime)
            observedPolicies = try container.decodeIfPresent([String: ImageRef].self, forKey: .observedPolicies)
            observedSourceRevision = try container.decodeIfPresent(String.self, forKey: .observedSourceRevision)
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encodeIfPresent(observedGeneration, forKey: .observedGeneration)
            try container.encodeIfPresent(lastHandledReconcileAt, forKey: .lastHandledReconcileAt)
            if !conditions.isEmpty { try container.encode(conditions, forKey: .conditions) }
            try container.encodeIfPresent(lastAutomationRunTime, forKey: .lastAutomationRunTime)
            try container.encodeIfPresent(lastPushCommit, forKey: .lastPushCommit)
            try container.encodeIfPresent(lastPushTime, forKey: .lastPushTime)
            try container.encodeIfPresent(observedPolicies, forKey: .observedPolicies)
            try container.encodeIfPresent(observedSourceRevision, forKey: .observedSourceRevision)
        }
    }
}

/// A Kubernetes label selector: `matchLabels` and `matchExpressions`, ANDed.
public struct LabelSelector: Sendable, Hashable, Codable {
    /// `matchLabels`.
    public var matchLabels: [String: String]?
    /// `matchExpressions`.
    public var matchExpressions: [Requirement]?

    /// Creates a selector.
    public init(matchLabels: [String: String]? = nil, matchExpressions: [Requirement]? = nil) {
        self.matchLabels = matchLabels
        self.matchExpressions = matchExpressions
    }

    /// One `matchExpressions` entry.
    public struct Requirement: Sendable, Hashable, Codable {
        /// `key`.
        public var key: String
        /// `operator`: `In`, `NotIn`, `Exists` or `DoesNotExist`.
        public var `operator`: String
        /// `values`.
        public var values: [String]?

        /// Creates a requirement.
        public init(key: String, operator: String, values: [String]? = nil) {
            self.key = key
            self.operator = `operator`
            self.values = values
        }
    }

    /// Whether a label set satisfies the selector, as apimachinery evaluates it; an unknown
    /// operator matches nothing.
    public func matches(_ labels: [String: String]) -> Bool {
        for (key, value) in matchLabels ?? [:] where labels[key] != value { return false }
        for requirement in matchExpressions ?? [] {
            let values = requirement.values ?? []
            switch requirement.operator {
            case "In": guard let value = labels[requirement.key], values.contains(value) else { return false }
            case "NotIn": if let value = labels[requirement.key], values.contains(value) { return false }
            case "Exists": if labels[requirement.key] == nil { return false }
            case "DoesNotExist": if labels[requirement.key] != nil { return false }
            default: return false
            }
        }
        return true
    }

    /// The selector in the query syntax the API server takes (`labelSelector=`):
    /// `app=web,tier in (a,b),!legacy`, keys in sorted order.
    public var queryString: String {
        var parts = (matchLabels ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        for requirement in matchExpressions ?? [] {
            let values = (requirement.values ?? []).sorted().joined(separator: ",")
            switch requirement.operator {
            case "In": parts.append("\(requirement.key) in (\(values))")
            case "NotIn": parts.append("\(requirement.key) notin (\(values))")
            case "Exists": parts.append(requirement.key)
            case "DoesNotExist": parts.append("!\(requirement.key)")
            default: parts.append("\(requirement.key) \(requirement.operator) (\(values))")
            }
        }
        return parts.joined(separator: ",")
    }
}
