import FerryCore
import FerryForge
import Foundation
import Testing

/// Closing the open pull request of a branch that has nothing left to propose, on every forge, with the documented
/// request: GitHub `PATCH …/pulls/N {"state":"closed"}`, GitLab `PUT …/merge_requests/N {"state_event":"close"}`, Gitea
/// `PATCH …/pulls/N {"state":"closed"}`, Bitbucket `POST …/pullrequests/N/decline` without a body.
@Suite struct ClosePullRequestTests {
    /// The write request of a close, and its JSON body with sorted keys (`nil`: no body).
    static func closeRequest(_ kind: ForgeKind) -> (method: String, suffix: String, body: String?) {
        switch kind {
        case .github: ("PATCH", "/pulls/1", #"{"state":"closed"}"#)
        case .gitlab: ("PUT", "/merge_requests/1", #"{"state_event":"close"}"#)
        case .gitea: ("PATCH", "/pulls/1", #"{"state":"closed"}"#)
        case .bitbucket: ("POST", "/pullrequests/1/decline", nil)
        }
    }

    static func closedState(_ kind: ForgeKind) -> String { kind == .bitbucket ? "DECLINED" : "closed" }

    @Test(arguments: ForgeKind.allCases)
    func closesTheOpenPullRequestOfTheBranchesOnly(_ kind: ForgeKind) async throws {
        let forge = try ForgeHarness(kind)
        let repository = forge.repository("close")
        try await forge.seed(repository, pulls: [.init(source: "ferry/podinfo"), .init(source: "ferry/other")])
        let result = try #require(try await forge.close(forge.spec(repository)))
        #expect(result.action == .closed)
        #expect(result.number == 1)
        #expect(result.webURL.hasPrefix(forge.origin + "/" + repository))
        let state = try await forge.state(repository)
        #expect(state.pulls.first?["state"] as? String == Self.closedState(kind))
        #expect(state.openPulls.count == 1, "the other branch's pull request stays open")
        let expected = Self.closeRequest(kind)
        let writes = state.requests.filter { ($0["method"] as? String) != "GET" }
        #expect(writes.count == 1, "one write: \(state.calls)")
        #expect(writes.first?["method"] as? String == expected.method)
        #expect((writes.first?["path"] as? String)?.hasSuffix(expected.suffix) == true, "\(state.calls)")
        if let body = expected.body {
            #expect(state.bodyJSON(expected.method, expected.suffix) == body)
        } else {
            #expect(writes.first?["body"] is NSNull || writes.first?["body"] == nil)
        }
    }

    @Test(arguments: ForgeKind.allCases)
    func nothingOpenIsNothingToClose(_ kind: ForgeKind) async throws {
        let forge = try ForgeHarness(kind)
        let repository = forge.repository("close-none")
        try await forge.seed(repository, pulls: [.init(source: "ferry/podinfo", state: "closed")])
        #expect(try await forge.close(forge.spec(repository)) == nil)
        let state = try await forge.state(repository)
        #expect(state.requests.allSatisfy { ($0["method"] as? String) == "GET" }, "\(state.calls)")
    }

    @Test(arguments: ForgeKind.allCases, [500, 403, 422])
    func aRefusedCloseNamesThePullRequestTheForgeAndTheStatus(_ kind: ForgeKind, status: Int) async throws {
        let forge = try ForgeHarness(kind)
        let repository = forge.repository("close-fail")
        try await forge.seed(repository, pulls: [.init(source: "ferry/podinfo", title: "Update podinfo to 6.5.1")], failClose: status)
        let spec = forge.spec(repository)
        do {
            let result = try await forge.close(spec)
            Issue.record("expected the close to fail, got \(String(describing: result))")
        } catch let error as ChangeRequestError {
            #expect(error.operation == .close(number: 1))
            #expect(error.status == status)
            #expect(error.kind == [500: .serverError, 403: .forbidden, 422: .rejected][status])
            #expect(error.description.hasSuffix("; was it merged or closed meanwhile?") == (status == 422), "\(error.description)")
            #expect(!error.description.contains("does the branch"), "a close is not an opening: \(error.description)")
            #expect(error.description.hasPrefix(
                "cannot close the \(kind.requestNoun) #1 (ferry/podinfo → main) of \(kind) repository \(repository): \(Self.closeRequest(kind).method) "),
                "\(error.description)")
            #expect(error.description.contains("answered \(status) "), "\(error.description)")
            #expect(error.description.contains("refused with \(status)"), "the forge's message: \(error.description)")
            #expect(!error.description.contains(ForgeHarness.token))
        }
        let state = try await forge.state(repository)
        #expect(state.openPulls.count == 1, "nothing lost: the pull request is still open")
        #expect(state.pulls.first?["title"] as? String == "Update podinfo to 6.5.1")
    }

    @Test func aListingFailureIsAFailedCloseWithoutANumber() async throws {
        let forge = try ForgeHarness(.github)
        let spec = forge.spec("team/missing-close")
        do {
            _ = try await forge.close(spec)
            Issue.record("expected the close to fail")
        } catch let error as ChangeRequestError {
            #expect(error.operation == .close(number: nil))
            #expect(error.kind == .notFound)
            #expect(error.description.hasPrefix("cannot close the pull request ferry/podinfo → main of GitHub repository team/missing-close: GET "))
        }
    }
}
