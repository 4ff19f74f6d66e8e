import FerryCore

/// A digest that passes go-containerregistry's checks (the `validDigest` of its `digest_test.go`).
let validDigest = "sha256:deadb33fdeadb33fdeadb33fdeadb33fdeadb33fdeadb33fdeadb33fdeadb33f"

/// Evaluates `expression` and returns the error it throws, or `nil` when it succeeds.
func capturedError<Value>(_ expression: @autoclosure () throws(ImageReferenceError) -> Value) -> ImageReferenceError? {
    do throws(ImageReferenceError) {
        _ = try expression()
        return nil
    } catch {
        return error
    }
}

/// An input that must be rejected, with the exact texts Flux (or go-containerregistry) reports.
struct RejectedInput: Sendable, CustomStringConvertible {
    /// The input as written.
    let input: String
    /// The expected ``ImageReferenceError/description``.
    let message: String
    /// The expected ``ImageReferenceError/shortDescription``.
    let kind: String
    /// The expected description of ``ImageReferenceError/cause``, for unparsable references.
    let cause: String?

    init(_ input: String, _ message: String, kind: String, cause: String? = nil) {
        self.input = input
        self.message = message
        self.kind = kind
        self.cause = cause
    }

    var description: String { input.isEmpty ? "<empty>" : input }
}

/// The message go-containerregistry gives for a repository path with a character outside `a-z0-9_-./`.
func repositoryCharactersMessage(_ path: String) -> String {
    "repository can only contain the characters `abcdefghijklmnopqrstuvwxyz0123456789_-./`: \(path)"
}

/// The message go-containerregistry gives for a tag with a character outside letters, digits, `_`, `-` and `.`.
func tagCharactersMessage(_ tag: String) -> String {
    "tag can only contain the characters `abcdefghijklmnopqrstuvwxyz0123456789_-.ABCDEFGHIJKLMNOPQRSTUVWXYZ`: \(tag)"
}

/// The message go-containerregistry gives when an input has no single `@`.
func digestSeparatorMessage(_ input: String) -> String {
    "a digest must contain exactly one '@' separator (e.g. registry/repository@digest) saw: \(input)"
}
