import FerryCore
import FerryForge
import Testing

@Suite struct InMemoryChangeRequestPublisherTests {
    static func spec(title: String = "t", labels: [String] = []) -> ChangeRequestSpec {
        ChangeRequestSpec(
            forge: .github, apiBaseURL: WebAddress("https://api.github.com")!, repository: "org/fleet", sourceBranch: "ferry/a", targetBranch: "main",
            title: title, labels: labels, reviewers: ["alice"], autoMerge: .merge, credentials: .token("x"))
    }

    @Test func followsTheRules() async throws {
        let forge = InMemoryChangeRequestPublisher()
        let created = try await forge.publish(Self.spec())
        #expect(created.action == .created)
        #expect(created.reviewersRequested == ["alice"])
        #expect(created.autoMerge == .enabled)
        let same = try await forge.publish(Self.spec())
        #expect(same.action == .unchanged)
        #expect(same.autoMerge == .alreadyEnabled)
        #expect(try await forge.publish(Self.spec(labels: ["x"])).action == .updated)
        await forge.close(repository: "org/fleet", number: 1)
        #expect(try await forge.publish(Self.spec()).number == 2)
        #expect(await forge.pullRequests.count == 2)
        #expect(await forge.published.count == 4)
    }

    @Test func injectedFailures() async throws {
        let forge = InMemoryChangeRequestPublisher()
        let error = ChangeRequestError(.unauthorized, spec: Self.spec(), status: 401, reason: "no")
        await forge.fail(repository: "org/fleet", with: error)
        await #expect(throws: error) { try await forge.publish(Self.spec()) }
    }
}
