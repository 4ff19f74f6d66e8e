public import FerryCore

extension ImageUpdateAutomationReconciler {
    /// The Git job a reconcile of `automation` would run (source, credentials, author,
    /// signing, push plan), for commands that work on the automation's repository themselves:
    /// `ferry rollback` commits with the same author, signature and push settings.
    ///
    /// - Throws: ``AutomationJobError`` with the message the automation's Ready condition would carry.
    public static func gitJob(for automation: ImageUpdateAutomation, _ env: ReconcilerEnvironment) async throws -> GitAutomationJob {
        guard let git = automation.spec.git else {
            throw AutomationJobError(message: "source kind 'GitRepository' necessitates field .spec.git: invalid source configuration")
        }
        do {
            return try await makeJob(automation, git, env, forceFull: true)
        } catch let failure as UpdateFailure {
            throw AutomationJobError(message: failure.message)
        } catch {
            throw AutomationJobError(message: "failed configuring source manager: \(error)")
        }
    }
}

/// An automation whose Git job cannot be built (missing GitRepository or Secret, invalid spec).
public struct AutomationJobError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The message.
    public let message: String

    public var description: String { message }
}
