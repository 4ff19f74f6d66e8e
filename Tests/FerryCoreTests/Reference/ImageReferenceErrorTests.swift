import FerryCore
import Testing

@Suite("ImageReferenceError")
struct ImageReferenceErrorTests {
    // Every kind, with the text it prints: Flux's helper.go texts first, then ggcr's ErrBadName texts (check.go,
    // repository.go, registry.go, digest.go), then go-digest's two texts with the digest appended.
    static let kinds: [(error: ImageReferenceError, message: String, kind: String)] = [
        (.urlScheme(image: "oci://x/y", scheme: "oci"), "image 'oci://x/y' should not include URL scheme; remove 'oci://'", "url-scheme"),
        (.tagInImage(image: "x/y:1", remainder: "1"), "image 'x/y:1' should not include a tag; remove ':1'", "tag-in-image"),
        (.unparsableReference("X", cause: .invalidRepositoryCharacters("X")), "could not parse reference: X", "unparsable-reference"),
        (.repositoryMissing, "a repository name must be specified", "repository-missing"),
        (.invalidRepositoryLength("a"), "repository must be between 2 and 255 characters in length: a", "repository-length"),
        (.invalidRepositoryCharacters("A"), repositoryCharactersMessage("A"), "repository-characters"),
        (.invalidTagLength("t"), "tag must be between 1 and 127 characters in length: t", "tag-length"),
        (.invalidTagCharacters("t!"), tagCharactersMessage("t!"), "tag-characters"),
        (.digestSeparator("a@b@c"), digestSeparatorMessage("a@b@c"), "digest-separator"),
        (.unsupportedDigestAlgorithm("md5:00"), "unsupported digest algorithm: md5:00", "digest-algorithm"),
        (.invalidDigestLength("sha256:00"), "invalid checksum digest length: sha256:00", "digest-length"),
        (.invalidDigestFormat("sha256:XX"), "invalid checksum digest format: sha256:XX", "digest-format"),
        (.invalidRegistry("a b"), "registries must be valid RFC 3986 URI authorities: a b", "registry-authority"),
    ]

    @Test("description and shortDescription", arguments: kinds)
    func texts(_ error: ImageReferenceError, _ message: String, _ kind: String) {
        #expect(error.description == message)
        #expect("\(error)" == message)
        #expect(error.shortDescription == kind)
        #expect(!error.shortDescription.contains(" "))
    }

    @Test("only unparsable references have a cause")
    func causes() {
        let unparsable = ImageReferenceError.unparsableReference("X", cause: .invalidRepositoryCharacters("X"))
        #expect(unparsable.cause == .invalidRepositoryCharacters("X"))
        #expect(ImageReferenceError.urlScheme(image: "a://b", scheme: "a").cause == nil)
        #expect(ImageReferenceError.invalidRegistry("a b").cause == nil)
    }

    @Test("a nested unparsable cause is unwrapped to its component check")
    func nestedCauseIsFlattened() {
        let inner = ImageReferenceError.unparsableReference("inner", cause: .repositoryMissing)
        let outer = ImageReferenceError.unparsableReference("outer", cause: inner)
        #expect(outer.description == "could not parse reference: outer")
        #expect(outer.cause == .repositoryMissing)
    }

    @Test("equality compares the kind and every value")
    func equality() {
        #expect(ImageReferenceError.invalidTagLength("t") == .invalidTagLength("t"))
        #expect(ImageReferenceError.invalidTagLength("t") != .invalidTagLength("u"))
        #expect(ImageReferenceError.invalidTagLength("t") != .invalidTagCharacters("t"))
        #expect(
            ImageReferenceError.unparsableReference("X", cause: .repositoryMissing)
                != .unparsableReference("X", cause: .invalidRepositoryLength("X"))
        )
        #expect(Set(Self.kinds.map(\.error)).count == Self.kinds.count)
    }
}
