public import FerryCore

/// What `ferry install` puts in a cluster.
public struct InstallOptions: Sendable, Hashable {
    /// The namespace of the controller (`--namespace`, Flux's default `flux-system`).
    public var namespace: String
    /// `--watch-label-selector`, passed to the controller.
    public var watchLabelSelector: String?
    /// The container image of the controller.
    public var image: String

    /// Creates options.
    public init(namespace: String = "flux-system", watchLabelSelector: String? = nil, image: String = "ferry:\(FerryKubernetes.version)") {
        self.namespace = namespace
        self.watchLabelSelector = watchLabelSelector.flatMap { $0.isEmpty ? nil : $0 }
        self.image = image
    }
}

/// The manifests of `ferry install`: Namespace, the three CRDs, ServiceAccount, least-privilege
/// RBAC and the Deployment, in the order they are applied.
public enum InstallManifests {
    /// The name of the ServiceAccount, roles and Deployment.
    public static let name = "ferry-controller"

    /// Every manifest.
    public static func all(_ options: InstallOptions) -> [JSONValue] {
        [namespace(options)] + ImageCRDs.all + [
            serviceAccount(options), clusterRole, clusterRoleBinding(options), leaderElectionRole(options),
            leaderElectionRoleBinding(options), deployment(options),
        ]
    }

    static let labels: JSONValue = ["app.kubernetes.io/component": "ferry-controller", "app.kubernetes.io/part-of": "ferry"]

    static func metadata(_ name: String, namespace: String? = nil) -> JSONValue {
        var members: [(String, JSONValue)] = [("labels", labels), ("name", .string(name))]
        if let namespace { members.append(("namespace", .string(namespace))) }
        return .object(members)
    }

    static func namespace(_ options: InstallOptions) -> JSONValue {
        ["apiVersion": "v1", "kind": "Namespace", "metadata": metadata(options.namespace)]
    }

    static func serviceAccount(_ options: InstallOptions) -> JSONValue {
        ["apiVersion": "v1", "kind": "ServiceAccount", "metadata": metadata(name, namespace: options.namespace)]
    }

    static func rule(_ groups: [String], _ resources: [String], _ verbs: [String]) -> JSONValue {
        [
            "apiGroups": .array(groups.map { .string($0) }), "resources": .array(resources.map { .string($0) }),
            "verbs": .array(verbs.map { .string($0) }),
        ]
    }

    /// Cluster-wide permissions: the image kinds (read, patch for finalizers) and their status
    /// (patch), GitRepositories (read), Secrets (get: registry and Git credentials),
    /// ServiceAccounts (get: `imagePullSecrets`, IR-05), Namespaces (get: `accessFrom` labels,
    /// IP-20), Events (create, and patch for a repeated event's series).
    static var clusterRole: JSONValue {
        let kinds = ["imagepolicies", "imagerepositories", "imageupdateautomations"]
        return [
            "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole", "metadata": metadata(name),
            "rules": [
                rule([ImageCRDs.group], kinds, ["get", "list", "watch", "patch"]),
                rule([ImageCRDs.group], kinds.map { $0 + "/status" }, ["get", "patch"]),
                rule(["source.toolkit.fluxcd.io"], ["gitrepositories"], ["get", "list", "watch"]),
                rule(["notification.toolkit.fluxcd.io"], ["alerts", "providers", "receivers"], ["get", "list", "watch"]),
                rule(["notification.toolkit.fluxcd.io"], ["receivers/status"], ["get", "patch"]),
                rule([""], ["secrets", "serviceaccounts", "namespaces"], ["get"]),
                rule(["events.k8s.io"], ["events"], ["create", "patch"]),
            ],
        ]
    }

    static func clusterRoleBinding(_ options: InstallOptions) -> JSONValue {
        [
            "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRoleBinding", "metadata": metadata(name),
            "roleRef": ["apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": .string(name)],
            "subjects": [["kind": "ServiceAccount", "name": .string(name), "namespace": .string(options.namespace)]],
        ]
    }

    /// Leader election: Leases in the controller's own namespace only.
    static func leaderElectionRole(_ options: InstallOptions) -> JSONValue {
        [
            "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "Role",
            "metadata": metadata(name + "-leader-election", namespace: options.namespace),
            "rules": [rule(["coordination.k8s.io"], ["leases"], ["get", "create", "update", "patch"])],
        ]
    }

    static func leaderElectionRoleBinding(_ options: InstallOptions) -> JSONValue {
        [
            "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "RoleBinding",
            "metadata": metadata(name + "-leader-election", namespace: options.namespace),
            "roleRef": ["apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": .string(name + "-leader-election")],
            "subjects": [["kind": "ServiceAccount", "name": .string(name), "namespace": .string(options.namespace)]],
        ]
    }

    static func deployment(_ options: InstallOptions) -> JSONValue {
        var args: [JSONValue] = ["controller", "--leader-elect", "--metrics-addr=:8080", "--health-addr=:9440", "--storage-path=/data"]
        if let selector = options.watchLabelSelector { args.append(.string("--watch-label-selector=\(selector)")) }
        let probe: (String) -> JSONValue = { path in ["httpGet": ["path": .string(path), "port": "healthz"]] }
        let container: JSONValue = [
            "args": .array(args),
            "env": [["name": "RUNTIME_NAMESPACE", "valueFrom": ["fieldRef": ["fieldPath": "metadata.namespace"]]]],
            "image": .string(options.image),
            "imagePullPolicy": "IfNotPresent",
            "livenessProbe": probe("/healthz"),
            "name": "manager",
            "ports": [
                ["containerPort": 8080, "name": "http-prom", "protocol": "TCP"],
                ["containerPort": 9440, "name": "healthz", "protocol": "TCP"],
            ],
            "readinessProbe": probe("/readyz"),
            "resources": ["limits": ["cpu": "1000m", "memory": "1Gi"], "requests": ["cpu": "100m", "memory": "64Mi"]],
            "securityContext": [
                "allowPrivilegeEscalation": false, "capabilities": ["drop": ["ALL"]], "readOnlyRootFilesystem": true, "runAsNonRoot": true,
                "runAsUser": 65532, "seccompProfile": ["type": "RuntimeDefault"],
            ],
            "volumeMounts": [["mountPath": "/data", "name": "data"], ["mountPath": "/tmp", "name": "tmp"]],
        ]
        return [
            "apiVersion": "apps/v1", "kind": "Deployment", "metadata": metadata(name, namespace: options.namespace),
            "spec": [
                "replicas": 1,
                "selector": ["matchLabels": ["app": .string(name)]],
                "template": [
                    "metadata": [
                        "annotations": ["prometheus.io/port": "8080", "prometheus.io/scrape": "true"],
                        "labels": ["app": .string(name)],
                    ],
                    "spec": [
                        "containers": [container],
                        "nodeSelector": ["kubernetes.io/os": "linux"],
                        "securityContext": ["fsGroup": 1337],
                        "serviceAccountName": .string(name),
                        "terminationGracePeriodSeconds": 10,
                        "volumes": [["emptyDir": [:], "name": "data"], ["emptyDir": [:], "name": "tmp"]],
                    ],
                ],
            ],
        ]
    }

    /// The API type of a manifest, for applying it.
    public static func resource(of manifest: JSONValue) -> APIResourceKind? {
        guard let apiVersion = manifest["apiVersion"]?.stringValue, let kind = manifest["kind"]?.stringValue else { return nil }
        let parts = apiVersion.split(separator: "/").map(String.init)
        let (group, version) = parts.count == 2 ? (parts[0], parts[1]) : ("", apiVersion)
        let table: [String: (String, Bool)] = [
            "Namespace": ("namespaces", false), "CustomResourceDefinition": ("customresourcedefinitions", false),
            "ServiceAccount": ("serviceaccounts", true), "ClusterRole": ("clusterroles", false), "ClusterRoleBinding": ("clusterrolebindings", false),
            "Role": ("roles", true), "RoleBinding": ("rolebindings", true), "Deployment": ("deployments", true),
        ]
        guard let (plural, namespaced) = table[kind] else { return nil }
        return APIResourceKind(group: group, version: version, kind: kind, plural: plural, namespaced: namespaced)
    }
}
