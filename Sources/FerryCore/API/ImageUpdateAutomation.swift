/// An `image.toolkit.fluxcd.io/v1` (or `v1beta2`) ImageUpdateAutomation: which Git repository to
/// update with the selected images, and how to commit and push (flux-spec §3).
public struct ImageUpdateAutomation: Sendable, Hashable, Codable {
    /// The API group and versions Ferry reads.
    public static let apiVersions = ["image.toolkit.fluxcd.io/v1", "image.toolkit.fluxcd.io/v1beta2"]
    /// The kind.
    public static let kind = "ImageUpdateAutomation"

    public var apiVersion: String
    public var kind: String
    public var metadata: ObjectMeta
    public var spec: Spec
    public var status: Status

    /// Creates an ImageUpdateAutomation.
    public init(metadata: ObjectMeta, spec: Spec, status: Status = Status(), apiVersion: String = ImageUpdateAutomation.apiVersions[0]) {
        self.apiVersion = apiVersion
        self.kind = Self.kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    /// `spec`.
    public struct Spec: Sendable, Hashable, Codable {
        /// `sourceRef` (UA-01): the GitRepository.
        public var sourceRef: CrossNamespaceObjectReference
        /// `git` (UA-02 to UA-10).
        public var git: GitSpec?
        /// `interval` (UA-11).
        public var interval: GoDuration
        /// `policySelector` (UA-12): nil selects every policy in the namespace.
        public var policySelector: LabelSelector?
        /// `update` (UA-13): `{strategy: Setters, path}`.
        public var update: UpdateStrategy?
        /// `suspend` (UA-14).
        public var suspend: Bool?

        /// Creates a spec.
        public init(
            sourceRef: CrossNamespaceObjectReference, git: GitSpec?, interval: GoDuration, policySelector: LabelSelector? = nil,
            update: UpdateStrategy? = UpdateStrategy()
        ) {
            self.sourceRef = sourceRef
            self.git = git
            self.interval = interval
            self.policySelector = policySelector
            self.update = update
        }
    }

    /// `spec.git`.
    public struct GitSpec: Sendable, Hashable, Codable {
        /// `checkout`: overrides the GitRepository's `ref`.
        public var checkout: Checkout?
        /// `commit` (required).
        public var commit: CommitSpec
        /// `push`.
        public var push: PushSpec?

        /// Creates a Git spec.
        public init(checkout: Checkout? = nil, commit: CommitSpec, push: PushSpec? = nil) {
            self.checkout = checkout
            self.commit = commit
            self.push = push
        }
    }

    /// `spec.git.checkout`.
    public struct Checkout: Sendable, Hashable, Codable {
        /// `ref`: the same type as GitRepository's.
        public var ref: GitRepository.Reference

        /// Creates a checkout.
        public init(ref: GitRepository.Reference) {
            self.ref = ref
        }
    }

    /// `spec.git.commit`.
    public struct CommitSpec: Sendable, Hashable, Codable {
        /// `author` (required): author and committer.
        public var author: Author
        /// `signingKey`.
        public var signingKey: SigningKey?
        /// `messageTemplate`: a Go template (UA-50).
        public var messageTemplate: String?
        /// `messageTemplateValues`: `.Values` in the template.
        public var messageTemplateValues: [String: String]?

        /// Creates a commit spec.
        public init(author: Author, signingKey: SigningKey? = nil, messageTemplate: String? = nil, messageTemplateValues: [String: String]? = nil) {
            self.author = author
            self.signingKey = signingKey
            self.messageTemplate = messageTemplate
            self.messageTemplateValues = messageTemplateValues
        }

        /// Flux's message when no template is given.
        public static let defaultMessage = "Update from image update automation"
    }

    /// `spec.git.commit.author`.
    public struct Author: Sendable, Hashable, Codable {
        /// `email` (required).
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
        /// `secretRef`: `git.asc` (+ `passphrase`) for gpg, `identity` (+ `password`) for ssh.
        public var secretRef: LocalObjectReference
        /// `type`: `gpg` (the default) or `ssh`.
        public var type: String?

        /// Creates a signing key reference.
        public init(secretRef: LocalObjectReference, type: String? = nil) {
            self.secretRef = secretRef
            self.type = type
        }
    }

    /// `spec.git.push`.
    public struct PushSpec: Sendable, Hashable, Codable {
        /// `branch` (UA-08).
        public var branch: String?
        /// `refspec` (UA-09).
        public var refspec: String?
        /// `options` (UA-10): git push options.
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
        /// `strategy`: only `Setters`.
        public var strategy: String?
        /// `path`: defaults to the repository root.
        public var path: String?

        /// Creates an update strategy (`Setters` by default).
        public init(strategy: String? = "Setters", path: String? = nil) {
            self.strategy = strategy
            self.path = path
        }
    }

    /// `status.observedPolicies` values.
    public struct ObservedPolicy: Sendable, Hashable, Codable {
        public var name: String
        public var tag: String
        public var digest: String?

        /// Creates an observed policy.
        public init(name: String, tag: String, digest: String? = nil) {
            self.name = name
            self.tag = tag
            self.digest = digest
        }
    }

    /// `status`.
    public struct Status: Sendable, Hashable, Codable {
        public var observedGeneration: Int64?
        public var conditions: [Condition]
        public var lastHandledReconcileAt: String?
        /// `lastAutomationRunTime` (UA-15).
        public var lastAutomationRunTime: String?
        /// `lastPushCommit` (UA-16).
        public var lastPushCommit: String?
        /// `lastPushTime` (UA-16).
        public var lastPushTime: String?
        /// `observedPolicies` (UA-17), by policy name.
        public var observedPolicies: [String: ObservedPolicy]?
        /// `observedSourceRevision` (UA-18): `<branch>@sha1:<hash>`.
        public var observedSourceRevision: String?

        /// An empty status, as the CRD defaults it.
        public init() {
            observedGeneration = -1
            conditions = []
        }
    }

    /// The GitRepository reference with its namespace resolved (the automation's own by default).
    public var sourceKey: ObjectID {
        ObjectID(kind: spec.sourceRef.kind, namespace: resolvedNamespace(spec.sourceRef.namespace, default: metadata.namespace), name: spec.sourceRef.name)
    }

    /// What the CRD would refuse in this object, each naming the field.
    public func validationErrors() -> [SpecError] {
        var errors: [SpecError] = []
        SpecChecks.oneOf(spec.sourceRef.kind, ["GitRepository"], field: "spec.sourceRef.kind", into: &errors)
        if spec.sourceRef.name.isEmpty { errors.append(.required("spec.sourceRef.name")) }
        SpecChecks.duration(spec.interval, text: nil, field: "spec.interval", into: &errors)
        if let git = spec.git {
            if git.commit.author.email.isEmpty { errors.append(.required("spec.git.commit.author.email")) }
            SpecChecks.oneOf(git.commit.signingKey?.type, ["gpg", "ssh"], field: "spec.git.commit.signingKey.type", into: &errors)
        }
        SpecChecks.oneOf(spec.update?.strategy, ["Setters"], field: "spec.update.strategy", into: &errors)
        for problem in spec.policySelector?.validationErrors() ?? [] {
            errors.append(SpecError(field: "spec.policySelector", value: "", problem: problem))
        }
        return errors
    }
}

extension ImageUpdateAutomation {
    private enum CodingKeys: String, CodingKey { case apiVersion, kind, metadata, spec, status }

    /// Decodes the object; a missing `status` is the empty one, as for a new object.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        apiVersion = try container.decodeIfPresent(String.self, forKey: .apiVersion) ?? Self.apiVersions[0]
        kind = try container.decodeIfPresent(String.self, forKey: .kind) ?? Self.kind
        metadata = try container.decode(ObjectMeta.self, forKey: .metadata)
        spec = try container.decode(Spec.self, forKey: .spec)
        status = try container.decodeIfPresent(Status.self, forKey: .status) ?? Status()
    }
}

extension ImageUpdateAutomation.Status {
    private enum CodingKeys: String, CodingKey { case observedGeneration, conditions, lastHandledReconcileAt, lastAutomationRunTime, lastPushCommit, lastPushTime, observedPolicies, observedSourceRevision }

    /// Decodes a status; missing conditions are none.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        observedGeneration = try container.decodeIfPresent(Int64.self, forKey: .observedGeneration)
        conditions = try container.decodeIfPresent([Condition].self, forKey: .conditions) ?? []
        lastHandledReconcileAt = try container.decodeIfPresent(String.self, forKey: .lastHandledReconcileAt)
        lastAutomationRunTime = try container.decodeIfPresent(String.self, forKey: .lastAutomationRunTime)
        lastPushCommit = try container.decodeIfPresent(String.self, forKey: .lastPushCommit)
        lastPushTime = try container.decodeIfPresent(String.self, forKey: .lastPushTime)
        observedPolicies = try container.decodeIfPresent([String: ImageUpdateAutomation.ObservedPolicy].self, forKey: .observedPolicies)
        observedSourceRevision = try container.decodeIfPresent(String.self, forKey: .observedSourceRevision)
    }

    /// Encodes the fields that are set.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(observedGeneration, forKey: .observedGeneration)
        if !conditions.isEmpty { try container.encode(conditions, forKey: .conditions) }
        try container.encodeIfPresent(lastHandledReconcileAt, forKey: .lastHandledReconcileAt)
        try container.encodeIfPresent(lastAutomationRunTime, forKey: .lastAutomationRunTime)
        try container.encodeIfPresent(lastPushCommit, forKey: .lastPushCommit)
        try container.encodeIfPresent(lastPushTime, forKey: .lastPushTime)
        try container.encodeIfPresent(observedPolicies, forKey: .observedPolicies)
        try container.encodeIfPresent(observedSourceRevision, forKey: .observedSourceRevision)
    }
}
