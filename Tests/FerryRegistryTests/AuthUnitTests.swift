import Crypto
import FerryCore
import Testing

@testable import FerryRegistry

struct SigV4Tests {
    /// The worked example of AWS's Signature Version 4 documentation (IAM ListUsers, 2015-08-30T12:36:00Z).
    @Test func signsTheDocumentedExample() throws {
        let url = try #require(RegistryURL(parsing: "https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08"))
        let credentials = AWSCredentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
        let headers = SigV4.sign(
            method: "GET", url: url, headers: [("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")], body: [], service: "iam",
            region: "us-east-1", credentials: credentials, unixTime: 1_440_938_160)
        let authorization = try #require(headers.first { $0.0 == "Authorization" }?.1)
        #expect(headers.first { $0.0 == "X-Amz-Date" }?.1 == "20150830T123600Z")
        #expect(
            authorization
                == "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7"
        )
    }

    @Test func derivesTheDocumentedSigningKey() {
        let key = SigV4.signingKey(secret: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", date: "20150830", region: "us-east-1", service: "iam")
        #expect(key.withUnsafeBytes { SigV4.hex(Array($0)) } == "c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9")
    }

    @Test func signsSessionTokens() throws {
        let url = try #require(RegistryURL(parsing: "http://127.0.0.1:5010/"))
        let headers = SigV4.sign(
            method: "POST", url: url, headers: [], body: Array("{}".utf8), service: "ecr", region: "us-east-1",
            credentials: AWSCredentials(accessKeyID: "A", secretAccessKey: "S", sessionToken: "T"), unixTime: 0)
        #expect(headers.contains { $0 == ("X-Amz-Security-Token", "T") })
        #expect(headers.first { $0.0 == "Authorization" }?.1.contains("SignedHeaders=host;x-amz-date;x-amz-security-token") == true)
    }
}

struct TokenCacheTests {
    @Test func keepsTokensUntilTheyExpire() async {
        let cache = TokenCache()
        let start = ContinuousClock.now
        await cache.store("t1", for: "k", expiresIn: 300, now: start)
        #expect(await cache.token(for: "k", now: start + .seconds(294)) == "t1")
        #expect(await cache.token(for: "k", now: start + .seconds(296)) == nil)
    }

    @Test func defaultsToSixtySecondsAndShortLifetimesKeepMostOfTheirTime() {
        #expect(TokenCache.cachedLifetime(expiresIn: nil) == .seconds(55))
        #expect(TokenCache.cachedLifetime(expiresIn: 0) == .seconds(55))
        #expect(TokenCache.cachedLifetime(expiresIn: 2) == .milliseconds(1800))
    }

    @Test func discardsOnlyTheRefusedToken() async {
        let cache = TokenCache()
        await cache.store("new", for: "k", expiresIn: 300)
        await cache.discard("old", for: "k")
        #expect(await cache.token(for: "k") == "new")
        await cache.discard("new", for: "k")
        #expect(await cache.token(for: "k") == nil)
    }

    @Test func keysDependOnCredentialsWithoutHoldingThem() {
        let a = TokenCache.key(realm: "r", service: "s", scope: "repository:a:pull", credentials: .basic(username: "u", password: "secret-one"))
        let b = TokenCache.key(realm: "r", service: "s", scope: "repository:a:pull", credentials: .basic(username: "u", password: "secret-two"))
        #expect(a != b)
        #expect(!a.contains("secret-one"))
    }
}

struct RequestLimiterTests {
    @Test func boundsRequestsInFlightPerHost() async {
        let limiter = RequestLimiter(limit: 2)
        let peak = PeakCounter()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<12 {
                group.addTask {
                    await limiter.withPermit(for: "registry") {
                        await peak.enter()
                        await Task.yield()
                        await peak.leave()
                    }
                }
            }
        }
        #expect(await peak.maximum <= 2)
        #expect(await peak.maximum >= 1)
        #expect(await limiter.inFlight("registry") == 0)
    }

    actor PeakCounter {
        var current = 0
        var maximum = 0
        func enter() {
            current += 1
            maximum = max(maximum, current)
        }
        func leave() { current -= 1 }
    }
}
