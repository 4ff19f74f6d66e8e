/// A kubeconfig or in-cluster configuration that cannot be used.
public struct KubeConfigError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file (or `in-cluster`) the problem is in.
    public var source: String
    /// What is wrong, as a sentence fragment naming the field and value.
    public var problem: String

    /// Creates an error.
    public init(source: String, problem: String) {
        self.source = source
        self.problem = problem
    }

    public var description: String { "Cannot use the Kubernetes configuration \(source): \(problem)." }
}
