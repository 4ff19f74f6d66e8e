import FerryCore
import Foundation
import Testing

@testable import FerryRegistry

/// The fault proxy: throttling with Retry-After, server errors, slow, cut and malformed bodies, statuses.
struct RegistryFaultTests {
    private func repository(_ spec: String, _ path: String = "paged/app") throws -> ImageRepositoryName {
        try TestServices.repository("FERRY_TEST_REGISTRY_PROXY", "x/\(spec).\(TestServices.nonce())/\(path)")
    }

    @Test func honoursRetryAfterAndReportsTheWaits() async throws {
        let listing = try await TestServices.withClient { try await $0.listTagsPatiently(in: try repository("r429x2.ra1.p10"), access: .anonymous) }
        #expect(listing.tags.count == 25)
        #expect(listing.throttles == [RegistryThrottle(status: 429, waited: .seconds(1)), RegistryThrottle(status: 429, waited: .seconds(1))])
    }

    @Test func backsOffOn503WithoutRetryAfter() async throws {
        let listing = try await TestServices.withClient { try await $0.listTagsPatiently(in: try repository("r503x1.ranone"), access: .anonymous) }
        #expect(listing.tags.count == 25)
        #expect(listing.throttles.map(\.status) == [503])
        #expect(listing.throttles.first?.waited == .milliseconds(20))
    }

    @Test func givesUpWhenThrottlingDoesNotEnd() async throws {
        let access = RegistryAccess(limits: RegistryLimits(maximumRetries: 2))
        let error = try await TestServices.scanError(try repository("r429always.ra0"), access)
        #expect(error.kind == .rateLimited)
        #expect(error.status == 429)
        #expect(error.retryAfter == .zero)
        #expect(error.description.contains("answered 429 Too Many Requests: still failing after 2 retries (waited 0s; 0s)"))
    }

    @Test func refusesARetryAfterLongerThanAllowed() async throws {
        let error = try await TestServices.scanError(try repository("r429x1.ra120"))
        #expect(error.kind == .rateLimited)
        #expect(error.retryAfter == .seconds(120))
        #expect(error.description.contains("the registry asked to wait 120s (Retry-After), more than the 30s allowed"))
    }

    @Test func aWaitPastTheTimeoutFailsAtOnce() async throws {
        // The timeout leaves a loaded machine plenty of time for the first answer; the wait asked for is longer still.
        let access = RegistryAccess(limits: RegistryLimits(timeout: .seconds(40), maximumRetryAfter: .seconds(120)))
        let error = try await TestServices.scanError(try repository("r429x1.ra100"), access)
        #expect(error.kind == .rateLimited)
        #expect(error.description.contains("waiting 100s before retrying would pass the timeout"))
    }

    @Test func retriesServerErrors() async throws {
        let listing = try await TestServices.withClient { try await $0.listTagsPatiently(in: try repository("e500x2"), access: .anonymous) }
        #expect(listing.tags.count == 25)
        #expect(listing.throttles.isEmpty)
        let error = try await TestServices.scanError(try repository("e500always"), RegistryAccess(limits: RegistryLimits(maximumRetries: 1)))
        #expect(error.kind == .serverError)
        #expect(error.description.contains("answered 500 Internal Server Error: still failing after 1 retries"))
    }

    @Test func aSlowBodyHitsTheTimeout() async throws {
        // The body takes 20 s (10 pieces, 2 s apart): the 1 s timeout passes long before it ends, however late a loaded
        // machine fires it.
        let access = RegistryAccess(limits: RegistryLimits(timeout: .seconds(1)))
        let error = try await TestServices.scanError(try repository("slow2000"), access)
        #expect(error.kind == .timeout)
        #expect(error.description.contains("the timeout of 1s passed"))
    }

    @Test func aCutBodyIsTruncated() async throws {
        let error = try await TestServices.scanError(try repository("cut"))
        #expect(error.kind == .truncatedBody)
        #expect(error.description.contains("truncated response"))
    }

    @Test(arguments: ["badjson", "trunc"])
    func malformedJSONIsReported(spec: String) async throws {
        let error = try await TestServices.scanError(try repository(spec))
        #expect(error.kind == .malformedResponse)
        #expect(error.description.contains("answered 200 (HTTP status): the tag list is not valid: "))
        #expect(error.description.contains(" at byte "))
    }

    @Test func bodiesOverTheCapAreRefused() async throws {
        let error = try await TestServices.scanError(try repository("big64"), RegistryAccess(limits: RegistryLimits(maximumBodyBytes: 16 * 1024)))
        #expect(error.kind == .bodyTooLarge)
        #expect(error.description.contains("more than the 16384 allowed"))
    }

    @Test func forbiddenIsItsOwnError() async throws {
        let error = try await TestServices.scanError(try repository("s403"))
        #expect(error.kind == .forbidden)
        #expect(error.description.contains("answered 403 Forbidden: the credentials (anonymous) may not pull the repository"))
        #expect(error.description.contains("(the server says DENIED: injected status)"))
    }

    @Test func connectionFailuresNameTheRegistry() async throws {
        let error = try await TestServices.scanError(try ImageRepositoryName(parsing: "127.0.0.1:1/app"))
        #expect(error.kind == .connection)
        #expect(error.description.hasPrefix("cannot list the tags of 127.0.0.1:1/app: GET http://127.0.0.1:1/v2/: cannot connect"))
    }
}
