import FerryCore
import FerryForge
import Testing

/// What goes wrong below the API: no answer, no server, a redirect, a body that is not JSON. Each error names the
/// forge, the repository, both branches and the request.
@Suite struct FailureModeTests {
    @Test(arguments: ForgeKind.allCases)
    func aBodyThatIsNotJSON(_ kind: ForgeKind) async throws {
        let forge = try ForgeHarness(kind)
        let error = try await forge.failure(forge.spec(kind == .gitlab ? "group/garbled" : "team/garbled"))
        #expect(error.kind == .malformedResponse)
        #expect(error.status == 200)
        #expect(error.description.contains("\(kind) repository"))
        #expect(error.description.contains("the body is not the JSON the \(kind) API documents (not valid JSON)"))
    }

    @Test(arguments: ForgeKind.allCases)
    func redirectsAreNotFollowed(_ kind: ForgeKind) async throws {
        let forge = try ForgeHarness(kind)
        let error = try await forge.failure(forge.spec(kind == .gitlab ? "group/redirect-away" : "team/redirect-away"))
        #expect(error.kind == .unexpectedStatus)
        #expect(error.status == 301)
        #expect(error.request?.hasPrefix("GET \(forge.origin)/") == true)
    }

    @Test func aForgeThatDoesNotAnswerTimesOut() async throws {
        let forge = try ForgeHarness(.github)
        var spec = forge.spec("team/hang-forever")
        spec.timeout = .seconds(1)
        let error = try await forge.failure(spec)
        #expect(error.kind == .timeout)
        #expect(error.description.contains("the forge did not answer within 1.0 seconds"))
        #expect(error.description.contains("GitHub repository team/hang-forever"))
    }

    @Test func aForgeThatIsNotThere() async throws {
        let forge = try ForgeHarness(.gitea)
        var spec = forge.spec("team/fleet")
        spec.apiBaseURL = try #require(WebAddress("http://127.0.0.1:1/api/v1"))
        spec.timeout = .seconds(2)
        let error = try await forge.failure(spec)
        #expect(error.kind == .connection)
        #expect(error.description.hasPrefix(
            "cannot open or update the pull request ferry/podinfo → main of Gitea repository team/fleet: GET http://127.0.0.1:1/api/v1/repos/team/fleet/pulls"))
        #expect(error.description.contains("127.0.0.1:1"))
        #expect(error.description.contains("Connection refused"))
    }
}
