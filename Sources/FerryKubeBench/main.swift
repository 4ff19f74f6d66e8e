import FerryKubeTesting
import FerryKubernetes
import Foundation

// The API server side of benchmarks/controller.sh: the fake kube-apiserver (recorded v1.36 wire
// format) with one ImageRepository and N ImagePolicies, a kubeconfig for it, and one line on
// standard output each time the number of policies with a `status.latestRef` changes:
//   reconciled K/N after S s
// then `all-reconciled S` once every policy has one. It runs until killed.
//
//   ferry-kube-bench --policies 1000 --image 127.0.0.1:5000/bench/app --kubeconfig /tmp/k
/// One line on standard output, unbuffered.
func emit(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

var arguments = ArraySlice(CommandLine.arguments.dropFirst())
var policies = 1000
var image = ""
var kubeconfig = ""
while let flag = arguments.popFirst() {
    guard let value = arguments.popFirst() else { break }
    switch flag {
    case "--policies": policies = Int(value) ?? policies
    case "--image": image = value
    case "--kubeconfig": kubeconfig = value
    default:
        FileHandle.standardError.write(Data("ferry-kube-bench: unknown flag \(flag)\n".utf8))
        exit(2)
    }
}
guard !image.isEmpty, !kubeconfig.isEmpty else {
    FileHandle.standardError.write(Data("usage: ferry-kube-bench --policies N --image REGISTRY/REPO --kubeconfig FILE\n".utf8))
    exit(2)
}

let server = try await FakeKubeAPIServer.start()
let store = server.store
let namespace = "flux-system"
await store.seed(["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(namespace)]], plural: "namespaces")
await store.seed(
    [
        "apiVersion": "image.toolkit.fluxcd.io/v1", "kind": "ImageRepository", "metadata": ["name": "app", "namespace": .string(namespace)],
        "spec": ["image": .string(image), "interval": "5m", "insecure": true],
    ], plural: "imagerepositories")
for index in 0..<policies {
    let name = "policy-" + String(index + 10000).dropFirst()
    let range = [">=1.0.0", ">=1.0.0 <2.0.0", "~1.2", "^1.x"][index % 4]
    await store.seed(
        [
            "apiVersion": "image.toolkit.fluxcd.io/v1", "kind": "ImagePolicy", "metadata": ["name": .string(name), "namespace": .string(namespace)],
            "spec": ["imageRepositoryRef": ["name": "app"], "policy": ["semver": ["range": .string(range)]]],
        ], plural: "imagepolicies")
}
let config = """
    apiVersion: v1
    kind: Config
    clusters:
    - name: bench
      cluster:
        server: \(server.url)
    users:
    - name: admin
      user:
        token: admin-token
    contexts:
    - name: bench
      context:
        cluster: bench
        user: admin
        namespace: \(namespace)
    current-context: bench

    """
try config.write(toFile: kubeconfig, atomically: true, encoding: .utf8)
emit("listening \(server.url)")

let start = ContinuousClock.now
func elapsedSeconds() -> String {
    let elapsed = start.duration(to: .now).components
    return String(format: "%.2f", Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18)
}
var last = -1
var announced = false
while true {
    let done = await store.count("imagepolicies") { $0[path: ["status", "latestRef"]] != nil }
    if done != last, done > 0 {
        emit("reconciled \(done)/\(policies) after \(elapsedSeconds()) s, \(await store.requestCount) requests")
        last = done
    }
    if done == policies, !announced {
        emit("all-reconciled \(elapsedSeconds())")
        announced = true
    }
    try await Task.sleep(for: .milliseconds(100))
}
