import FerryCore
import Testing

@testable import FerryRegistry

struct TagListParserTests {
    @Test(arguments: [
        (#"{"name":"a","tags":["1.0.0","latest"]}"#, "a", ["1.0.0", "latest"]),
        (#"  { "tags" : [ ] , "name" : "team/app" }  "#, "team/app", []),
        (#"{"name":"a","tags":null}"#, "a", []),
        (#"{"tags":["a\"b","c\\d","\u0041\u00e9","\ud83d\ude00","x\/y"]}"#, nil, ["a\"b", "c\\d", "Aé", "😀", "x/y"]),
        (#"{"child":[{"x":[1,2.5e3,true,false,null]}],"name":"n","tags":["t"],"extra":{"k":"v"}}"#, "n", ["t"]),
        // A repeated "tags" member: every array is read (JSON leaves repeated names to the reader).
        (#"{"tags":["a"],"name":"n","tags":["b"]}"#, "n", ["a", "b"]),
    ] as [(String, String?, [String])])
    func parsesTagLists(json: String, name: String?, tags: [String]) throws {
        let page = try TagListParser.parse(Array(json.utf8))
        #expect(page.name == name)
        #expect(page.tags == tags)
    }

    @Test(arguments: [
        (#"{"name":"a","tags":["1.0.0", 1.2.3 oops"#, 29, "a tag must be a string"),
        (#"{"name":"a","tags":["1.0.0""#, 27, "the tags array is not closed"),
        (#"{"name":"a"}"#, 0, "the object has no \"tags\" member"),
        (#"["1.0.0"]"#, 0, "expected a JSON object"),
        (#"{"tags":["a"]} trailing"#, 15, "unexpected text after the object"),
        (#"{"tags":["a\x"]}"#, 12, "an invalid escape in a string"),
        ("{\"tags\":[\"a\u{01}\"]}", 11, "a control character inside a string"),
        ("", 0, "the text ends where a JSON object was expected"),
        // Found by the registry-tags fuzzer: a "tags" that is a string, repeated with an array after it, is refused
        // (a reader that kept only the last member would take it for an empty list).
        (#"{"tags":"x","tags":[]}"#, 8, "expected an array of tags or null for \"tags\""),
    ] as [(String, Int, String)])
    func reportsMalformedJSON(json: String, offset: Int, message: String) {
        #expect(throws: TagListParser.Failure(offset: offset, message: message)) { try TagListParser.parse(Array(json.utf8)) }
    }
}

struct HeaderTests {
    @Test func parsesBearerChallenges() throws {
        let challenge = try #require(AuthChallenge.parse(#"Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/alpine:pull""#))
        #expect(challenge.scheme == "bearer")
        #expect(challenge.realm == "https://auth.docker.io/token")
        #expect(challenge.service == "registry.docker.io")
        #expect(challenge.scope == "repository:library/alpine:pull")
    }

    @Test func prefersBearerAmongSeveralChallenges() throws {
        let challenge = try #require(AuthChallenge.parse(#"Basic realm="x", Bearer realm="https://r/t",service=s"#))
        #expect(challenge.scheme == "bearer")
        #expect(challenge.service == "s")
        #expect(AuthChallenge.parse(#"Basic realm="basic-realm""#)?.scheme == "basic")
        #expect(AuthChallenge.parse(#"Bearer realm="a\"b""#)?.realm == "a\"b")
    }

    @Test(arguments: [
        (#"</v2/app/tags/list?last=1.0.10&n=3>; rel="next""#, "/v2/app/tags/list?last=1.0.10&n=3"),
        (#"<https://r.example/v2/app/tags/list?last=b>;rel=next"#, "https://r.example/v2/app/tags/list?last=b"),
        (#"<https://x/prev>; rel="prev", </v2/a/tags/list?last=z>; rel="next""#, "/v2/a/tags/list?last=z"),
        (#"</a>; title="x"; rel="first next""#, "/a"),
    ])
    func findsTheNextLink(header: String, target: String) {
        #expect(LinkHeader.next(in: header) == target)
    }

    @Test func ignoresLinksThatAreNotNext() {
        #expect(LinkHeader.next(in: #"</v2/a/tags/list?last=z>; rel="prev""#) == nil)
        #expect(LinkHeader.next(in: "garbage") == nil)
    }

    @Test(arguments: [
        ("/v2/x/tags/list?last=b&n=2", "https://r:5000/v2/x/tags/list?last=b&n=2"),
        ("?last=b", "https://r:5000/v2/app/tags/list?last=b"),
        ("list?last=c", "https://r:5000/v2/app/tags/list?last=c"),
        ("../other/tags/list", "https://r:5000/v2/app/other/tags/list"),
        ("//other:1/v2/a", "https://other:1/v2/a"),
        ("http://Other/v2/a?x=1", "http://other/v2/a?x=1"),
    ])
    func resolvesReferences(reference: String, resolved: String) throws {
        let base = try #require(RegistryURL(parsing: "https://r:5000/v2/app/tags/list?n=1000"))
        #expect(base.resolving(reference)?.description == resolved)
    }

    @Test func refusesURLsWithCredentials() {
        #expect(RegistryURL(parsing: "https://user:pass@r/v2/") == nil)
        #expect(RegistryURL(parsing: "ftp://r/") == nil)
    }

    @Test func readsRetryAfter() {
        #expect(RetryAfter.delay("120", now: 0) == .seconds(120))
        #expect(RetryAfter.delay(" 1 ", now: 0) == .seconds(1))
        // Sun, 06 Nov 1994 08:49:37 GMT is 784111777 (RFC 9110's example date).
        #expect(RetryAfter.delay("Sun, 06 Nov 1994 08:49:37 GMT", now: 784_111_767) == .seconds(10))
        #expect(RetryAfter.delay("Sun, 06 Nov 1994 08:49:37 GMT", now: 784_111_999) == .zero)
        #expect(RetryAfter.delay("soon", now: 0) == nil)
    }

    /// Found by reading the code behind `scripts/fuzz`'s registry-auth target: huge date fields used to overflow and trap.
    @Test(arguments: [
        "Sun, 06 Nov 99999999999999 08:49:37 GMT", "Sun, 99999999999999 Nov 1994 08:49:37 GMT", "Sun, 06 Nov 1994 99999999999999:49:37 GMT",
        "Sun, 06 Nov 1994 08:99999999999999:37 GMT", "Sun, 06 Nov 1994 08:49:-99999999999999 GMT", "Sun, 00 Nov 1994 08:49:37 GMT",
        "Sun, 06 Nov 0 08:49:37 GMT", "Sun, 06 Nov 1994 24:00:00 GMT",
    ])
    func refusesOutOfRangeRetryAfterDates(_ value: String) {
        #expect(RetryAfter.delay(value, now: 0) == nil)
    }

    @Test func convertsCivilTime() {
        #expect(CivilTime.unixSeconds(year: 2015, month: 8, day: 30) == 1_440_892_800)
        let parts = CivilTime.components(1_440_938_160)
        #expect(parts.year == 2015 && parts.month == 8 && parts.day == 30 && parts.hour == 12 && parts.minute == 36 && parts.second == 0)
    }

    @Test func codesBase64() {
        #expect(Base64Text.encode(Array("AWS:123456789012-auth-token".utf8)) == "QVdTOjEyMzQ1Njc4OTAxMi1hdXRoLXRva2Vu")
        #expect(Base64Text.decode("QVdTOjEyMzQ1Njc4OTAxMi1hdXRoLXRva2Vu").map { String(decoding: $0, as: UTF8.self) } == "AWS:123456789012-auth-token")
        #expect(Base64Text.encode(Array("ab".utf8)) == "YWI=")
        #expect(Base64Text.decode("YWI") == Array("ab".utf8))
        #expect(Base64Text.decode("not base64!") == nil)
    }

    @Test func encodesQueryComponents() {
        #expect(PercentEncoding.encode("repository:team/app:pull") == "repository%3Ateam%2Fapp%3Apull")
        #expect(PercentEncoding.form([("a b", "c&d")]) == "a%20b=c%26d")
    }
}
