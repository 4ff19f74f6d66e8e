public import FerryCore
import FerryGit
import FerryReconciler
import FerryRegistry
import FerryServer
import FerryStandalone
import FerryStore
import FerryWorkspace
import Foundation
import Logging

/// `ferry explain policy NAME`: every tag the policy's repository holds, what each rule did
/// to it, the winner, and for every marked file in the checkout of each automation that
/// selects the policy whether the next run changes it, and why.
public enum PolicyExplainer {
    /// What to explain.
    public struct Request: Sendable {
        /// The policy and where it lives.
        public var target: PolicyCommandTarget
        /// Check out the automations' repositories to judge the files (a clone, no push).
        public var checkout = true

        /// Creates a request.
        public init(target: PolicyCommandTarget) {
            self.target = target
        }
    }

    /// The explanation.
    public struct Report: Sendable {
        /// The policy.
        public var policy: ObjectID
        /// The repository's `spec.image`.
        public var image: String
        /// The ordering rule, e.g. `semver range ">=1.0.0": the highest version wins`.
        public var ordering: String
        /// `ferry.dev/minimum-age`, when set.
        public var minimumAge: GoDuration?
        /// The quarantine.
        public var quarantined: [QuarantinedTag]
        /// One decision per stored tag, in store order, then the excluded tags.
        public var decisions: [TagDecision]
        /// When each tag was first seen.
        public var firstSeen: [String: Timestamp]
        /// The winner, or why there is none.
        public var result: Result<Selection, SelectionError>
        /// The files, per automation.
        public var files: [FileVerdict]
        /// Automations whose checkout failed, with the error.
        public var checkoutErrors: [String]
    }

    /// What the next run does to one marked file.
    public struct FileVerdict: Sendable, Hashable {
        /// What happens.
        public enum Verdict: String, Sendable, Hashable {
            case changes
            case alreadyAtValue = "already-at-value"
            case otherPolicies = "other-policies"
            case notInUpdatePath = "not-in-update-path"
        }

        public var automation: String
        /// From the repository root.
        public var path: String
        public var verdict: Verdict
        public var reason: String
    }

    /// Builds the explanation.
    ///
    /// - Throws: ``RollbackError`` (the standalone commands' sentence error) for an unknown
    ///   policy or repository, or a state file that cannot be read.
    public static func explain(_ request: Request) async throws(RollbackError) -> Report {
        do {
            return try await build(request)
        } catch let error as RollbackError {
            throw error
        } catch {
            throw RollbackError("\(error)")
        }
    }

    private static func build(_ request: Request) async throws -> Report {
        let context = try request.target.context(createState: false)
        let source = context.objects
        let store = context.store
        let policy = try await context.policy(namespace: request.target.namespace, name: request.target.name)
        let key = policy.repositoryKey
        guard let repository = try await source.get(ImageRepository.self, ObjectKey(namespace: key.namespace, name: key.name)) else {
            throw RollbackError("ImagePolicy \(request.target.namespace)/\(request.target.name) refers to ImageRepository \(key.namespace)/\(key.name), which is not \(context.location)", kind: .invalidInput)
        }
        let selector: TagSelector
        do {
            selector = try TagSelector(policy: policy.spec.policy, filterTags: policy.spec.filterTags.flatMap { $0.pattern.isEmpty && $0.extract.isEmpty ? nil : $0 })
        } catch {
            throw RollbackError("ImagePolicy \(request.target.namespace)/\(request.target.name): \(error.description)", kind: .invalidInput)
        }
        let now = request.target.now()
        var tags = try await store.tags(for: key)?.tags ?? TagList()
        if tags.isEmpty, context.tagsFromStatus, let latest = repository.status.lastScanResult?.latestTags { tags = TagList(latest) }
        let quarantined: [QuarantinedTag]
        do {
            quarantined = try await context.quarantine.entries(for: policy)
        } catch let invalid as SpecError {
            throw RollbackError("ImagePolicy \(request.target.namespace)/\(request.target.name) \(context.location): \(invalid.description)", kind: .invalidInput)
        }
        let firstSeen = try await store.tagsFirstSeen(for: key)
        // A cluster's tags come from the repository's status, without first-seen times: the minimum age cannot be judged.
        var judged = policy
        if context.tagsFromStatus && firstSeen.isEmpty { judged.metadata.annotations[PolicyGateAnnotations.minimumAge] = nil }
        let gate = ImagePolicyDecisions.gate(judged, quarantined: quarantined, firstSeen: firstSeen, now: now)
        let explanation = selector.explain(tags, gate: gate)
        var decisions = explanation.decisions
        decisions += excluded(firstSeen: firstSeen, stored: tags, exclusionList: repository.spec.effectiveExclusionList)
        var report = Report(
            policy: policy.id, image: repository.spec.image, ordering: ordering(selector.policy), minimumAge: gate.minimumAge, quarantined: quarantined,
            decisions: decisions, firstSeen: firstSeen, result: explanation.result, files: [], checkoutErrors: [])
        guard request.checkout, case .success(let selection) = explanation.result else { return report }
        let digest = policy.status.latestRef?.tag == selection.tag ? policy.status.latestRef?.digest : nil
        let winner = PolicyLatestRef(namespace: request.target.namespace, name: request.target.name, image: repository.spec.image, tag: selection.tag, digest: digest)
        let env = context.environment
        let automations = try await context.automations(selecting: policy)
        for automation in automations {
            do {
                var job = try await ImageUpdateAutomationReconciler.gitJob(for: automation, env)
                job.lastObservedRevision = nil
                let root = RollbackPass(namespace: "", name: "", updatePath: automation.spec.update?.path, author: "", dryRun: true).root
                let verdicts = FileVerdictBox()
                _ = try await GitCommandLineWorkspace().run(job) { tree in
                    verdicts.set(judge(tree: tree.path, root: root, winner: winner, automation: automation.metadata.name))
                    return .unchanged
                }
                report.files += verdicts.get()
            } catch {
                report.checkoutErrors.append("ImageUpdateAutomation \(automation.metadata.namespace)/\(automation.metadata.name): \(error)")
            }
        }
        return report
    }

    /// Tags a scan listed that the exclusion list dropped (their first-seen times are kept).
    static func excluded(firstSeen: [String: Timestamp], stored: TagList, exclusionList: [String]) -> [TagDecision] {
        let storedSet = Set(stored)
        guard let exclusions = try? ExclusionList(exclusionList) else { return [] }
        var budget = MatchBudget(steps: TagSelector.matchingBudget)
        return firstSeen.keys.filter { !storedSet.contains($0) }.sorted(by: >).compactMap { tag in
            guard let pattern = try? exclusions.excludingPattern(for: tag, budget: &budget) else { return nil }
            return TagDecision(tag: tag, value: nil, outcome: .dropped, reason: "matches spec.exclusionList pattern \"\(pattern)\", so it is not stored", rule: .exclusionList)
        }
    }

    static func ordering(_ policy: TagPolicy) -> String {
        switch policy {
        case .semver(let range): "semver range \"\(range.text)\": the highest version in range wins"
        case .alphabetical(let order): "alphabetical \(order == .ascending ? "asc: the last" : "desc: the first") in byte order wins"
        case .numerical(let order): "numerical \(order == .ascending ? "asc: the greatest" : "desc: the least") number wins"
        }
    }

    /// The verdict for every YAML file with a marker in the tree.
    static func judge(tree: String, root: String?, winner: PolicyLatestRef, automation: String) -> [FileVerdict] {
        guard let enumerator = FileManager.default.enumerator(atPath: tree) else { return [] }
        var verdicts: [FileVerdict] = []
        var paths: [String] = []
        while let path = enumerator.nextObject() as? String {
            if path == ".git" || path.hasPrefix(".git/") { enumerator.skipDescendants(); continue }
            if path.hasSuffix(".yaml") || path.hasSuffix(".yml") { paths.append(path) }
        }
        for path in paths.sorted() {
            guard let data = FileManager.default.contents(atPath: tree + "/" + path) else { continue }
            let file = ManifestFile(path: path, bytes: Array(data))
            guard MarkerScreen.containsMarkerKey(file.bytes[...]) else { continue }
            let fields = PolicyMarkers.fields(namespace: winner.namespace, name: winner.name, in: file)
            let others = PolicyMarkers.otherPolicies(namespace: winner.namespace, name: winner.name, in: file)
            let inUpdate = root.map { path.hasPrefix($0 + "/") } ?? true
            func add(_ verdict: FileVerdict.Verdict, _ reason: String) {
                verdicts.append(FileVerdict(automation: automation, path: path, verdict: verdict, reason: reason))
            }
            if fields.isEmpty {
                guard !others.isEmpty else { continue }
                add(.otherPolicies, "markers for another policy only (\(others.joined(separator: ", ")))")
            } else if !inUpdate {
                add(.notInUpdatePath, "not in update.path (\(root ?? ".")), so the automation does not look at it")
            } else if let rewrite = try? SetterRewriter.rewrite([file], policies: [winner]), !rewrite.result.isEmpty {
                let changes = rewrite.result.changes.map { "\($0.oldValue) → \($0.newValue)" }
                add(.changes, "the next run changes \(changes.joined(separator: ", "))")
            } else {
                add(.alreadyAtValue, "already at \(winner.tag) (\(fields.count) marked field\(fields.count == 1 ? "" : "s"))")
            }
        }
        return verdicts
    }
}

/// Carries the verdicts out of the checkout closure.
final class FileVerdictBox: @unchecked Sendable {
    private let lock = NSLock()
    private var verdicts: [PolicyExplainer.FileVerdict] = []

    func set(_ value: [PolicyExplainer.FileVerdict]) { lock.withLock { verdicts = value } }
    func get() -> [PolicyExplainer.FileVerdict] { lock.withLock { verdicts } }
}
