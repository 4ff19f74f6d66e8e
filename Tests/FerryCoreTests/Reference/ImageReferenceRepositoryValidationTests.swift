import FerryCore
import Testing

/// `ImageRepositoryName(validating:)`: go-containerregistry's `NewRepository`, as `flux create image repository --image`
/// uses it; failures report the component check itself rather than "could not parse reference".
@Suite("ImageRepositoryName(validating:) — ggcr NewRepository")
struct ImageReferenceRepositoryValidationTests {
    // ggcr's goodStrictValidationRepositoryNames and goodWeakValidationRepositoryNames (repository_test.go) that the
    // 2-character minimum of the ggcr Flux ships allows; TestRepositoryComponents gives gcr.io + project-id/image.
    static let accepted: [(input: String, canonicalName: String)] = [
        ("gcr.io/g-convoy/hello-world", "gcr.io/g-convoy/hello-world"),
        ("gcr.io/google.com/project-id/hello-world", "gcr.io/google.com/project-id/hello-world"),
        ("us.gcr.io/project-id/sub-repo", "us.gcr.io/project-id/sub-repo"),
        ("example.text/foo/bar", "example.text/foo/bar"),
        ("mirror.gcr.io/ubuntu", "mirror.gcr.io/ubuntu"),
        ("index.docker.io/library/ubuntu", "index.docker.io/library/ubuntu"),
        ("gcr.io/project-id/image", "gcr.io/project-id/image"),
        ("namespace/pathcomponent/image", "index.docker.io/namespace/pathcomponent/image"),
        ("library/ubuntu", "index.docker.io/library/ubuntu"),
        ("ubuntu", "index.docker.io/library/ubuntu"),
        ("docker.io/ubuntu", "index.docker.io/library/ubuntu"),
        // The ggcr Flux ships keeps `localhost/…` on Docker Hub; ggcr PR 2316 (2026) later made `localhost` a registry.
        ("localhost/testimage", "index.docker.io/localhost/testimage"),
        ("localhost:5000/testimage", "localhost:5000/testimage"),
    ]

    @Test("accepted repository", arguments: accepted)
    func acceptsRepository(_ input: String, _ canonicalName: String) throws {
        let name = try ImageRepositoryName(validating: input)
        #expect(name.canonicalName == canonicalName)
        #expect(try ImageRepositoryName(parsing: input) == name)
    }

    // ggcr's badRepositoryNames ("white space", "b@char/image", "") and the single-character names its newer tests
    // accept (PR 2407, 2026), which the ggcr Flux ships still rejects.
    static let rejected: [RejectedInput] = [
        RejectedInput("white space", repositoryCharactersMessage("white space"), kind: "repository-characters"),
        RejectedInput("b@char/image", repositoryCharactersMessage("b@char/image"), kind: "repository-characters"),
        RejectedInput("", "a repository name must be specified", kind: "repository-missing"),
        RejectedInput("a", "repository must be between 2 and 255 characters in length: a", kind: "repository-length"),
        RejectedInput("example.com/a", "repository must be between 2 and 255 characters in length: a", kind: "repository-length"),
        RejectedInput("ghcr.io/Org/App", repositoryCharactersMessage("Org/App"), kind: "repository-characters"),
        // NewRepository knows nothing of tags: the ':' is just a bad repository character.
        RejectedInput("ghcr.io/org/app:1.0", repositoryCharactersMessage("org/app:1.0"), kind: "repository-characters"),
        RejectedInput("ghcr.io/org/app@\(validDigest)", repositoryCharactersMessage("org/app@\(validDigest)"), kind: "repository-characters"),
        // The path is checked before the registry.
        RejectedInput("bad host:1/UPPER", repositoryCharactersMessage("UPPER"), kind: "repository-characters"),
        RejectedInput("bad host:1/app", "registries must be valid RFC 3986 URI authorities: bad host:1", kind: "registry-authority"),
        // Lengths count Unicode scalars, as Go counts runes: 255 'é' are fine by length, wrong by character.
        RejectedInput(
            "ghcr.io/\(String(repeating: "é", count: 255))",
            repositoryCharactersMessage(String(repeating: "é", count: 255)),
            kind: "repository-characters"
        ),
    ]

    @Test("rejected repository", arguments: rejected)
    func rejectsRepository(_ expected: RejectedInput) throws {
        let error = try #require(capturedError(try ImageRepositoryName(validating: expected.input)))
        #expect(error.description == expected.message)
        #expect(error.shortDescription == expected.kind)
        #expect(error.cause == nil)
    }
}
