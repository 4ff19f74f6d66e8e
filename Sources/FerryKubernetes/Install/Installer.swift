import FerryCore

/// Applies ``InstallManifests`` to a cluster with server-side apply (field manager `ferry`,
/// conflicts forced, as `flux install` does), then waits until the CRDs are established.
public struct Installer: Sendable {
    /// The field manager of the applied objects.
    public static let fieldManager = "ferry"

    /// The client.
    public var client: KubeClient
    /// How long to wait for the CRDs to become established.
    public var establishTimeout: Duration
    /// The pause between checks.
    public var pollInterval: Duration

    /// Creates an installer.
    public init(client: KubeClient, establishTimeout: Duration = .seconds(60), pollInterval: Duration = .milliseconds(250)) {
        self.client = client
        self.establishTimeout = establishTimeout
        self.pollInterval = pollInterval
    }

    /// Applies every manifest in order; `progress` gets one line per object
    /// (`customresourcedefinition/imagepolicies.image.toolkit.fluxcd.io applied`).
    ///
    /// - Throws: ``KubeAPIError`` when the server refuses an object, ``InstallError`` when the
    ///   CRDs do not become established in time.
    public func apply(_ manifests: [JSONValue], progress: (String) -> Void) async throws {
        for manifest in manifests {
            guard let resource = InstallManifests.resource(of: manifest), let name = manifest[path: ["metadata", "name"]]?.stringValue else {
                throw InstallError(problem: "a manifest has an unknown kind or no name: \(manifest["kind"]?.stringValue ?? "?")")
            }
            let namespace = manifest[path: ["metadata", "namespace"]]?.stringValue
            _ = try await client.apply(manifest, resource, namespace: namespace, fieldManager: Self.fieldManager, force: true)
            progress("\(resource.kind.lowercased())/\(name) applied")
        }
        for manifest in manifests where manifest["kind"]?.stringValue == "CustomResourceDefinition" {
            guard let name = manifest[path: ["metadata", "name"]]?.stringValue else { continue }
            try await waitEstablished(name)
            progress("customresourcedefinition/\(name) established")
        }
    }

    /// Polls a CRD until its `Established` condition is `True`.
    public func waitEstablished(_ name: String) async throws {
        var waited = Duration.zero
        while true {
            let crd = try await client.get(JSONValue.self, ImageCRDs.resource, name: name, namespace: nil)
            let conditions = crd[path: ["status", "conditions"]]?.arrayElements ?? []
            if conditions.contains(where: { $0["type"]?.stringValue == "Established" && $0["status"]?.stringValue == "True" }) { return }
            guard waited < establishTimeout else {
                let reason = conditions.first { $0["type"]?.stringValue == "Established" }?["reason"]?.stringValue ?? "no Established condition"
                throw InstallError(problem: "CustomResourceDefinition \(name) is not established after \(establishTimeout) (\(reason))")
            }
            try await client.retry.sleep(pollInterval)
            waited += pollInterval
        }
    }
}

/// `ferry install` could not complete.
public struct InstallError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong.
    public var problem: String

    public var description: String { "Install failed: \(problem)." }
}
