import FerryCLI
import Foundation
import Testing

@Suite struct CreateImageCommandTests {
    @Test func repositoryPrintsFluxsExport() async {
        let result = await ferry(["create", "image", "repository", "podinfo", "--image", "ghcr.io/stefanprodan/podinfo", "--interval", "1m", "--export"])
        #expect(result.status == 0)
        #expect(result.stderr == "")
        #expect(result.stdout == """
            ---
            apiVersion: image.toolkit.fluxcd.io/v1
            kind: ImageRepository
            metadata:
              name: podinfo
              namespace: flux-system
            spec:
              image: ghcr.io/stefanprodan/podinfo
              interval: 1m0s


            """)
    }

    @Test func repositoryWithSecretsTimeoutLabelsAndNamespace() async {
        let result = await ferry([
            "create", "image", "repository", "app", "-n", "apps", "--label", "team=web", "--image", "registry.example.com:5000/team/app",
            "--secret-ref", "regcred", "--cert-ref", "registry-ca", "--scan-timeout", "90s", "--interval", "5m", "--export",
        ])
        #expect(result.status == 0)
        #expect(result.stdout == """
            ---
            apiVersion: image.toolkit.fluxcd.io/v1
            kind: ImageRepository
            metadata:
              labels:
                team: web
              name: app
              namespace: apps
            spec:
              certSecretRef:
                name: registry-ca
              image: registry.example.com:5000/team/app
              interval: 5m0s
              secretRef:
                name: regcred
              timeout: 1m30s


            """)
    }

    @Test(arguments: [
        (["--interval", "1m", "--export"], "--image: an image repository (--image) is required"),
        (["--image", "ghcr.io/UPPER/case", "--export"], "--image: unable to parse image value"),
        (["--image", "ghcr.io/a/b", "--interval", "soon", "--export"], "invalid argument \"soon\" for \"--interval\" flag"),
        (["--image", "ghcr.io/a/b"], "add --export to print the manifest"),
        (["--image", "ghcr.io/a/b", "--label", "nolabel", "--export"], "--label: invalid label format 'nolabel'"),
    ])
    func repositoryRefusesBadFlags(flags: [String], message: String) async {
        let result = await ferry(["create", "image", "repository", "podinfo"] + flags)
        #expect(result.status == 2)
        #expect(result.stdout == "")
        #expect(result.stderr.hasPrefix("ferry: "))
        #expect(result.stderr.contains(message))
    }

    @Test func policyWithSemver() async {
        let result = await ferry(["create", "image", "policy", "podinfo", "--image-ref", "podinfo", "--select-semver", ">=1.0.0", "--export"])
        #expect(result.status == 0)
        #expect(result.stdout == """
            ---
            apiVersion: image.toolkit.fluxcd.io/v1
            kind: ImagePolicy
            metadata:
              name: podinfo
              namespace: flux-system
            spec:
              imageRepositoryRef:
                name: podinfo
              policy:
                semver:
                  range: '>=1.0.0'


            """)
    }

    @Test func policyWithFilterAndDigestReflection() async {
        let result = await ferry([
            "create", "image", "policy", "app", "--image-ref", "app", "--select-numeric", "asc", "--filter-regex", "^main-(?P<ts>[0-9]+)",
            "--filter-extract", "$ts", "--reflect-digest", "Always", "--interval", "10m", "--export",
        ])
        #expect(result.status == 0)
        #expect(result.stdout == """
            ---
            apiVersion: image.toolkit.fluxcd.io/v1
            kind: ImagePolicy
            metadata:
              name: app
              namespace: flux-system
            spec:
              digestReflectionPolicy: Always
              filterTags:
                extract: $ts
                pattern: ^main-(?P<ts>[0-9]+)
              imageRepositoryRef:
                name: app
              interval: 10m0s
              policy:
                numerical:
                  order: asc


            """)
    }

    @Test func policyWithSemverAndAlphaGivesFluxsEmptyPolicy() async {
        let result = await ferry(["create", "image", "policy", "p", "--image-ref", "r", "--select-semver", "1.x", "--select-alpha", "asc", "--export"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("  policy: {}\n"))
    }

    @Test(arguments: [
        (["--select-semver", "1.x"], "--image-ref: the image repository name is required"),
        (["--image-ref", "r"], "a policy must be provided with either --select-semver or --select-alpha"),
        (["--image-ref", "r", "--select-alpha", "asc", "--select-numeric", "asc"], "only one of --select-semver, --select-alpha or --select-numeric"),
        (["--image-ref", "r", "--select-alpha", "up"], "--select-alpha must be one of [asc, desc]"),
        (["--image-ref", "r", "--select-numeric", "up"], "--select-numeric must be one of [asc, desc]"),
        (["--image-ref", "r", "--select-alpha", "asc", "--filter-extract", "$ts"], "cannot specify --filter-extract without specifying --filter-regex"),
        (["--image-ref", "r", "--select-alpha", "asc", "--filter-regex", "(", "--filter-extract", "$1"], "--filter-regex: "),
        (["--image-ref", "r", "--select-alpha", "asc", "--filter-regex", "^v(?P<n>.*)", "--filter-extract", "$version"], "--filter-extract: "),
        (["--image-ref", "r", "--select-alpha", "asc", "--reflect-digest", "Sometimes"], "invalid value for --reflect-digest"),
        (["--image-ref", "r", "--select-alpha", "asc", "--interval", "5m"], "the --interval flag can only be used with the 'Always' digest reflection policy"),
    ])
    func policyRefusesBadFlags(flags: [String], message: String) async {
        let result = await ferry(["create", "image", "policy", "p"] + flags + ["--export"])
        #expect(result.status == 2)
        #expect(result.stdout == "")
        #expect(result.stderr.contains(message))
    }

    @Test func updatePrintsFluxsExport() async {
        let result = await ferry([
            "create", "image", "update", "flux-system", "--git-repo-ref", "flux-system", "--git-repo-path", "./clusters/my-cluster",
            "--checkout-branch", "main", "--push-branch", "main", "--author-name", "fluxcdbot", "--author-email",
            "fluxcdbot@users.noreply.github.com", "--commit-template", "{{range .Updated.Images}}{{println .}}{{end}}", "--export",
        ])
        #expect(result.status == 0)
        #expect(result.stdout == """
            ---
            apiVersion: image.toolkit.fluxcd.io/v1
            kind: ImageUpdateAutomation
            metadata:
              name: flux-system
              namespace: flux-system
            spec:
              git:
                checkout:
                  ref:
                    branch: main
                commit:
                  author:
                    email: fluxcdbot@users.noreply.github.com
                    name: fluxcdbot
                  messageTemplate: '{{range .Updated.Images}}{{println .}}{{end}}'
                push:
                  branch: main
              interval: 1m0s
              sourceRef:
                kind: GitRepository
                name: flux-system
              update:
                path: ./clusters/my-cluster
                strategy: Setters


            """)
    }

    @Test func updateWithSigningKeyAndSourceNamespaceAndNoPath() async {
        let result = await ferry([
            "create", "image", "update", "apps", "--git-repo-ref", "repo", "--git-repo-namespace", "infra", "--checkout-branch", "main",
            "--author-name", "bot", "--author-email", "bot@example.com", "--signing-key-secret", "signing", "--signing-key-type", "ssh",
            "--interval", "30m", "--export",
        ])
        #expect(result.status == 0)
        #expect(result.stdout.contains("      signingKey:\n        secretRef:\n          name: signing\n        type: ssh\n"))
        #expect(result.stdout.contains("  sourceRef:\n    kind: GitRepository\n    name: repo\n    namespace: infra\n"))
        #expect(result.stdout.contains("  interval: 30m0s\n"))
        #expect(!result.stdout.contains("update:"))
        #expect(!result.stdout.contains("push:"))
    }

    @Test(arguments: [
        (["--checkout-branch", "main", "--author-name", "a", "--author-email", "a@b"], "--git-repo-ref is required"),
        (["--git-repo-ref", "r", "--author-name", "a", "--author-email", "a@b"], "--checkout-branch is required"),
        (["--git-repo-ref", "r", "--checkout-branch", "main", "--author-email", "a@b"], "--author-name is required"),
        (["--git-repo-ref", "r", "--checkout-branch", "main", "--author-name", "a"], "--author-email is required"),
        (["--git-repo-ref", "r", "--checkout-branch", "main", "--author-name", "a", "--author-email", "a@b", "--signing-key-type", "gpg"],
         "--signing-key-type requires --signing-key-secret"),
    ])
    func updateRefusesMissingFlags(flags: [String], message: String) async {
        let result = await ferry(["create", "image", "update", "u"] + flags + ["--export"])
        #expect(result.status == 2)
        #expect(result.stderr.contains(message))
    }

    @Test(arguments: ["repository", "policy", "update"])
    func helpHasExamples(kind: String) async {
        let result = await ferry(["create", "image", kind, "--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Examples:"))
        #expect(result.stdout.contains("ferry create image \(kind)"))
    }
}
