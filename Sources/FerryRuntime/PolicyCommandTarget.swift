public import FerryCore
import FerryServer

/// The ImagePolicy a `ferry rollback` or `ferry explain policy` works on, and where its objects live: a standalone
/// folder with its state file, or a ``PolicyCommandContext`` made elsewhere (a cluster's).
public struct PolicyCommandTarget: Sendable {
    /// Where the objects, state and quarantine come from.
    public enum Location: Sendable {
        /// The folder of manifests (and Secrets) and the SQLite state file of `ferry run`.
        case standalone(manifests: String, secrets: String?, state: String)
        /// A context made by the caller.
        case context(PolicyCommandContext)
    }

    /// Where the objects live.
    public var location: Location
    /// The policy's namespace.
    public var namespace: String
    /// The policy's name.
    public var name: String
    /// The time ages are measured at and quarantines are stamped with.
    public var now: @Sendable () -> Timestamp

    /// A policy in a standalone folder.
    public init(manifests: String, secrets: String?, state: String, namespace: String, name: String) {
        self.location = .standalone(manifests: manifests, secrets: secrets, state: state)
        self.namespace = namespace
        self.name = name
        self.now = HTTPServerConfiguration.wallClock
    }

    /// A policy in `context` (e.g. a cluster's); its clock is the context's.
    public init(context: PolicyCommandContext, namespace: String, name: String) {
        self.location = .context(context)
        self.namespace = namespace
        self.name = name
        self.now = context.now
    }

    /// The context to work on; a standalone one opens the state file, creating it only with `createState`.
    func context(createState: Bool) throws -> PolicyCommandContext {
        switch location {
        case .context(let context):
            context
        case .standalone(let manifests, let secrets, let state):
            try PolicyCommandContext.standalone(manifests: manifests, secrets: secrets, state: state, createState: createState, now: now)
        }
    }
}
