import FerryCore
@testable import FerryKubernetes
@testable import FerryKubeTesting
import Foundation
import Testing

/// kubeconfig and in-cluster configuration, and TLS against the fake server.
struct ClusterConnectionTests {
    static let kubeconfig = """
        apiVersion: v1
        kind: Config
        current-context: dev
        clusters:
        - name: dev-cluster
          cluster:
            server: https://127.0.0.1:6443
            certificate-authority-data: Q0EtREFUQQ==
        - name: prod-cluster
          cluster:
            server: https://prod.example:6443/
            certificate-authority: certs/ca.pem
        - name: lab-cluster
          cluster:
            server: https://lab.example
            insecure-skip-tls-verify: true
        users:
        - name: dev-user
          user:
            token: dev-token
        - name: prod-user
          user:
            client-certificate: certs/client.pem
            client-key-data: S0VZ
        - name: lab-user
          user:
            tokenFile: lab-token
        - name: sso-user
          user:
            exec:
              command: kubelogin
        contexts:
        - name: dev
          context: {cluster: dev-cluster, user: dev-user, namespace: apps}
        - name: prod
          context: {cluster: prod-cluster, user: prod-user}
        - name: lab
          context: {cluster: lab-cluster, user: lab-user}
        - name: sso
          context: {cluster: dev-cluster, user: sso-user}
        - name: broken
          context: {cluster: missing-cluster, user: dev-user}
        """

    func writeConfig(_ directory: String) throws -> String {
        try FileManager.default.createDirectory(atPath: directory + "/certs", withIntermediateDirectories: true)
        try "CA-FILE".write(toFile: directory + "/certs/ca.pem", atomically: true, encoding: .utf8)
        try "CERT-FILE".write(toFile: directory + "/certs/client.pem", atomically: true, encoding: .utf8)
        let path = directory + "/config"
        try Self.kubeconfig.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func theCurrentContextWithATokenAndInlineCA() async throws {
        try await withTemporaryDirectory { directory in
            let connection = try ClusterConnection.kubeconfig(paths: [try writeConfig(directory)])
            #expect(connection.server == "https://127.0.0.1:6443")
            #expect(connection.certificateAuthorityPEM == Array("CA-DATA".utf8))
            #expect(connection.credentials == .bearerToken("dev-token"))
            #expect(connection.namespace == "apps")
        }
    }

    @Test func anotherContextWithClientCertificatesAndFilesRelativeToTheKubeconfig() async throws {
        try await withTemporaryDirectory { directory in
            let connection = try ClusterConnection.kubeconfig(paths: [try writeConfig(directory)], context: "prod")
            #expect(connection.server == "https://prod.example:6443")
            #expect(connection.certificateAuthorityPEM == Array("CA-FILE".utf8))
            #expect(connection.clientCertificatePEM == Array("CERT-FILE".utf8))
            #expect(connection.clientKeyPEM == Array("KEY".utf8))
            #expect(connection.credentials == .none)
            #expect(connection.namespace == "default")
            let lab = try ClusterConnection.kubeconfig(paths: [try writeConfig(directory)], context: "lab")
            #expect(lab.insecureSkipTLSVerify)
            #expect(lab.credentials == .bearerTokenFile(directory + "/lab-token"))
        }
    }

    @Test(arguments: [
        ("nope", "context \"nope\" is not defined"),
        ("broken", "names cluster \"missing-cluster\", which is not defined"),
        ("sso", "exec or auth-provider plugin"),
    ])
    func unusableContextsAreExplained(context: String, message: String) async throws {
        try await withTemporaryDirectory { directory in
            let path = try writeConfig(directory)
            let error = #expect(throws: KubeConfigError.self) { try ClusterConnection.kubeconfig(paths: [path], context: context) }
            #expect(error?.description.contains(message) == true)
            #expect(error?.description.contains(path) == true)
            #expect(error?.description.contains("dev-token") == false)
        }
    }

    @Test func severalKubeconfigsMergeAsKUBECONFIGDoes() async throws {
        try await withTemporaryDirectory { directory in
            let first = directory + "/first"
            try "apiVersion: v1\nkind: Config\ncontexts:\n- name: extra\n  context: {cluster: dev-cluster, user: dev-user, namespace: extra}\n"
                .write(toFile: first, atomically: true, encoding: .utf8)
            let second = try writeConfig(directory)
            let connection = try ClusterConnection.resolve(environment: ["KUBECONFIG": "\(first):\(second)"])
            #expect(connection.namespace == "apps")
            let extra = try ClusterConnection.resolve(context: "extra", environment: ["KUBECONFIG": "\(first):\(second)"])
            #expect(extra.namespace == "extra")
        }
    }

    @Test func aMissingOrInvalidFileIsAnError() async throws {
        try await withTemporaryDirectory { directory in
            #expect(throws: KubeConfigError.self) { try ClusterConnection.kubeconfig(paths: [directory + "/missing"]) }
            try "clusters: 5\n".write(toFile: directory + "/bad", atomically: true, encoding: .utf8)
            let error = #expect(throws: KubeConfigError.self) { try ClusterConnection.kubeconfig(paths: [directory + "/bad"]) }
            #expect(error?.description.contains("not a valid kubeconfig") == true)
        }
    }

    @Test func inClusterReadsTheServiceAccountAndTheEnvironment() async throws {
        try await withTemporaryDirectory { directory in
            try "token-1".write(toFile: directory + "/token", atomically: true, encoding: .utf8)
            try "CA".write(toFile: directory + "/ca.crt", atomically: true, encoding: .utf8)
            try "flux-system\n".write(toFile: directory + "/namespace", atomically: true, encoding: .utf8)
            let connection = try ClusterConnection.inCluster(
                environment: ["KUBERNETES_SERVICE_HOST": "10.0.0.1", "KUBERNETES_SERVICE_PORT": "443"], serviceAccountDirectory: directory)
            #expect(connection.server == "https://10.0.0.1:443")
            #expect(connection.credentials == .bearerTokenFile(directory + "/token"))
            #expect(connection.certificateAuthorityPEM == Array("CA".utf8))
            #expect(connection.namespace == "flux-system")
            let v6 = try ClusterConnection.inCluster(
                environment: ["KUBERNETES_SERVICE_HOST": "fd00::1", "KUBERNETES_SERVICE_PORT": "6443"], serviceAccountDirectory: directory)
            #expect(v6.server == "https://[fd00::1]:6443")
            let error = #expect(throws: KubeConfigError.self) {
                try ClusterConnection.inCluster(environment: [:], serviceAccountDirectory: directory)
            }
            #expect(error?.description.contains("KUBERNETES_SERVICE_HOST") == true)
        }
    }

    @Test func theServerCertificateIsVerifiedAgainstTheConfiguredCA() async throws {
        try await FakeKubeAPIServer.with(tls: try TestConnections.serverTLS()) { server in
            let ca = try Fixtures.bytes(Fixtures.directory + "/tls/ca.crt")
            let good = try KubeClient(
                connection: ClusterConnection(server: server.url, certificateAuthorityPEM: ca, credentials: .bearerToken("admin-token")))
            _ = try await good.withTimeout(.seconds(120)).list(ImagePolicy.self, ImagePolicy.resource, namespace: "default")
            let other = try Fixtures.bytes(Fixtures.directory + "/tls/other-ca.crt")
            var wrong = try KubeClient(
                connection: ClusterConnection(server: server.url, certificateAuthorityPEM: other, credentials: .bearerToken("admin-token")),
                retry: RetryPolicy(maxRetries: 0))
            wrong.requestTimeout = .seconds(1)
            let error = await #expect(throws: KubeClientError.self) {
                _ = try await wrong.list(ImagePolicy.self, ImagePolicy.resource, namespace: "default")
            }
            #expect(error?.isTransport == true)
            let insecure = try KubeClient(
                connection: ClusterConnection(server: server.url, insecureSkipTLSVerify: true, credentials: .bearerToken("admin-token")))
            _ = try await insecure.withTimeout(.seconds(120)).list(ImagePolicy.self, ImagePolicy.resource, namespace: "default")
        }
    }

    @Test func clientCertificatesAuthenticate() async throws {
        let store = FakeKubeStore()
        await store.setAnonymousUser("admin")
        try await FakeKubeAPIServer.with(store: store, tls: try TestConnections.serverTLS(requireClientCertificate: true)) { server in
            let ca = try Fixtures.bytes(Fixtures.directory + "/tls/ca.crt")
            let withCertificate = try KubeClient(
                connection: ClusterConnection(
                    server: server.url, certificateAuthorityPEM: ca, clientCertificatePEM: try Fixtures.bytes(Fixtures.directory + "/tls/client.crt"),
                    clientKeyPEM: try Fixtures.bytes(Fixtures.directory + "/tls/client.key")))
            _ = try await withCertificate.withTimeout(.seconds(120)).list(ImagePolicy.self, ImagePolicy.resource, namespace: "default")
            var without = try KubeClient(
                connection: ClusterConnection(server: server.url, certificateAuthorityPEM: ca), retry: RetryPolicy(maxRetries: 0))
            without.requestTimeout = .seconds(1)
            await #expect(throws: (any Error).self) { _ = try await without.list(ImagePolicy.self, ImagePolicy.resource, namespace: "default") }
        }
    }

    @Test func badTLSMaterialIsReportedAtConstruction() {
        let error = #expect(throws: KubeClientError.self) {
            _ = try KubeClient(connection: ClusterConnection(server: "https://127.0.0.1:6443", certificateAuthorityPEM: Array("not pem".utf8)))
        }
        #expect(error?.description.contains("certificate authority") == true)
    }
}
