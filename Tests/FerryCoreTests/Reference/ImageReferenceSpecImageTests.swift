import FerryCore
import Testing

/// `ImageRepository` `spec.image` parsing: Flux's `registry.ParseImageReference` on top of go-containerregistry.
@Suite("ImageRepositoryName(parsing:) — Flux spec.image")
struct ImageReferenceSpecImageTests {
    struct Accepted: Sendable, CustomStringConvertible {
        let image: String
        let canonicalName: String
        let registry: String
        let repository: String
        let scheme: ImageRepositoryName.Scheme

        init(_ image: String, _ canonicalName: String, registry: String, repository: String, scheme: ImageRepositoryName.Scheme = .https) {
            self.image = image
            self.canonicalName = canonicalName
            self.registry = registry
            self.repository = repository
            self.scheme = scheme
        }

        var description: String { image }
    }

    // Flux docs and IR-13 give `fluxcd/flux`, `ghcr.io/org/app` and `alpine`; the Docker Hub defaulting and the
    // `library/` namespace follow ggcr's TestAllDefaults and repository.go; `localhost/app` is Docker Hub because the
    // first component has no `.` or `:` (ggcr NewRepository); schemes follow ggcr's TestRegistryScheme.
    static let accepted: [Accepted] = [
        Accepted("fluxcd/flux", "index.docker.io/fluxcd/flux", registry: "index.docker.io", repository: "fluxcd/flux"),
        Accepted("alpine", "index.docker.io/library/alpine", registry: "index.docker.io", repository: "library/alpine"),
        Accepted("library/alpine", "index.docker.io/library/alpine", registry: "index.docker.io", repository: "library/alpine"),
        Accepted("docker.io/alpine", "index.docker.io/library/alpine", registry: "index.docker.io", repository: "library/alpine"),
        Accepted("docker.io/fluxcd/flux", "index.docker.io/fluxcd/flux", registry: "index.docker.io", repository: "fluxcd/flux"),
        Accepted("index.docker.io/alpine", "index.docker.io/library/alpine", registry: "index.docker.io", repository: "library/alpine"),
        Accepted("ghcr.io/org/app", "ghcr.io/org/app", registry: "ghcr.io", repository: "org/app"),
        Accepted("ghcr.io/org/team/app", "ghcr.io/org/team/app", registry: "ghcr.io", repository: "org/team/app"),
        Accepted("ghcr.io/stefanprodan/podinfo", "ghcr.io/stefanprodan/podinfo", registry: "ghcr.io", repository: "stefanprodan/podinfo"),
        Accepted("registry.k8s.io/coredns/coredns", "registry.k8s.io/coredns/coredns", registry: "registry.k8s.io", repository: "coredns/coredns"),
        Accepted(
            "gcr.io/google.com/project-id/hello-world",
            "gcr.io/google.com/project-id/hello-world",
            registry: "gcr.io",
            repository: "google.com/project-id/hello-world"
        ),
        Accepted("ghcr.io/ubuntu", "ghcr.io/ubuntu", registry: "ghcr.io", repository: "ubuntu"),
        Accepted("localhost:5000/app", "localhost:5000/app", registry: "localhost:5000", repository: "app", scheme: .http),
        Accepted("localhost/app", "index.docker.io/localhost/app", registry: "index.docker.io", repository: "localhost/app"),
        Accepted("127.0.0.1:5000/app", "127.0.0.1:5000/app", registry: "127.0.0.1:5000", repository: "app", scheme: .http),
        Accepted("[::1]:5000/app", "[::1]:5000/app", registry: "[::1]:5000", repository: "app", scheme: .http),
        Accepted("[::1]/app", "[::1]/app", registry: "[::1]", repository: "app", scheme: .http),
        Accepted("[2001:db8::1]:5000/app", "[2001:db8::1]:5000/app", registry: "[2001:db8::1]:5000", repository: "app"),
        Accepted("::1/app", "::1/app", registry: "::1", repository: "app", scheme: .http),
        Accepted("10.0.0.1/app", "10.0.0.1/app", registry: "10.0.0.1", repository: "app", scheme: .http),
        Accepted("192.168.1.10:5000/team/app", "192.168.1.10:5000/team/app", registry: "192.168.1.10:5000", repository: "team/app", scheme: .http),
        Accepted("registry.local/app", "registry.local/app", registry: "registry.local", repository: "app", scheme: .http),
        Accepted("www.example.test:12345/repo/path", "www.example.test:12345/repo/path", registry: "www.example.test:12345", repository: "repo/path"),
        Accepted("example.com:443/app", "example.com:443/app", registry: "example.com:443", repository: "app"),
        // An empty port is a valid URI authority; go-containerregistry keeps it as written.
        Accepted("localhost:/app", "localhost:/app", registry: "localhost:", repository: "app", scheme: .http),
    ]

    @Test("accepted spec.image", arguments: accepted)
    func parsesAcceptedImage(_ expected: Accepted) throws {
        let name = try ImageRepositoryName(parsing: expected.image)
        #expect(name.canonicalName == expected.canonicalName)
        #expect(name.description == expected.canonicalName)
        #expect(name.registry == expected.registry)
        #expect(name.repository == expected.repository)
        #expect(name.scheme == expected.scheme)
        #expect(name.insecure == false)
        #expect(name.isDockerHub == (expected.registry == "index.docker.io"))
    }

    @Test("spec.insecure forces plain HTTP", arguments: ["ghcr.io/org/app", "alpine", "localhost:5000/app"])
    func insecureForcesHTTP(_ image: String) throws {
        let name = try ImageRepositoryName(parsing: image, insecure: true)
        #expect(name.insecure)
        #expect(name.scheme == .http)
        #expect(try ImageRepositoryName(parsing: image, insecure: true) != ImageRepositoryName(parsing: image))
    }

    static let tooLong = String(repeating: "a", count: 256)

    // The scheme and tag texts are Flux's (internal/registry/helper.go; the controller tests
    // TestImageRepositoryReconciler_imageAttribute_schemePrefix and _withTag check them). Everything else is ggcr's
    // ParseReference text, "could not parse reference: <input>", whose cause is the failed component check.
    static let rejected: [RejectedInput] = [
        RejectedInput(
            "https://ghcr.io/org/app",
            "image 'https://ghcr.io/org/app' should not include URL scheme; remove 'https://'",
            kind: "url-scheme"
        ),
        RejectedInput(
            "http://localhost:5000/app",
            "image 'http://localhost:5000/app' should not include URL scheme; remove 'http://'",
            kind: "url-scheme"
        ),
        RejectedInput(
            "oci://ghcr.io/org/app:1.0",
            "image 'oci://ghcr.io/org/app:1.0' should not include URL scheme; remove 'oci://'",
            kind: "url-scheme"
        ),
        // Flux removes everything before the first "://", not just a leading scheme.
        RejectedInput(
            "ghcr.io/org/app://x",
            "image 'ghcr.io/org/app://x' should not include URL scheme; remove 'ghcr.io/org/app://'",
            kind: "url-scheme"
        ),
        RejectedInput("ghcr.io/org/app:1.0", "image 'ghcr.io/org/app:1.0' should not include a tag; remove ':1.0'", kind: "tag-in-image"),
        RejectedInput("fluxcd/flux:1.0", "image 'fluxcd/flux:1.0' should not include a tag; remove ':1.0'", kind: "tag-in-image"),
        RejectedInput("localhost:5000/app:1.0", "image 'localhost:5000/app:1.0' should not include a tag; remove ':1.0'", kind: "tag-in-image"),
        // The registry Flux trims is the normalised one, so `docker.io/` stays; the tag is still what gets reported.
        RejectedInput("docker.io/fluxcd/flux:v1", "image 'docker.io/fluxcd/flux:v1' should not include a tag; remove ':v1'", kind: "tag-in-image"),
        // An empty tag parses in ggcr (it means `latest`) but Flux still sees the ':'.
        RejectedInput("alpine:", "image 'alpine:' should not include a tag; remove ':'", kind: "tag-in-image"),
        // Digests are caught by the same ':' check, so Flux names the hex part (or tag and algorithm) as the "tag".
        RejectedInput(
            "alpine@\(validDigest)",
            "image 'alpine@\(validDigest)' should not include a tag; remove ':\(validDigest.dropFirst(7))'",
            kind: "tag-in-image"
        ),
        RejectedInput(
            "ghcr.io/org/app:1.0@\(validDigest)",
            "image 'ghcr.io/org/app:1.0@\(validDigest)' should not include a tag; remove ':1.0@sha256'",
            kind: "tag-in-image"
        ),
        RejectedInput("Foo/bar", "could not parse reference: Foo/bar", kind: "unparsable-reference", cause: repositoryCharactersMessage("Foo/bar")),
        RejectedInput(
            "ghcr.io/Org/App",
            "could not parse reference: ghcr.io/Org/App",
            kind: "unparsable-reference",
            cause: repositoryCharactersMessage("Org/App")
        ),
        RejectedInput(
            "ghcr.io/org/app with space",
            "could not parse reference: ghcr.io/org/app with space",
            kind: "unparsable-reference",
            cause: repositoryCharactersMessage("org/app with space")
        ),
        // `gcr?com` has no '.' or ':', so it is part of the repository path (ggcr's badRegistryNames use it too).
        RejectedInput(
            "gcr?com/app",
            "could not parse reference: gcr?com/app",
            kind: "unparsable-reference",
            cause: repositoryCharactersMessage("gcr?com/app")
        ),
        RejectedInput("", "could not parse reference: ", kind: "unparsable-reference", cause: "a repository name must be specified"),
        RejectedInput(
            "a",
            "could not parse reference: a",
            kind: "unparsable-reference",
            cause: "repository must be between 2 and 255 characters in length: a"
        ),
        RejectedInput(
            "ghcr.io/a",
            "could not parse reference: ghcr.io/a",
            kind: "unparsable-reference",
            cause: "repository must be between 2 and 255 characters in length: a"
        ),
        RejectedInput(
            "ghcr.io/\(tooLong)",
            "could not parse reference: ghcr.io/\(tooLong)",
            kind: "unparsable-reference",
            cause: "repository must be between 2 and 255 characters in length: \(tooLong)"
        ),
        RejectedInput(
            "localhost:abc/app",
            "could not parse reference: localhost:abc/app",
            kind: "unparsable-reference",
            cause: "registries must be valid RFC 3986 URI authorities: localhost:abc"
        ),
        RejectedInput(
            "[::1:5000/app",
            "could not parse reference: [::1:5000/app",
            kind: "unparsable-reference",
            cause: "registries must be valid RFC 3986 URI authorities: [::1:5000"
        ),
        RejectedInput(
            "[1.2.3.4]:5000/app",
            "could not parse reference: [1.2.3.4]:5000/app",
            kind: "unparsable-reference",
            cause: "registries must be valid RFC 3986 URI authorities: [1.2.3.4]:5000"
        ),
        RejectedInput(
            "[::1]x/app",
            "could not parse reference: [::1]x/app",
            kind: "unparsable-reference",
            cause: "registries must be valid RFC 3986 URI authorities: [::1]x"
        ),
        // An invalid digest never reaches Flux's tag check: ParseReference fails first.
        RejectedInput(
            "ghcr.io/org/app@sha256:abc",
            "could not parse reference: ghcr.io/org/app@sha256:abc",
            kind: "unparsable-reference",
            cause: "invalid checksum digest length: sha256:abc"
        ),
    ]

    @Test("rejected spec.image", arguments: rejected)
    func rejectsImage(_ expected: RejectedInput) throws {
        let error = try #require(capturedError(try ImageRepositoryName(parsing: expected.input)))
        #expect(error.description == expected.message)
        #expect(error.shortDescription == expected.kind)
        #expect(error.cause?.description == expected.cause)
    }

    @Test("errors are the typed values the factories build")
    func errorsMatchFactories() {
        #expect(throws: ImageReferenceError.urlScheme(image: "https://ghcr.io/org/app", scheme: "https")) {
            try ImageRepositoryName(parsing: "https://ghcr.io/org/app")
        }
        #expect(throws: ImageReferenceError.tagInImage(image: "ghcr.io/org/app:1.0", remainder: "1.0")) {
            try ImageRepositoryName(parsing: "ghcr.io/org/app:1.0")
        }
        #expect(throws: ImageReferenceError.unparsableReference("Foo/bar", cause: .invalidRepositoryCharacters("Foo/bar"))) {
            try ImageRepositoryName(parsing: "Foo/bar")
        }
    }
}
