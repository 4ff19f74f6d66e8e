import ArgumentParser
import FerryCore
import FerryRuntime
import FerryStandalone
import FerryStore
import Foundation

/// The flags `ferry rollback`, `ferry release-tag` and `ferry explain policy` share: where the
/// objects, Secrets and state are, and the policy's namespace.
struct PolicyCommandOptions: ParsableArguments {
    @OptionGroup var standalone: StandaloneOptions

    @Option(help: ArgumentHelp("The folder (or file) of Secrets, as given to `ferry run`.", valueName: "dir"))
    var secrets: String?

    @Option(name: [.customShort("n"), .customLong("namespace")], help: "The policy's namespace.")
    var namespace = "flux-system"

    @Option(name: [.customShort("o"), .customLong("output")], help: "Output format: text or json.")
    var output: OutputFormat = .text

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    /// The policy `name` in the standalone folder, or in the cluster when `cluster` names one; the wall clock.
    func target(_ name: String, cluster: ClusterFlags) throws -> PolicyCommandTarget {
        var target = PolicyCommandTarget(manifests: standalone.manifests, secrets: secrets, state: standalone.state, namespace: namespace, name: name)
        if let images = try cluster.images(standalone: standalone, environment: ProcessInfo.processInfo.environment) {
            target = PolicyCommandTarget(context: try images.policyContext(), namespace: namespace, name: name)
        }
        target.now = { SystemClock.now() }
        return target
    }

    static func failure(_ error: RollbackError) -> CommandFailure {
        switch error.kind {
        case .invalidInput: CommandFailure(.invalidInput, error.description)
        case .nothing: CommandFailure(.no, error.description)
        case .failure: CommandFailure(.failure, error.description)
        }
    }
}

/// `ferry rollback POLICY`.
struct RollbackCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollback",
        abstract: "Revert the latest automated commit for an ImagePolicy and quarantine its tag.",
        discussion: """
            Finds, on the push branch of each ImageUpdateAutomation that selects the policy, the newest commit by the \
            automation's author that changed a field marked for the policy, and makes a NEW commit (with the \
            automation's author, signing key and push settings) that puts the earlier values back in those fields \
            only; history is never rewritten. The tag the commit brought in is put in quarantine (in --state), so the \
            policy keeps the earlier tag until `ferry release-tag` releases it. --dry-run prints the diff and changes nothing.

            Exit status: 0 rolled back (or, with --dry-run, something to roll back); 1 nothing to roll back (no \
            automated commit, already rolled back, or the fields changed since); 2 an unknown policy or no automation \
            selects it; 3 Git or the state file failed.

            Examples:
              ferry rollback podinfo --manifests ./clusters/staging --secrets ./secrets --state ferry.db --dry-run
              ferry rollback podinfo -n apps --manifests ./clusters/staging --state ferry.db
              ferry rollback podinfo --automation staging --manifests ./fleet --state ferry.db
              ferry rollback podinfo --automation staging --kubeconfig ~/.kube/config -n apps

            With --kubeconfig or --context (or $KUBECONFIG without --manifests/--state), the automations, \
            GitRepositories and Secrets are read from the cluster, the revert commit is made and pushed the same way, \
            and the tag goes into the policy's ferry.dev/quarantined-tags annotation (merge patch, with \
            reconcile.fluxcd.io/requestedAt), which `ferry controller` honours.
            """)

    @Argument(help: "The ImagePolicy's name.")
    var policy: String

    @OptionGroup var options: PolicyCommandOptions

    @Flag(help: "Print what would change; commit, push and quarantine nothing.")
    var dryRun = false

    @Option(help: ArgumentHelp(
        "Roll back only this ImageUpdateAutomation's commits (when several automations select the policy, e.g. staging and production).",
        valueName: "name"))
    var automation: String?

    @OptionGroup var cluster: ClusterFlags

    func run() async throws {
        var request = PolicyRollback.Request(target: try options.target(policy, cluster: cluster))
        request.dryRun = dryRun
        request.automation = automation
        let report: PolicyRollback.Report
        do {
            report = try await PolicyRollback.run(request)
        } catch {
            throw PolicyCommandOptions.failure(error)
        }
        let console = Console.current
        let commit = String(report.revertedCommit.prefix(7))
        switch options.output {
        case .json:
            console.print(
                JSONValue.object([
                    ("policy", .string("\(report.policy.namespace)/\(report.policy.name)")),
                    ("automation", .string("\(report.automation.namespace)/\(report.automation.name)")),
                    ("revertedCommit", .string(report.revertedCommit)), ("revertedSubject", .string(report.revertedSubject)),
                    ("from", .string(report.revert.from.description)), ("to", .string(report.revert.to.description)),
                    ("files", .array(report.revert.files.map(JSONValue.string))), ("diff", .string(report.diff)),
                    ("commit", report.push.map { .string($0.commit.hash) } ?? .null), ("branch", report.push.map { .string($0.branch) } ?? .null),
                    ("quarantinedTag", report.quarantined.map { .string($0.tag) } ?? .null), ("dryRun", .bool(report.dryRun)),
                ]).rendered())
        case .text:
            let subject = "\(report.policy.namespace)/\(report.policy.name): commit \(commit) (\(report.revertedSubject)) set \(report.revert.from), before it \(report.revert.to)"
            if report.dryRun {
                console.print("would roll back \(subject)")
                console.writeOutput(report.diff)
                return
            }
            console.print("rolled back \(subject)")
            if let push = report.push { console.print("pushed commit '\(push.commit.hash.prefix(7))' to branch '\(push.branch)'") }
            if let tag = report.quarantined?.tag { console.print("quarantined tag \(tag): the policy keeps \(report.revert.to.tag ?? "the earlier tag") until `ferry release-tag \(report.policy.name) \(tag)`") }
        }
    }
}

/// `ferry release-tag POLICY TAG`.
struct ReleaseTagCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "release-tag",
        abstract: "Take a tag out of an ImagePolicy's quarantine.",
        discussion: """
            The policy may select the tag again from its next reconcile on (a running `ferry run` is asked to \
            reconcile it now).

            Exit status: 0 released; 1 the tag was not in quarantine; 2 an unknown policy; 3 the state file failed.

            With --kubeconfig or --context (or $KUBECONFIG without --manifests/--state), the tag is taken out \
            of the policy's ferry.dev/quarantined-tags annotation in the cluster by merge patch, with \
            reconcile.fluxcd.io/requestedAt, so `ferry controller` reconciles the policy at once.

            Examples:
              ferry release-tag podinfo 6.5.1 --manifests ./clusters/staging --state ferry.db
              ferry release-tag podinfo 6.5.1 --kubeconfig ~/.kube/config -n apps
            """)

    @Argument(help: "The ImagePolicy's name.")
    var policy: String

    @Argument(help: "The tag to release.")
    var tag: String

    @OptionGroup var options: PolicyCommandOptions

    @OptionGroup var cluster: ClusterFlags

    func run() async throws {
        if let images = try cluster.images(standalone: options.standalone, environment: ProcessInfo.processInfo.environment) {
            try await release(in: images)
            return
        }
        let store = try options.standalone.store(create: true)
        let source = options.standalone.source(store: store)
        let id = ObjectID(kind: ImagePolicy.kind, namespace: options.namespace, name: policy)
        guard let object = try await StandaloneFiles.get(ImagePolicy.self, id, in: source) else {
            throw CommandFailure(.invalidInput, "no ImagePolicy \(options.namespace)/\(policy) in --manifests \(options.standalone.manifests)")
        }
        let released = try await StandaloneFiles.storeCall { try await store.releaseTag(tag, for: id) }
        guard released else { throw CommandFailure(.no, "tag \(tag) is not in the quarantine of ImagePolicy \(options.namespace)/\(policy)") }
        let now = SystemClock.now()
        let remaining = try await StandaloneFiles.storeCall { try await store.quarantinedTags(for: id) }
        var updated = object
        updated.status.quarantinedTags = remaining.isEmpty ? nil : remaining
        _ = try await StandaloneFiles.storeCall { try await source.writeStatus(updated, previous: object.status) }
        try await StandaloneFiles.storeCall { try await store.requestReconcile(id, value: now.rfc3339Nano, at: now) }
        printReleased(remaining: remaining.map(\.tag), place: "")
    }

    /// The cluster variant: the annotation, by merge patch.
    private func release(in images: ClusterImages) async throws(CommandFailure) {
        let quarantine = ClusterQuarantine(images: images, namespace: options.namespace, name: policy)
        let (_, entries) = try await quarantine.read()
        guard entries.contains(where: { $0.tag == tag }) else {
            throw CommandFailure(
                .no, "tag \(tag) is not in the quarantine of ImagePolicy \(options.namespace)/\(policy) "
                    + "(annotation \(PolicyQuarantineAnnotation.key) in the cluster at \(images.server))")
        }
        let remaining = entries.filter { $0.tag != tag }
        try await quarantine.write(remaining, requestedAt: SystemClock.now().rfc3339Nano)
        printReleased(remaining: remaining.map(\.tag), place: " in the cluster")
    }

    /// What `release-tag` prints: the tags still quarantined (`-o json`), or one line.
    private func printReleased(remaining: [String], place: String) {
        switch options.output {
        case .json:
            Console.current.print(
                JSONValue.object([
                    ("policy", .string("\(options.namespace)/\(policy)")), ("released", .string(tag)),
                    ("quarantinedTags", .array(remaining.map { .string($0) })),
                ]).rendered())
        case .text:
            Console.current.print("released tag \(tag) of \(options.namespace)/\(policy)\(place); the next reconcile may select it")
        }
    }
}
