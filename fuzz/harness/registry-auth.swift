// Fuzz target `registry-auth`: the `WWW-Authenticate` challenge of a 401 (`Bearer realm=…,service=…,scope=…`) and
// the `Retry-After` of a 429 or 503, both straight from a registry's response headers.
//
// Input: one header value.
// Properties: parsing never traps (a hostile registry must not crash Ferry); a challenge has a non-empty lower-case
// scheme and lower-case parameter names; a Retry-After delay
// is never negative, and delay-seconds read as the number they are.
import FerryCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRegistryAuth(_ data: UnsafeRawPointer?, _ size: Int) -> CInt {
    let header = FuzzInput(data, size).text
    if let challenge = AuthChallenge.parse(header) {
        require(!challenge.scheme.isEmpty && challenge.scheme == challenge.scheme.lowercased(), "the scheme \(show(challenge.scheme))")
        for name in challenge.parameters.keys { require(name == name.lowercased() && !name.isEmpty, "the parameter name \(show(name))") }
    }
    for now: Int64 in [0, 1_750_000_000] {
        guard let delay = RetryAfter.delay(header, now: now) else { continue }
        require(delay >= .zero, "a negative delay \(delay) for \(show(header))")
        let trimmed = header.trimmingSpaces()
        if !trimmed.isEmpty, trimmed.utf8.count <= 12, trimmed.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let seconds = Int64(trimmed) {
            require(delay == .seconds(seconds), "Retry-After \(show(header)) gives \(delay)")
        }
    }
    return 0
}
