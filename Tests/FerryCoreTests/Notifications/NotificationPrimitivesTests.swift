import FerryCore
import Testing

@Suite struct NotificationPrimitivesTests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func sha256Vectors(input: String, digest: String) {
        #expect(ByteEncoding.hex(SHA256.hash(input.utf8)) == digest)
    }

    @Test func sha256OfAMillionAs() {
        #expect(ByteEncoding.hex(SHA256.hash([UInt8](repeating: 0x61, count: 1_000_000)))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func sha1Vectors() {
        #expect(ByteEncoding.hex(SHA1.hash("abc".utf8)) == "a9993e364706816aba3e25717850c26c9cd0d89d")
        #expect(ByteEncoding.hex(SHA1.hash("".utf8)) == "da39a3ee5e6b4b0d3255bfef95601890afd80709")
    }

    // RFC 4231 test cases 2 and 6 (a key longer than the block size).
    @Test func hmacSHA256Vectors() {
        #expect(ByteEncoding.hex(HMACSHA256.authenticationCode(for: "what do ya want for nothing?".utf8, key: "Jefe".utf8))
                == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
        let longKey = [UInt8](repeating: 0xaa, count: 131)
        #expect(ByteEncoding.hex(HMACSHA256.authenticationCode(for: "Test Using Larger Than Block-Size Key - Hash Key First".utf8, key: longKey))
                == "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")
    }

    @Test(arguments: ["", "f", "fo", "foo", "foob", "fooba", "foobar"])
    func base64RoundTrip(text: String) {
        let encoded = ByteEncoding.base64(text.utf8)
        #expect(ByteEncoding.decodeBase64(encoded) == Array(text.utf8))
    }

    @Test func base64MatchesRFC4648() {
        #expect(ByteEncoding.base64("foobar".utf8) == "Zm9vYmFy")
        #expect(ByteEncoding.base64("fooba".utf8) == "Zm9vYmE=")
        #expect(ByteEncoding.decodeBase64("Zm9v\nYmE=") == Array("fooba".utf8))
        #expect(ByteEncoding.decodeBase64("Zm9v!") == nil)
    }

    @Test func goJSONEscapesAsGoMarshalDoes() {
        let value = GoJSON.string("<a href=\"x\">&</a>\u{2028}\u{2029}\n\t\r\u{08}\u{0C}\u{01}\\ é 🚀")
        #expect(value.text == #""\u003ca href=\"x\"\u003e\u0026\u003c/a\u003e\u2028\u2029\n\t\r\b\f\u0001\\ é 🚀""#)
    }

    @Test func goJSONKeepsFieldOrderAndSortsMaps() {
        let value = GoJSON.fields([("z", .integer(-1)), ("a", .stringMap(["b": "2", "B": "1", "a": "0"])), ("n", .null), ("t", .bool(true)),
                                   ("l", .array([]))])
        #expect(value.text == #"{"z":-1,"a":{"B":"1","a":"0","b":"2"},"n":null,"t":true,"l":[]}"#)
    }

    @Test(arguments: [
        (Int64(0), "1970-01-01T00:00:00Z"), (1_767_225_600, "2026-01-01T00:00:00Z"), (951_782_400, "2000-02-29T00:00:00Z"),
        (1_709_251_199, "2024-02-29T23:59:59Z"), (-1, "1969-12-31T23:59:59Z"), (4_102_444_800, "2100-01-01T00:00:00Z"),
    ])
    func timestampsFormatAsRFC3339(seconds: Int64, text: String) {
        #expect(EventTimestamp(secondsSinceEpoch: seconds).rfc3339 == text)
        #expect(EventTimestamp(rfc3339: text)?.secondsSinceEpoch == seconds)
    }

    @Test func timestampsParseOffsetsAndFractions() {
        #expect(EventTimestamp(rfc3339: "2026-01-01T02:00:00.123456+02:00")?.secondsSinceEpoch == 1_767_225_600)
        #expect(EventTimestamp(rfc3339: "2026-01-01 00:00:00Z") == nil)
        #expect(EventTimestamp(rfc3339: "2026-13-01T00:00:00Z") == nil)
    }

    @Test(arguments: [("15s", "15s"), ("1m", "1m0s"), ("90s", "1m30s"), ("1h", "1h0m0s"), ("1.5s", "1.5s"), ("500ms", "500ms"),
                      ("2h45m", "2h45m0s"), ("0", "0s")])
    func durationsParseAndPrintAsGo(text: String, printed: String) {
        #expect(FluxDuration(parsing: text)?.description == printed)
    }

    @Test func timeoutPatternIsTheCRDs() {
        #expect(FluxDuration.matchesTimeoutPattern("30s"))
        #expect(FluxDuration.matchesTimeoutPattern("1m30s"))
        #expect(FluxDuration.matchesTimeoutPattern("1.5m"))
        #expect(FluxDuration.matchesTimeoutPattern("250ms"))
        #expect(!FluxDuration.matchesTimeoutPattern("1h"))
        #expect(!FluxDuration.matchesTimeoutPattern("30"))
        #expect(!FluxDuration.matchesTimeoutPattern(""))
        #expect(FluxDuration(parsing: "10x") == nil)
    }

    @Test func addressesSplitWithoutShowingSecrets() throws {
        let address = try #require(WebAddress("https://user:pass@hooks.slack.com:8443/services/T/B/SECRET?x=1#frag"))
        #expect(address.host == "hooks.slack.com")
        #expect(address.port == 8443)
        #expect(address.userinfo == "user:pass")
        #expect(address.path == "/services/T/B/SECRET")
        #expect(address.query == "x=1")
        #expect(address.description == "https://hooks.slack.com:8443")
        #expect(!"\(address)".contains("SECRET"))
        #expect(WebAddress("ftp://x/y") == nil)
        #expect(WebAddress("not a url") == nil)
        #expect(WebAddress("http://[::1]:80/x")?.host == "[::1]")
    }

    @Test(arguments: [
        ("https://github.com/org/repo", "https://github.com", "org/repo"),
        ("https://github.com/org/repo.git", "https://github.com", "org/repo"),
        ("ssh://git@github.com/org/repo", "https://github.com", "org/repo"),
        ("git@github.com:org/repo.git", "https://github.com", "org/repo"),
        ("http://127.0.0.1:8080/group/sub/project", "http://127.0.0.1:8080", "group/sub/project"),
        ("https://dev.azure.com/org/proj/_git/repo", "https://dev.azure.com", "org/proj/_git/repo"),
    ])
    func gitAddresses(text: String, host: String, id: String) throws {
        let address = try #require(GitAddress(text))
        #expect(address.host == host)
        #expect(address.id == id)
    }

    @Test func eventMessagesAreCutTo39000Characters() {
        let long = String(repeating: "é", count: 40_000)
        let event = FluxEvent(involvedObject: ObjectReference(kind: "ImagePolicy", namespace: "a", name: "b"), severity: .info,
                              timestamp: EventTimestamp(secondsSinceEpoch: 0), message: long, reason: "r", reportingController: "c")
        #expect(event.message.unicodeScalars.count == 39_000)
    }

    @Test func eventJSONIsGoMarshalOutput() {
        #expect(NotificationFixtures.event().json.text == NotificationFixtures.eventJSON)
        var bare = NotificationFixtures.event(metadata: [:])
        bare.reportingInstance = ""
        bare.involvedObject.uid = ""
        #expect(bare.json.text.contains(#""reason":"Succeeded","reportingController":"image-reflector-controller"}"#))
        #expect(!bare.json.text.contains("metadata"))
    }
}
