/// A cursor over an HTTP header value (RFC 9110 tokens and quoted strings).
public struct HeaderScanner {
    /// The value's scalars.
    public let scalars: [Unicode.Scalar]
    /// The index of the next scalar to read.
    public var position = 0

    /// A cursor at the start of `text`.
    public init(_ text: String) { scalars = Array(text.unicodeScalars) }

    /// Whether every scalar has been read.
    public var atEnd: Bool { position >= scalars.count }

    /// The next scalar, not consumed.
    public func peek() -> Unicode.Scalar? { atEnd ? nil : scalars[position] }

    /// Skips scalars while `predicate` holds.
    public mutating func skip(while predicate: (Unicode.Scalar) -> Bool) {
        while let scalar = peek(), predicate(scalar) { position += 1 }
    }

    /// Consumes `scalar` if it is next.
    public mutating func consume(_ scalar: Unicode.Scalar) -> Bool {
        guard peek() == scalar else { return false }
        position += 1
        return true
    }

    /// A token: anything up to a space, `,`, `=`, `;` or `"`.
    public mutating func token() -> String {
        var text = String.UnicodeScalarView()
        while let scalar = peek(), !" ,=;\"\t".unicodeScalars.contains(scalar) {
            text.append(scalar)
            position += 1
        }
        return String(text)
    }

    /// A quoted string, with `\` escapes removed.
    public mutating func quoted() -> String {
        var text = String.UnicodeScalarView()
        _ = consume("\"")
        while let scalar = peek() {
            position += 1
            if scalar == "\"" { break }
            if scalar == "\\", let next = peek() {
                position += 1
                text.append(next)
            } else {
                text.append(scalar)
            }
        }
        return String(text)
    }
}
