import Foundation
import Yams

extension ClusterConnection {
    /// The directory a pod's service account is mounted at.
    public static let serviceAccountDirectory = "/var/run/secrets/kubernetes.io/serviceaccount"

    /// Picks the configuration as controller-runtime does: the `--kubeconfig` path if given,
    /// else `$KUBECONFIG`, else the pod's service account when `KUBERNETES_SERVICE_HOST` is
    /// set, else `~/.kube/config`.
    ///
    /// - Parameters:
    ///   - kubeconfig: an explicit kubeconfig path (`--kubeconfig`).
    ///   - context: a context to use instead of `current-context` (`--context`).
    ///   - environment: the process environment.
    /// - Throws: ``KubeConfigError`` naming the file and field at fault.
    public static func resolve(kubeconfig: String? = nil, context: String? = nil, environment: [String: String]) throws -> ClusterConnection {
        if let kubeconfig, !kubeconfig.isEmpty { return try Self.kubeconfig(paths: [kubeconfig], context: context) }
        if let variable = environment["KUBECONFIG"], !variable.isEmpty {
            let paths = variable.split(separator: ":").map(String.init).filter { !$0.isEmpty }
            return try Self.kubeconfig(paths: paths, context: context)
        }
        if environment["KUBERNETES_SERVICE_HOST"] != nil { return try inCluster(environment: environment) }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return try Self.kubeconfig(paths: [home + "/.kube/config"], context: context)
    }

    /// Reads a kubeconfig; several paths merge as `$KUBECONFIG` does (the first file that
    /// names a cluster, user or context wins, and the first `current-context` set wins).
    public static func kubeconfig(paths: [String], context requested: String? = nil) throws -> ClusterConnection {
        guard !paths.isEmpty else { throw KubeConfigError(source: "(no kubeconfig)", problem: "no kubeconfig path was given") }
        var clusters: [String: (KubeConfigFile.Cluster, String)] = [:]
        var users: [String: (KubeConfigFile.User, String)] = [:]
        var contexts: [String: KubeConfigFile.Context] = [:]
        var current: String?
        for path in paths {
            let file = try readKubeconfig(path)
            let directory = (path as NSString).deletingLastPathComponent
            for entry in file.clusters ?? [] where clusters[entry.name] == nil { clusters[entry.name] = (entry.cluster, directory) }
            for entry in file.users ?? [] where users[entry.name] == nil { users[entry.name] = (entry.user, directory) }
            for entry in file.contexts ?? [] where contexts[entry.name] == nil { contexts[entry.name] = entry.context }
            if current == nil, let name = file.currentContext, !name.isEmpty { current = name }
        }
        let source = paths.count == 1 ? paths[0] : paths.joined(separator: ":")
        guard let contextName = requested ?? current else {
            throw KubeConfigError(source: source, problem: "current-context is not set and no context was requested")
        }
        guard let context = contexts[contextName] else {
            throw KubeConfigError(source: source, problem: "context \"\(contextName)\" is not defined")
        }
        guard let (cluster, clusterDirectory) = clusters[context.cluster] else {
            throw KubeConfigError(source: source, problem: "context \"\(contextName)\" names cluster \"\(context.cluster)\", which is not defined")
        }
        guard let server = cluster.server, !server.isEmpty else {
            throw KubeConfigError(source: source, problem: "cluster \"\(context.cluster)\" has no server")
        }
        guard server.hasPrefix("https://") || server.hasPrefix("http://") else {
            throw KubeConfigError(
                source: source, problem: "cluster \"\(context.cluster)\" has server \"\(server)\", which is not an http or https URL")
        }
        var connection = ClusterConnection(
            server: server, namespace: context.namespace.flatMap { $0.isEmpty ? nil : $0 } ?? "default",
            origin: "kubeconfig \(source), context \(contextName)")
        connection.insecureSkipTLSVerify = cluster.insecureSkipTLSVerify ?? false
        connection.certificateAuthorityPEM = try material(
            data: cluster.certificateAuthorityData, file: cluster.certificateAuthority, directory: clusterDirectory, source: source,
            field: "clusters[\(context.cluster)].certificate-authority")
        if let userName = context.user, !userName.isEmpty {
            guard let (user, userDirectory) = users[userName] else {
                throw KubeConfigError(source: source, problem: "context \"\(contextName)\" names user \"\(userName)\", which is not defined")
            }
            if user.exec != nil || user.authProvider != nil {
                throw KubeConfigError(
                    source: source,
                    problem:
                        "user \"\(userName)\" authenticates with an exec or auth-provider plugin, which Ferry does not run; use a token or client certificate"
                )
            }
            connection.clientCertificatePEM = try material(
                data: user.clientCertificateData, file: user.clientCertificate, directory: userDirectory, source: source,
                field: "users[\(userName)].client-certificate")
            connection.clientKeyPEM = try material(
                data: user.clientKeyData, file: user.clientKey, directory: userDirectory, source: source, field: "users[\(userName)].client-key")
            if (connection.clientCertificatePEM == nil) != (connection.clientKeyPEM == nil) {
                throw KubeConfigError(
                    source: source, problem: "user \"\(userName)\" has a client certificate without a key, or a key without a certificate")
            }
            if let token = user.token, !token.isEmpty {
                connection.credentials = .bearerToken(token)
            } else if let tokenFile = user.tokenFile, !tokenFile.isEmpty {
                connection.credentials = .bearerTokenFile(resolvePath(tokenFile, directory: userDirectory))
            } else if let username = user.username, let password = user.password {
                connection.credentials = .basic(username: username, password: password)
            }
        }
        return connection
    }

    /// The pod's service account: `KUBERNETES_SERVICE_HOST`/`KUBERNETES_SERVICE_PORT`, the
    /// token (read again as it rotates), `ca.crt` and `namespace` from the mounted directory.
    public static func inCluster(environment: [String: String], serviceAccountDirectory: String = serviceAccountDirectory) throws -> ClusterConnection
    {
        guard let host = environment["KUBERNETES_SERVICE_HOST"], !host.isEmpty, let port = environment["KUBERNETES_SERVICE_PORT"], !port.isEmpty
        else {
            throw KubeConfigError(
                source: "in-cluster", problem: "KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT must both be set (they are inside a pod)")
        }
        let tokenPath = serviceAccountDirectory + "/token"
        guard FileManager.default.isReadableFile(atPath: tokenPath) else {
            throw KubeConfigError(source: "in-cluster", problem: "the service-account token \(tokenPath) cannot be read")
        }
        let caPath = serviceAccountDirectory + "/ca.crt"
        guard let ca = FileManager.default.contents(atPath: caPath) else {
            throw KubeConfigError(source: "in-cluster", problem: "the service-account CA bundle \(caPath) cannot be read")
        }
        let namespaceText = FileManager.default.contents(atPath: serviceAccountDirectory + "/namespace").map { String(decoding: $0, as: UTF8.self) }
        let namespace = namespaceText?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        let hostPart = host.contains(":") ? "[\(host)]" : host
        return ClusterConnection(
            server: "https://\(hostPart):\(port)", certificateAuthorityPEM: Array(ca), credentials: .bearerTokenFile(tokenPath),
            namespace: namespace.isEmpty ? "default" : namespace, origin: "in-cluster service account")
    }

    private static func readKubeconfig(_ path: String) throws -> KubeConfigFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw KubeConfigError(source: path, problem: "the file cannot be read")
        }
        do {
            return try YAMLDecoder().decode(KubeConfigFile.self, from: data)
        } catch {
            throw KubeConfigError(source: path, problem: "it is not a valid kubeconfig (\(Self.describe(error)))")
        }
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            return "missing \((context.codingPath + [key]).map(\.stringValue).joined(separator: "."))"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context), DecodingError.dataCorrupted(let context):
            return "bad value at \(context.codingPath.map(\.stringValue).joined(separator: ".")): \(context.debugDescription)"
        default:
            return "\(error)"
        }
    }

    private static func resolvePath(_ path: String, directory: String) -> String {
        path.hasPrefix("/") || directory.isEmpty ? path : directory + "/" + path
    }

    private static func material(data: String?, file: String?, directory: String, source: String, field: String) throws -> [UInt8]? {
        if let data, !data.isEmpty {
            guard let decoded = Data(base64Encoded: data, options: .ignoreUnknownCharacters) else {
                throw KubeConfigError(source: source, problem: "\(field)-data is not base64")
            }
            return Array(decoded)
        }
        if let file, !file.isEmpty {
            let path = resolvePath(file, directory: directory)
            guard let contents = FileManager.default.contents(atPath: path) else {
                throw KubeConfigError(source: source, problem: "\(field) names \(path), which cannot be read")
            }
            return Array(contents)
        }
        return nil
    }
}
