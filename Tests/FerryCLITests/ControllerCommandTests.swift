import Foundation
import Testing

/// `ferry controller`: flags, help and the errors that stop it before it reconciles.
struct ControllerCommandTests {
    @Test func helpHasExamples() async {
        let result = await ferry(["controller", "--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("ferry controller --leader-elect --state /data/ferry.sqlite --concurrent 8"))
        for flag in ["--kubeconfig", "--context", "--watch-label-selector", "--leader-elect", "--concurrent", "--state"] {
            #expect(result.stdout.contains(flag), "\(flag)")
        }
    }

    @Test func aMissingKubeconfigExitsThree() async {
        let result = await ferry(["controller", "--kubeconfig", "/nonexistent/kubeconfig"])
        #expect(result.status == 3)
        #expect(result.stderr.hasPrefix("ferry: "))
        #expect(result.stderr.contains("/nonexistent/kubeconfig"))
    }

    @Test func anUnreachableAPIServerExitsThree() async throws {
        let path = NSTemporaryDirectory() + "ferry-controller-\(UUID().uuidString).kubeconfig"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try """
            apiVersion: v1
            kind: Config
            clusters:
            - name: nowhere
              cluster:
                server: http://127.0.0.1:1
            users:
            - name: admin
              user:
                token: not-a-real-token
            contexts:
            - name: nowhere
              context:
                cluster: nowhere
                user: admin
                namespace: flux-system
            current-context: nowhere

            """.write(toFile: path, atomically: true, encoding: .utf8)
        let result = await ferry(["controller", "--kubeconfig", path])
        #expect(result.status == 3)
        #expect(result.stderr.contains("ferry: The API server http://127.0.0.1:1"), "\(result.stderr)")
        #expect(result.stderr.contains("could not be reached"))
        #expect(!result.stderr.contains("not-a-real-token"))
    }

    @Test(arguments: [["--concurrent", "0"], ["--watch-label-selector", ""], ["--log-level", "loud"]])
    func invalidFlagsExitTwo(_ flags: [String]) async {
        let result = await ferry(["controller"] + flags)
        #expect(result.status == 2)
        #expect(result.stderr.contains(flags[0]), "\(result.stderr)")
    }
}
