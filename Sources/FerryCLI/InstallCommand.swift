import ArgumentParser
import FerryCore
import FerryKubernetes
import Foundation

/// `ferry install`: the CRDs, RBAC and Deployment of controller mode.
struct InstallCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "install",
        abstract: "Install Ferry's CRDs, service account, RBAC and controller Deployment in a cluster.",
        discussion: """
            Puts in the cluster what `flux install --components-extra=image-reflector-controller,image-automation-controller` \
            adds for image automation: the ImageRepository, ImagePolicy and ImageUpdateAutomation CRDs \
            (image.toolkit.fluxcd.io, v1 stored, v1beta2 served), a ServiceAccount, a ClusterRole and \
            ClusterRoleBinding with the least privilege the controller needs, a Role for its leader-election \
            Lease, and the Deployment running `ferry controller`. Objects are applied server-side (field \
            manager `ferry`); running it again updates them. It then waits until the CRDs are established.

            With --export nothing is sent: the manifests are printed as YAML, to commit to a Git repository \
            or pipe to `kubectl apply -f -`.

            The cluster comes from --kubeconfig, else $KUBECONFIG, else the pod's service account, else \
            ~/.kube/config; --context picks a context.

            Examples:
              ferry install --export > ferry-system.yaml
              ferry install --namespace flux-system --image registry.example.com/ferry:0.1.0
              ferry install --export --watch-label-selector sharding.fluxcd.io/shard=shard1
              ferry install --kubeconfig ~/.kube/staging --context staging
            """
    )

    @Flag(help: "Print the manifests as YAML instead of applying them.")
    var export = false

    @Option(name: [.customShort("n"), .customLong("namespace")], help: ArgumentHelp("The namespace of the controller.", valueName: "namespace"))
    var namespace = "flux-system"

    @Option(
        name: .customLong("watch-label-selector"),
        help: ArgumentHelp("Only reconcile image objects with these labels (sharding), e.g. sharding.fluxcd.io/shard=shard1.", valueName: "selector"))
    var watchLabelSelector: String?

    @Option(help: ArgumentHelp("The controller's container image.", valueName: "image"))
    var image = "ferry:\(FerryKubernetes.version)"

    @Option(help: ArgumentHelp("The kubeconfig file to use.", valueName: "file"))
    var kubeconfig: String?

    @Option(help: ArgumentHelp("The kubeconfig context to use instead of current-context.", valueName: "context"))
    var context: String?

    func validate() throws {
        let allowed = namespace.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
        if namespace.isEmpty || namespace.count > 63 || !allowed || namespace.hasPrefix("-") || namespace.hasSuffix("-") {
            throw ValidationError("--namespace: \"\(namespace)\" is not a valid namespace name (lower-case letters, digits and '-', at most 63)")
        }
        if let selector = watchLabelSelector, selector.contains(where: { $0 == " " || $0 == "\n" }) && !selector.contains("in (") {
            throw ValidationError("--watch-label-selector: \"\(selector)\" is not a label selector (key=value[,key2=value2])")
        }
        if image.isEmpty || image.contains(" ") { throw ValidationError("--image: \"\(image)\" is not an image reference") }
    }

    func run() async throws {
        let console = Console.current
        let options = InstallOptions(namespace: namespace, watchLabelSelector: watchLabelSelector, image: image)
        let manifests = InstallManifests.all(options)
        if export {
            console.writeOutput(YAMLWriter.documents(manifests))
            return
        }
        do {
            let connection = try ClusterConnection.resolve(kubeconfig: kubeconfig, context: context, environment: ProcessInfo.processInfo.environment)
            let client = try KubeClient(connection: connection)
            try await Installer(client: client).apply(manifests) { console.print($0) }
            console.print("✔ install finished: the controller runs in namespace \(namespace)")
        } catch let error as KubeConfigError {
            throw CommandFailure(.invalidInput, error.description)
        } catch let error as KubeAPIError {
            throw CommandFailure(.failure, error.description)
        } catch let error as KubeClientError {
            throw CommandFailure(.failure, error.description)
        } catch let error as InstallError {
            throw CommandFailure(.failure, error.description)
        }
    }
}
