/// Why an image reference or an `ImageRepository` `spec.image` value was rejected.
///
/// The texts reproduce what Flux reports, so they can go straight into a `Stalled` condition with reason
/// `ImageURLInvalid`:
///
/// - Flux's own checks on `spec.image`: ``urlScheme(image:scheme:)`` and ``tagInImage(image:remainder:)``.
/// - go-containerregistry's `name.ParseReference` failing: ``unparsableReference(_:cause:)``, whose text is always
///   `could not parse reference: <input>`; the component check that failed is kept in ``cause``.
/// - go-containerregistry's component checks (`name.NewRepository`, `NewTag`, `NewDigest`), reported directly by
///   ``ImageRepositoryName/init(validating:insecure:)`` and available as ``cause`` otherwise.
///
/// Two errors are equal when they have the same kind and the same values.
public struct ImageReferenceError: Error, Hashable, Sendable, CustomStringConvertible {
    private indirect enum Code: Hashable, Sendable {
        case urlScheme(image: String, scheme: String)
        case tagInImage(image: String, remainder: String)
        case unparsableReference(String, cause: Code)
        case repositoryMissing
        case repositoryLength(String)
        case repositoryCharacters(String)
        case tagLength(String)
        case tagCharacters(String)
        case digestSeparator(String)
        case digestAlgorithm(String)
        case digestLength(String)
        case digestFormat(String)
        case registryAuthority(String)
    }

    private let code: Code

    private init(_ code: Code) {
        self.code = code
    }

    /// The characters go-containerregistry allows in a repository path.
    static let repositoryCharacters = "abcdefghijklmnopqrstuvwxyz0123456789_-./"

    /// The characters go-containerregistry allows in a tag.
    static let tagCharacters = "abcdefghijklmnopqrstuvwxyz0123456789_-.ABCDEFGHIJKLMNOPQRSTUVWXYZ"

    /// `spec.image` contains `://`.
    ///
    /// - Parameters:
    ///   - image: The value as written.
    ///   - scheme: Everything before the first `://`.
    public static func urlScheme(image: String, scheme: String) -> Self {
        Self(.urlScheme(image: image, scheme: scheme))
    }

    /// `spec.image` still contains `:` once its registry is removed, so it names a tag or a digest.
    ///
    /// - Parameters:
    ///   - image: The value as written.
    ///   - remainder: The text between the first and the second `:` after the registry (Flux's `':<part>'`).
    public static func tagInImage(image: String, remainder: String) -> Self {
        Self(.tagInImage(image: image, remainder: remainder))
    }

    /// The input is neither a valid tag reference nor a valid digest reference.
    ///
    /// - Parameters:
    ///   - reference: The input as written.
    ///   - cause: The component check that explains the failure; a nested unparsable error is unwrapped to its cause.
    public static func unparsableReference(_ reference: String, cause: ImageReferenceError) -> Self {
        if case .unparsableReference(_, let inner) = cause.code {
            return Self(.unparsableReference(reference, cause: inner))
        }
        return Self(.unparsableReference(reference, cause: cause.code))
    }

    /// The repository name is empty.
    public static var repositoryMissing: Self { Self(.repositoryMissing) }

    /// The repository path is shorter than 2 or longer than 255 characters.
    public static func invalidRepositoryLength(_ repository: String) -> Self { Self(.repositoryLength(repository)) }

    /// The repository path has a character outside `a-z`, `0-9`, `_`, `-`, `.` and `/`.
    public static func invalidRepositoryCharacters(_ repository: String) -> Self { Self(.repositoryCharacters(repository)) }

    /// The tag is longer than 127 characters.
    public static func invalidTagLength(_ tag: String) -> Self { Self(.tagLength(tag)) }

    /// The tag has a character outside letters, digits, `_`, `-` and `.`.
    public static func invalidTagCharacters(_ tag: String) -> Self { Self(.tagCharacters(tag)) }

    /// The input does not contain exactly one `@`, so it cannot be a digest reference.
    public static func digestSeparator(_ reference: String) -> Self { Self(.digestSeparator(reference)) }

    /// The digest does not start with `sha256:`.
    public static func unsupportedDigestAlgorithm(_ digest: String) -> Self { Self(.digestAlgorithm(digest)) }

    /// The digest's hex part is not 64 characters long.
    public static func invalidDigestLength(_ digest: String) -> Self { Self(.digestLength(digest)) }

    /// The digest's hex part has a character outside `0-9` and `a-f`.
    public static func invalidDigestFormat(_ digest: String) -> Self { Self(.digestFormat(digest)) }

    /// The registry is not a valid RFC 3986 URI authority (`host[:port]`, or `[IPv6]` with an optional port).
    public static func invalidRegistry(_ registry: String) -> Self { Self(.registryAuthority(registry)) }

    /// The component check behind an ``unparsableReference(_:cause:)`` error; `nil` for every other error.
    public var cause: ImageReferenceError? {
        if case .unparsableReference(_, let cause) = code {
            return Self(cause)
        }
        return nil
    }

    /// The message Flux would report, naming the offending value.
    public var description: String {
        Self.message(for: code)
    }

    /// A stable name for the kind of error, without any values; suitable as a metric label.
    public var shortDescription: String {
        switch code {
        case .urlScheme: "url-scheme"
        case .tagInImage: "tag-in-image"
        case .unparsableReference: "unparsable-reference"
        case .repositoryMissing: "repository-missing"
        case .repositoryLength: "repository-length"
        case .repositoryCharacters: "repository-characters"
        case .tagLength: "tag-length"
        case .tagCharacters: "tag-characters"
        case .digestSeparator: "digest-separator"
        case .digestAlgorithm: "digest-algorithm"
        case .digestLength: "digest-length"
        case .digestFormat: "digest-format"
        case .registryAuthority: "registry-authority"
        }
    }

    private static func message(for code: Code) -> String {
        switch code {
        case .urlScheme(let image, let scheme):
            "image '\(image)' should not include URL scheme; remove '\(scheme)://'"
        case .tagInImage(let image, let remainder):
            "image '\(image)' should not include a tag; remove ':\(remainder)'"
        case .unparsableReference(let reference, _):
            "could not parse reference: \(reference)"
        case .repositoryMissing:
            "a repository name must be specified"
        case .repositoryLength(let repository):
            "repository must be between 2 and 255 characters in length: \(repository)"
        case .repositoryCharacters(let repository):
            "repository can only contain the characters `\(repositoryCharacters)`: \(repository)"
        case .tagLength(let tag):
            "tag must be between 1 and 127 characters in length: \(tag)"
        case .tagCharacters(let tag):
            "tag can only contain the characters `\(tagCharacters)`: \(tag)"
        case .digestSeparator(let reference):
            "a digest must contain exactly one '@' separator (e.g. registry/repository@digest) saw: \(reference)"
        case .digestAlgorithm(let digest):
            "unsupported digest algorithm: \(digest)"
        // go-digest's own texts stop after "length" and "format"; Ferry adds the digest so the value is named.
        case .digestLength(let digest):
            "invalid checksum digest length: \(digest)"
        case .digestFormat(let digest):
            "invalid checksum digest format: \(digest)"
        case .registryAuthority(let registry):
            "registries must be valid RFC 3986 URI authorities: \(registry)"
        }
    }
}
