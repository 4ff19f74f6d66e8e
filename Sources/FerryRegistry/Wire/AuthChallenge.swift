import FerryCore

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
