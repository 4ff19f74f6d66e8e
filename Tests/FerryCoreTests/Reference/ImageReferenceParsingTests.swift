import FerryCore
import Testing

/// Full references, `[registry/]repository[:tag][@digest]`, parsed as go-containerregistry's `ParseReference` does.
@Suite("ImageReference(parsing:) — full references")
struct ImageReferenceParsingTests {
    struct Accepted: Sendable, CustomStringConvertible {
        let input: String
        let registry: String
        let repository: String
        let tag: String?
        let digest: String?
        let normalised: String

        init(_ input: String, registry: String, repository: String, tag: String?, digest: String? = nil, normalised: String) {
            self.input = input
            self.registry = registry
            self.repository = repository
            self.tag = tag
            self.digest = digest
            self.normalised = normalised
        }

        var description: String { input }
    }

    // Inputs from ggcr's goodStrictValidationTagNames / goodWeakValidationTagNames (tag_test.go),
    // goodStrictValidationDigestNames / goodWeakValidationDigestNames / ...TagDigestNames (digest_test.go) and
    // TestAllDefaults, plus edge cases of the same rules.
    static let accepted: [Accepted] = [
        Accepted(
            "alpine",
            registry: "index.docker.io",
            repository: "library/alpine",
            tag: "latest",
            normalised: "index.docker.io/library/alpine:latest"
        ),
        Accepted(
            "alpine:3.18",
            registry: "index.docker.io",
            repository: "library/alpine",
            tag: "3.18",
            normalised: "index.docker.io/library/alpine:3.18"
        ),
        Accepted(
            "library/ubuntu",
            registry: "index.docker.io",
            repository: "library/ubuntu",
            tag: "latest",
            normalised: "index.docker.io/library/ubuntu:latest"
        ),
        Accepted(
            "namespace/pathcomponent/image",
            registry: "index.docker.io",
            repository: "namespace/pathcomponent/image",
            tag: "latest",
            normalised: "index.docker.io/namespace/pathcomponent/image:latest"
        ),
        Accepted(
            "docker.io/fluxcd/flux:1.25.4",
            registry: "index.docker.io",
            repository: "fluxcd/flux",
            tag: "1.25.4",
            normalised: "index.docker.io/fluxcd/flux:1.25.4"
        ),
        Accepted(
            "gcr.io/g-convoy/hello-world:latest",
            registry: "gcr.io",
            repository: "g-convoy/hello-world",
            tag: "latest",
            normalised: "gcr.io/g-convoy/hello-world:latest"
        ),
        Accepted(
            "gcr.io/project-id/with-nums:v2",
            registry: "gcr.io",
            repository: "project-id/with-nums",
            tag: "v2",
            normalised: "gcr.io/project-id/with-nums:v2"
        ),
        Accepted(
            "us.gcr.io/project-id/image:with.period.in.tag",
            registry: "us.gcr.io",
            repository: "project-id/image",
            tag: "with.period.in.tag",
            normalised: "us.gcr.io/project-id/image:with.period.in.tag"
        ),
        Accepted(
            "gcr.io/project-id/image:w1th-alpha_num3ric.PLUScaps",
            registry: "gcr.io",
            repository: "project-id/image",
            tag: "w1th-alpha_num3ric.PLUScaps",
            normalised: "gcr.io/project-id/image:w1th-alpha_num3ric.PLUScaps"
        ),
        Accepted(
            "domain.with.port:9001/image:latest",
            registry: "domain.with.port:9001",
            repository: "image",
            tag: "latest",
            normalised: "domain.with.port:9001/image:latest"
        ),
        Accepted(
            "gcr.io/project-id/implicit-latest",
            registry: "gcr.io",
            repository: "project-id/implicit-latest",
            tag: "latest",
            normalised: "gcr.io/project-id/implicit-latest:latest"
        ),
        Accepted("localhost:5000/app", registry: "localhost:5000", repository: "app", tag: "latest", normalised: "localhost:5000/app:latest"),
        Accepted("[::1]:5000/app:v1", registry: "[::1]:5000", repository: "app", tag: "v1", normalised: "[::1]:5000/app:v1"),
        // Without a '/', "localhost:5000" is Docker Hub's library/localhost with tag 5000.
        Accepted(
            "localhost:5000",
            registry: "index.docker.io",
            repository: "library/localhost",
            tag: "5000",
            normalised: "index.docker.io/library/localhost:5000"
        ),
        // An empty tag means no tag; ggcr does not require the first tag character to be a word character.
        Accepted(
            "alpine:",
            registry: "index.docker.io",
            repository: "library/alpine",
            tag: "latest",
            normalised: "index.docker.io/library/alpine:latest"
        ),
        Accepted("ghcr.io/org/app:.hidden", registry: "ghcr.io", repository: "org/app", tag: ".hidden", normalised: "ghcr.io/org/app:.hidden"),
        Accepted(
            "ghcr.io/org/app:\(String(repeating: "t", count: 127))",
            registry: "ghcr.io",
            repository: "org/app",
            tag: String(repeating: "t", count: 127),
            normalised: "ghcr.io/org/app:\(String(repeating: "t", count: 127))"
        ),
        Accepted(
            "gcr.io/g-convoy/hello-world@\(validDigest)",
            registry: "gcr.io",
            repository: "g-convoy/hello-world",
            tag: nil,
            digest: validDigest,
            normalised: "gcr.io/g-convoy/hello-world@\(validDigest)"
        ),
        Accepted(
            "library/ubuntu@\(validDigest)",
            registry: "index.docker.io",
            repository: "library/ubuntu",
            tag: nil,
            digest: validDigest,
            normalised: "index.docker.io/library/ubuntu@\(validDigest)"
        ),
        Accepted(
            "nginx:latest@\(validDigest)",
            registry: "index.docker.io",
            repository: "library/nginx",
            tag: "latest",
            digest: validDigest,
            normalised: "index.docker.io/library/nginx:latest@\(validDigest)"
        ),
        Accepted(
            "example.text:8443/foo/bar:v1.0.0-alpine@\(validDigest)",
            registry: "example.text:8443",
            repository: "foo/bar",
            tag: "v1.0.0-alpine",
            digest: validDigest,
            normalised: "example.text:8443/foo/bar:v1.0.0-alpine@\(validDigest)"
        ),
        Accepted(
            "localhost:5000@\(validDigest)",
            registry: "index.docker.io",
            repository: "library/localhost",
            tag: "5000",
            digest: validDigest,
            normalised: "index.docker.io/library/localhost:5000@\(validDigest)"
        ),
    ]

    @Test("accepted reference", arguments: accepted)
    func parsesAcceptedReference(_ expected: Accepted) throws {
        let reference = try ImageReference(parsing: expected.input)
        #expect(reference.registry == expected.registry)
        #expect(reference.repository == expected.repository)
        #expect(reference.canonicalName == "\(expected.registry)/\(expected.repository)")
        #expect(reference.context.canonicalName == reference.canonicalName)
        #expect(reference.tag == expected.tag)
        #expect(reference.digest == expected.digest)
        #expect(reference.description == expected.normalised)
        #expect(reference.identifier == expected.digest ?? expected.tag)
    }

    @Test("a reference without tag equals one with the tag latest")
    func defaultTagIsLatest() throws {
        #expect(try ImageReference(parsing: "alpine") == ImageReference(parsing: "docker.io/library/alpine:latest"))
        #expect(ImageReference.defaultTag == "latest")
    }

    @Test("insecure applies to the reference's registry")
    func insecureReference() throws {
        let reference = try ImageReference(parsing: "ghcr.io/org/app:1.0", insecure: true)
        #expect(reference.scheme == .http)
        #expect(reference.context.insecure)
        #expect(try ImageReference(parsing: "ghcr.io/org/app:1.0").scheme == .https)
    }

    static let tooLongTag = String(repeating: "t", count: 128)
    static let upperDigest = "sha256:" + String(repeating: "DEADB33F", count: 8)
    static let sha512Digest = "sha512:" + String(repeating: "deadb33f", count: 8)

    // ggcr's badTagNames and badDigestNames, plus one vector per remaining failure path. The top-level text is always
    // ggcr's "could not parse reference: <input>" (TestBadName checks it for "@@"); the cause is the digest reading's
    // failure when the input has an '@', otherwise the tag reading's.
    static let rejected: [RejectedInput] = [
        RejectedInput(
            "gcr.io/project-id/bad_chars:c@n'tuse",
            "could not parse reference: gcr.io/project-id/bad_chars:c@n'tuse",
            kind: "unparsable-reference",
            cause: "unsupported digest algorithm: n'tuse"
        ),
        RejectedInput(
            "gcr.io/project-id/wrong-length:white space",
            "could not parse reference: gcr.io/project-id/wrong-length:white space",
            kind: "unparsable-reference",
            cause: tagCharactersMessage("white space")
        ),
        RejectedInput(
            "ghcr.io/org/app:\(tooLongTag)",
            "could not parse reference: ghcr.io/org/app:\(tooLongTag)",
            kind: "unparsable-reference",
            cause: "tag must be between 1 and 127 characters in length: \(tooLongTag)"
        ),
        RejectedInput(
            "gcr.io/project-id/unknown-alg@unknown:abc123",
            "could not parse reference: gcr.io/project-id/unknown-alg@unknown:abc123",
            kind: "unparsable-reference",
            cause: "unsupported digest algorithm: unknown:abc123"
        ),
        RejectedInput(
            "gcr.io/project-id/wrong-length@sha256:d34db33fd34db33f",
            "could not parse reference: gcr.io/project-id/wrong-length@sha256:d34db33fd34db33f",
            kind: "unparsable-reference",
            cause: "invalid checksum digest length: sha256:d34db33fd34db33f"
        ),
        RejectedInput(
            "gcr.io/project-id/missing-digest@",
            "could not parse reference: gcr.io/project-id/missing-digest@",
            kind: "unparsable-reference",
            cause: "unsupported digest algorithm: "
        ),
        RejectedInput(
            "ghcr.io/org/app@\(upperDigest)",
            "could not parse reference: ghcr.io/org/app@\(upperDigest)",
            kind: "unparsable-reference",
            cause: "invalid checksum digest format: \(upperDigest)"
        ),
        RejectedInput(
            "ghcr.io/org/app@\(sha512Digest)",
            "could not parse reference: ghcr.io/org/app@\(sha512Digest)",
            kind: "unparsable-reference",
            cause: "unsupported digest algorithm: \(sha512Digest)"
        ),
        RejectedInput("@@", "could not parse reference: @@", kind: "unparsable-reference", cause: digestSeparatorMessage("@@")),
        RejectedInput("a@b@c", "could not parse reference: a@b@c", kind: "unparsable-reference", cause: digestSeparatorMessage("a@b@c")),
        // The digest is fine, so the repository before '@' is what fails.
        RejectedInput(
            "Foo@\(validDigest)",
            "could not parse reference: Foo@\(validDigest)",
            kind: "unparsable-reference",
            cause: repositoryCharactersMessage("Foo")
        ),
        RejectedInput("UPPER", "could not parse reference: UPPER", kind: "unparsable-reference", cause: repositoryCharactersMessage("UPPER")),
        RejectedInput("", "could not parse reference: ", kind: "unparsable-reference", cause: "a repository name must be specified"),
        RejectedInput(
            "white space:5000/app",
            "could not parse reference: white space:5000/app",
            kind: "unparsable-reference",
            cause: "registries must be valid RFC 3986 URI authorities: white space:5000"
        ),
        // ggcr v0.20 would read "https:" as a registry here; Ferry rejects any "://" with Flux's message.
        RejectedInput(
            "https://ghcr.io/org/app:1.0",
            "image 'https://ghcr.io/org/app:1.0' should not include URL scheme; remove 'https://'",
            kind: "url-scheme"
        ),
    ]

    @Test("rejected reference", arguments: rejected)
    func rejectsReference(_ expected: RejectedInput) throws {
        let error = try #require(capturedError(try ImageReference(parsing: expected.input)))
        #expect(error.description == expected.message)
        #expect(error.shortDescription == expected.kind)
        #expect(error.cause?.description == expected.cause)
    }

    @Test("a Docker Hub name at the 255-character limit loses its digest reading once library/ is added")
    func libraryPrefixCountsForDigestReferences() throws {
        // ggcr's NewDigest re-parses the tag reading's canonical name, where "library/" makes the path too long.
        let name = String(repeating: "a", count: 250)
        #expect(try ImageReference(parsing: name + ":v1").repository == "library/" + name)
        let error = try #require(capturedError(try ImageReference(parsing: "\(name)@\(validDigest)")))
        #expect(error.cause == .invalidRepositoryLength("library/" + name))
    }

    @Test("splitting works on bytes, so a combining mark after a separator does not hide it")
    func separatorsAreBytes() throws {
        // "@" followed by U+0301 is one Character in Swift but still an '@' byte for Go.
        let input = "alpine@\u{301}sha256:abc"
        let error = try #require(capturedError(try ImageReference(parsing: input)))
        #expect(error.cause == .unsupportedDigestAlgorithm("\u{301}sha256:abc"))
    }
}
