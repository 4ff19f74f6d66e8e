import Testing

@testable import FerryCore

/// Which registry strings go-containerregistry accepts (`checkRegistry`: Go's `url.Parse("//" + name)` must give the
/// name back as the host) and which scheme it picks for them (`Registry.Scheme()`).
@Suite("Image reference registries")
struct ImageReferenceRegistryTests {
    // ggcr's goodStrictValidationRegistryNames (registry_test.go) that can appear in a reference, plus what Go's URL
    // parser lets through: any number of colons before a numeric last one, an empty or unbounded port, sub-delimiters,
    // a stray ']', non-ASCII bytes, and bracketed IPv6 forms including IPv4-mapped and embedded IPv4.
    static let validRegistries = [
        "gcr.io", "gcr.io:9001", "index.docker.io", "us.gcr.io", "example.text", "localhost:9090",
        "a:b:5000", "a]b:5000", "gcr.io:", "host:99999999", "a!$&'()*+,;=b.io", #"a<b>"c~d.io"#, "ünicode.io",
        "[::1]", "[::1]:", "[::1]:5000", "[fe80::1]", "[::]", "[1:2:3:4:5:6:7:8]", "[0:0:0:0:0:0:0:1]",
        "[::ffff:1.2.3.4]:80", "[::FFFF:1.2.3.4]", "[::1.2.3.4]", "[1:2:3:4:5:6:1.2.3.4]", "::1",
    ]

    @Test("valid registry", arguments: validRegistries)
    func acceptsRegistry(_ registry: String) throws {
        #expect(RegistryHost.isValidAuthority(Substring(registry)))
        let name = try ImageRepositoryName(validating: "\(registry)/org/app")
        #expect(name.registry == registry)
        #expect(name.repository == "org/app")
    }

    // ggcr's badRegistryNames ("white space", "gcr?com"), then one vector per rule of Go's host parsing, and the
    // bracket rules added to Go's url.Parse for CVE-2025-47912.
    static let invalidRegistries = [
        "white space", "gcr?com", "gcr.io:abc", "gcr.io:80:x", "user@gcr.io", "gcr.io#frag", "gcr%41.io", "gcr.io%",
        "gcr.io\t", "gcr.io\u{7F}", "gcr{x}.io", #"a\b.io"#, "a^b.io", "a`b.io", "a|b.io",
        "[::1", "[::1]x", "[::1]:x", "[1.2.3.4]", "[1.2.3.4]:5000", "[v1.x]", "a[::1]", "[::1]]", "[fe80::1%25en0]", "[]",
        "[:::]", "[1:2:3:4:5:6:7:8:9]", "[12345::1]", "[::1::]", "[1:2:3:4:5:6:7:8::]", "[1::2:3:4:5:6:7:8]",
        "[1:2:3:4:5:1.2.3.4]", "[1:2:3:4:5:6:7:1.2.3.4]", "[::01.2.3.4]", "[::1.2.3]", "[::256.1.1.1]", "[1:]", "[:1]",
    ]

    @Test("invalid registry", arguments: invalidRegistries)
    func rejectsRegistry(_ registry: String) {
        #expect(!RegistryHost.isValidAuthority(Substring(registry)))
    }

    // Only registries that NewRepository splits off (first component with '.' or ':') reach the check; these do.
    static let invalidSplitRegistries = ["gcr.io:abc", "white space:5000", "[::1]x", "[1.2.3.4]:5000", "a[::1]", "gcr%41.io", "[fe80::1%25en0]"]

    @Test("a bad registry is reported by NewRepository's message", arguments: invalidSplitRegistries)
    func reportsBadRegistry(_ registry: String) throws {
        let error = try #require(capturedError(try ImageRepositoryName(validating: "\(registry)/app")))
        #expect(error == .invalidRegistry(registry))
        #expect(error.description == "registries must be valid RFC 3986 URI authorities: \(registry)")
        #expect(error.shortDescription == "registry-authority")
    }

    struct SchemeCase: Sendable, CustomStringConvertible {
        let registry: String
        let scheme: ImageRepositoryName.Scheme

        init(_ registry: String, _ scheme: ImageRepositoryName.Scheme) {
            self.registry = registry
            self.scheme = scheme
        }

        var description: String { registry }
    }

    // ggcr's TestRegistryScheme and TestIsRFC1918 vectors. Two groups differ from ggcr HEAD on purpose:
    // `*.local` is plain HTTP as in the ggcr Flux ships (HEAD narrowed it to `*.localhost` in PR 2281), and loopback is
    // matched anchored as HEAD does since PR 2314 (the older substring match sent 127.0.0.1.evil.com over HTTP).
    static let schemes: [SchemeCase] = [
        SchemeCase("foo.svc.localhost:1234", .http),
        SchemeCase("foo.svc.local:1234", .http),
        SchemeCase("registry.local", .http),
        SchemeCase("registry.localhost", .http),
        SchemeCase("registry.local:123456", .https),
        SchemeCase("registry.local.example.com", .https),
        SchemeCase("127.0.0.1:1234", .http),
        SchemeCase("127.0.0.1", .http),
        SchemeCase("127.0.0.1:123456", .https),
        SchemeCase("127.0.0.1.evil.com", .https),
        SchemeCase("my127.0.0.1registry.io", .https),
        SchemeCase("localhost:8080", .http),
        SchemeCase("localhost:", .http),
        SchemeCase("gcr.io", .https),
        SchemeCase("index.docker.io", .https),
        SchemeCase("::1", .http),
        SchemeCase("[::1]", .http),
        SchemeCase("[::1]:5000", .http),
        SchemeCase("[0:0:0:0:0:0:0:1]:5000", .https),
        SchemeCase("[2001:db8::1]:5000", .https),
        SchemeCase("10.2.3.4:5000", .http),
        SchemeCase("8.8.8.8", .https),
        SchemeCase("172.16.3.4:3000", .http),
        SchemeCase("172.15.255.255", .https),
        SchemeCase("172.31.255.255", .http),
        SchemeCase("172.32.0.1", .https),
        SchemeCase("192.168.3.4", .http),
        SchemeCase("192.169.3.4", .https),
        SchemeCase("10.256.0.0:5000", .https),
        SchemeCase("010.1.2.3", .https),
        SchemeCase("10.0.0.1.nip.io", .https),
    ]

    @Test("scheme", arguments: schemes)
    func picksScheme(_ expected: SchemeCase) throws {
        let name = try ImageRepositoryName(validating: "\(expected.registry)/app")
        #expect(name.registry == expected.registry)
        #expect(name.scheme == expected.scheme)
        #expect(try ImageRepositoryName(validating: "\(expected.registry)/app", insecure: true).scheme == .http)
    }

    @Test("a bare localhost registry (never produced by parsing) is plain HTTP")
    func bareLocalhost() {
        #expect(RegistryHost.prefersPlainHTTP("localhost"))
        #expect(!RegistryHost.prefersPlainHTTP("localhostx"))
    }

    @Test(
        "IPv4 grammar follows Go's netip",
        arguments: [
            ("1.2.3.4", [UInt8]([1, 2, 3, 4])), ("0.0.0.0", [0, 0, 0, 0]), ("255.255.255.255", [255, 255, 255, 255]),
            ("01.2.3.4", nil), ("1.2.3", nil), ("1.2.3.4.5", nil), ("1..3.4", nil), (".1.2.3", nil), ("1.2.3.", nil),
            ("256.1.1.1", nil), ("1.2.3.a", nil), ("", nil),
        ]
    )
    func ipv4(_ text: String, _ octets: [UInt8]?) {
        #expect(RegistryHost.ipv4Octets(Array(text.utf8)) == octets)
    }
}
