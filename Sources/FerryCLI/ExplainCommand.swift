import ArgumentParser
import FerryCore
import FerryRuntime
import Foundation

/// `ferry explain …`.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain", abstract: "Say why an object does what it does.", subcommands: [ExplainPolicyCommand.self])
}

/// `ferry explain policy NAME`.
struct ExplainPolicyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy",
        abstract: "Explain an ImagePolicy's selection: every tag, the rule that dropped it, the winner, and each marked file.",
        discussion: """
            Reads the policy and its ImageRepository from --manifests, the stored tags, the quarantine and the tags' \
            first-seen times from --state (as `ferry run` left them), and applies the policy as the next reconcile \
            would: for every tag, its value (after filterTags.extract), whether it was selected, outranked or \
            dropped, and by which rule (exclusion-list, too-long, filter-pattern, filter-extract, not-a-version, \
            semver-range, prerelease, not-a-number, quarantine, minimum-age). Then it checks out the repository of \
            every ImageUpdateAutomation that selects the policy (a clone; nothing is pushed) and says, for each file \
            with a marker, whether the next run changes it, or why not (already at the value, markers for other \
            policies only, not in update.path). --no-checkout leaves the files out.

            Exit status: 0 a tag is selected; 1 none can be; 2 an unknown policy or repository; 3 the state file failed.

            Examples:
              ferry explain policy podinfo --manifests ./clusters/staging --state ferry.db
              ferry explain policy podinfo -n apps --manifests . --state ferry.db -o json
              ferry explain policy podinfo --kubeconfig ~/.kube/config -n apps

            With --kubeconfig or --context (or $KUBECONFIG without --manifests/--state), the objects and Secrets \
            come from the cluster, the quarantine from the policy's ferry.dev/quarantined-tags annotation, and the \
            tags from the ImageRepository's status.lastScanResult.latestTags (the newest ones the controller reported).
            """)

    @Argument(help: "The ImagePolicy's name.")
    var name: String

    @OptionGroup var options: PolicyCommandOptions

    @Flag(inversion: .prefixedNo, help: "Check out the automations' repositories to judge the marked files.")
    var checkout = true

    @OptionGroup var cluster: ClusterFlags

    func run() async throws {
        var request = PolicyExplainer.Request(target: try options.target(name, cluster: cluster))
        request.checkout = checkout
        let report: PolicyExplainer.Report
        do {
            report = try await PolicyExplainer.explain(request)
        } catch {
            throw PolicyCommandOptions.failure(error)
        }
        let console = Console.current
        switch options.output {
        case .json: console.print(ExplainReport.json(report).rendered())
        case .text: console.writeOutput(ExplainReport.text(report))
        }
        for problem in report.checkoutErrors { console.printError("ferry: warning: cannot check out: \(problem)") }
        if case .failure(let error) = report.result { throw CommandFailure(.no, "no tag can be selected: \(error.description)") }
    }
}
