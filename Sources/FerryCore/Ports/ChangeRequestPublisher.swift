/// The port the ImageUpdateAutomation reconciler uses to open or update the pull request for a
/// push branch: `FerryForge.ForgeClient` implements it over GitHub's, GitLab's, Gitea's and
/// Bitbucket's REST APIs; `FerryForge.InMemoryChangeRequestPublisher` is the fake for tests.
///
/// A publisher never opens a second pull request for the same source and target branch: it looks
/// for the open one first, changes it only when its title, description or labels differ, and
/// opens a new one only when none is open (a closed or merged one does not count).
///
/// ```swift
/// let result = try await publisher.publish(spec)
/// switch result.action {
/// case .created, .updated: recorder.record(.info, "pull request \(result.webURL) \(result.action)")
/// case .unchanged: break
/// }
/// ```
public protocol ChangeRequestPublisher: Sendable {
    /// Opens or updates the pull request `request` describes.
    ///
    /// - Parameter request: The forge, repository, branches, texts, labels, reviewers and credentials.
    /// - Returns: What was done, with the pull request's number and address.
    /// - Throws: ``ChangeRequestError`` naming the repository, the branches and the request that failed.
    func publish(_ request: ChangeRequestSpec) async throws(ChangeRequestError) -> ChangeRequestResult

    /// Closes, without merging, the open pull request of `request`'s source and target branch, when there is one: the
    /// branch has nothing left to propose (a rollback took the change back). Only the forge, API address, repository,
    /// branches, credentials, CA and timeout of `request` are used.
    ///
    /// - Returns: The closed pull request (action ``ChangeRequestResult/Action/closed``), or `nil` when none was open.
    /// - Throws: ``ChangeRequestError`` with operation ``ChangeRequestError/Operation/close(number:)``, naming the pull
    ///   request, the forge and the status; the pull request then stays as it was.
    func close(_ request: ChangeRequestSpec) async throws(ChangeRequestError) -> ChangeRequestResult?
}
