/// A `WWW-Authenticate` challenge: `Bearer realm="…",service="…",scope="…"` or `Basic realm="…"`.
struct AuthChallenge: Hashable, Sendable {
    /// The scheme, lower-cased (`bearer`, `basic`).
    var scheme: String
    /// The parameters, names lower-cased.
    var parameters: [String: String]

    var realm: String? { parameters["realm"] }
    var service: String? { parameters["service"] }
    var scope: String? { parameters["scope"] }

    /// Parses a header value; with several challenges, the Bearer one is preferred.
    static func parse(_ header: String) -> AuthChallenge? {
        var challenges: [AuthChallenge] = []
        var scanner = HeaderScanner(header)
        while !scanner.atEnd {
            scanner.skip(while: { $0 == " " || $0 == "," })
            let scheme = scanner.token()
            guard !scheme.isEmpty else { break }
            var challenge = AuthChallenge(scheme: scheme.lowercased(), parameters: [:])
            while true {
                scanner.skip(while: { $0 == " " || $0 == "," })
                let mark = scanner.position
                let name = scanner.token()
                scanner.skip(while: { $0 == " " })
                guard !name.isEmpty, scanner.consume("=") else {
                    scanner.position = mark
                    break
                }
                scanner.skip(while: { $0 == " " })
                challenge.parameters[name.lowercased()] = scanner.peek() == "\"" ? scanner.quoted() : scanner.token()
            }
            challenges.append(challenge)
        }
        return challenges.first { $0.scheme == "bearer" } ?? challenges.first
    }
}

/// A cursor over an HTTP header value (RFC 9110 tokens and quoted strings).
struct HeaderScanner {
    let scalars: [Unicode.Scalar]
    var position = 0

    init(_ text: String) { scalars = Array(text.unicodeScalars) }

    var atEnd: Bool { position >= scalars.count }

    func peek() -> Unicode.Scalar? { atEnd ? nil : scalars[position] }

    mutating func skip(while predicate: (Unicode.Scalar) -> Bool) {
        while let scalar = peek(), predicate(scalar) { position += 1 }
    }

    mutating func consume(_ scalar: Unicode.Scalar) -> Bool {
        guard peek() == scalar else { return false }
        position += 1
        return true
    }

    /// A token: anything up to a space, `,`, `=`, `;` or `"`.
    mutating func token() -> String {
        var text = String.UnicodeScalarView()
        while let scalar = peek(), !" ,=;\"\t".unicodeScalars.contains(scalar) {
            text.append(scalar)
            position += 1
        }
        return String(text)
    }

    /// A quoted string, with `\` escapes removed.
    mutating func quoted() -> String {
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
