import FerryCore
import Testing

struct DockerConfigTests {
    private func config(_ keys: [String], rules: DockerConfig.MatchingRules) -> DockerConfig {
        var entries: [String: DockerConfig.Entry] = [:]
        for key in keys { entries[key] = DockerConfig.Entry(username: key, password: "p") }
        return DockerConfig(entries: entries, rules: rules)
    }

    private func user(_ credentials: RegistryCredentials?) -> String? {
        if case .basic(let username, _)? = credentials { return username }
        return nil
    }

    /// Kubernetes keyring cases (after the table of its keyring tests): globs, paths, ports, Docker Hub keys.
    @Test(arguments: [
        (["https://index.docker.io/v1/"], "index.docker.io/library/alpine", "https://index.docker.io/v1/"),
        (["index.docker.io"], "index.docker.io/fluxcd/flux", "index.docker.io"),
        (["docker.io"], "index.docker.io/library/alpine", nil),
        (["*.azurecr.io"], "team.azurecr.io/app", "*.azurecr.io"),
        (["*.azurecr.io"], "azurecr.io/app", nil),
        (["quay.io", "quay.io/coreos"], "quay.io/coreos/etcd", "quay.io/coreos"),
        (["quay.io", "quay.io/coreos"], "quay.io/other/app", "quay.io"),
        (["localhost:5000"], "localhost:5000/app", "localhost:5000"),
        (["localhost:5000"], "localhost:5001/app", nil),
        (["http://registry.local:8080/v2/"], "registry.local:8080/team/app", "http://registry.local:8080/v2/"),
        (["ghcr.io"], "ghcr.io/org/app", "ghcr.io"),
        (["gcr.io"], "eu.gcr.io/p/app", nil),
        (["*.gcr.io"], "eu.gcr.io/p/app", "*.gcr.io"),
        (["[a-c].example.com"], "b.example.com/app", "[a-c].example.com"),
    ] as [([String], String, String?)])
    func matchesLikeTheKubernetesKeyring(keys: [String], repository: String, expected: String?) {
        #expect(user(config(keys, rules: .kubernetes).credentials(for: repository)) == expected)
    }

    @Test(arguments: [
        (["https://index.docker.io/v1/"], "index.docker.io/library/alpine", "https://index.docker.io/v1/"),
        (["index.docker.io"], "index.docker.io/library/alpine", nil),
        (["ghcr.io"], "ghcr.io/org/app", "ghcr.io"),
        (["https://ghcr.io/v2/"], "ghcr.io/org/app", "https://ghcr.io/v2/"),
        (["127.0.0.1:5000"], "127.0.0.1:5000/app", "127.0.0.1:5000"),
        (["127.0.0.1:5000"], "127.0.0.1:5001/app", nil),
        (["*.azurecr.io"], "team.azurecr.io/app", nil),
    ] as [([String], String, String?)])
    func matchesLikeTheDockerCLI(keys: [String], repository: String, expected: String?) {
        #expect(user(config(keys, rules: .dockerCLI).credentials(for: repository)) == expected)
    }

    @Test func entriesPickTheirCredentialKind() {
        #expect(DockerConfig.Entry(username: "u", password: "p").credentials == .basic(username: "u", password: "p"))
        #expect(DockerConfig.Entry(username: "u", password: "p", identityToken: "id").credentials == .identityToken("id"))
        #expect(DockerConfig.Entry(registryToken: "rt").credentials == .registryToken("rt"))
        #expect(DockerConfig.Entry().credentials == .anonymous)
    }

    @Test func descriptionsHideSecrets() {
        let all: [RegistryCredentials] = [.basic(username: "ci", password: "hunter22"), .identityToken("hunter22"), .registryToken("hunter22")]
        for credentials in all {
            #expect(!credentials.description.contains("hunter22"))
            #expect(credentials.secrets == ["hunter22"])
        }
    }
}

struct RegistryProviderTests {
    @Test(arguments: [
        (RegistryProvider.aws, "123456789012.dkr.ecr.us-east-1.amazonaws.com", true),
        (.aws, "123456789012.dkr.ecr-fips.us-gov-west-1.amazonaws.com", true),
        (.aws, "123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn", true),
        (.aws, "public.ecr.aws", true),
        (.aws, "ecr.example.com", false),
        (.aws, "abc.dkr.ecr.us-east-1.amazonaws.com", false),
        (.azure, "team.azurecr.io", true),
        (.azure, "team.azurecr.cn", true),
        (.azure, "azurecr.io", false),
        (.azure, "team.azurecr.com", false),
        (.gcp, "gcr.io", true),
        (.gcp, "eu.gcr.io", true),
        (.gcp, "europe-west1-docker.pkg.dev", true),
        (.gcp, "ghcr.io", false),
        (.generic, "anything:5000", true),
    ])
    func checksRegistryHosts(provider: RegistryProvider, registry: String, accepted: Bool) {
        #expect(provider.accepts(registry: registry) == accepted)
    }

    @Test func readsECRRegions() {
        #expect(RegistryProvider.ecrRegion(of: "123456789012.dkr.ecr.eu-west-1.amazonaws.com") == "eu-west-1")
        #expect(RegistryProvider.ecrAccount(of: "123456789012.dkr.ecr.eu-west-1.amazonaws.com") == "123456789012")
        #expect(RegistryProvider.ecrRegion(of: "ghcr.io") == nil)
    }
}

struct RegistryErrorTests {
    @Test func redactsSecretsAndReadsAsASentence() {
        let error = RegistryError(.unauthorized, operation: "cannot list the tags of r/app", request: "GET https://r/v2/app/tags/list?token=s3cr3t", status: 401, reason: "bad s3cr3t")
            .redacting(["s3cr3t"])
        #expect(error.description == "cannot list the tags of r/app: GET https://r/v2/app/tags/list?token=[redacted] answered 401 Unauthorized: bad [redacted]")
        #expect(error.shortDescription == "unauthorized")
    }
}
