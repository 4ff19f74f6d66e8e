/// The decisions of an ImagePolicy reconcile that need no I/O (flux-spec §2.3–2.5): choosing
/// the tag, whether to look up a digest, how the refs and the Ready message change, and
/// Ferry's guard against moving backwards.
public enum ImagePolicyDecisions {
    /// What applying the policy to the repository's tags gave.
    public enum Selection: Sendable, Hashable {
        /// The tag to reference.
        case tag(String, value: String)
        /// The spec cannot work: Stalled with this reason and message.
        case stalled(reason: String, message: String)
        /// The repository has no tags yet: Ready=False `DependencyNotReady`, retried later.
        case noTags
        /// The policy ran and selected nothing: Ready=False `Failure`, retried.
        case failed(message: String)
    }

    /// Flux's message when the store holds no tags for the repository.
    public static let noTagsMessage = "no tags in database"

    /// Applies `policy` to `tags` (IP-22 to IP-25), with Flux's messages.
    public static func select(_ policy: ImagePolicy, tags: TagList?, gate: TagGate = .open) -> Selection {
        let selector: TagSelector
        do {
            selector = try TagSelector(policy: policy.spec.policy, filterTags: policy.spec.filterTags.flatMap { $0.pattern.isEmpty && $0.extract.isEmpty ? nil : $0 })
        } catch {
            if error.field == .filterPattern || error.field == .filterExtract {
                return .stalled(reason: ReconcileReason.invalidPolicy, message: "failed to filter tags: \(error.upstreamMessage)")
            }
            return .stalled(reason: ReconcileReason.invalidPolicy, message: error.upstreamMessage)
        }
        guard let tags, !tags.isEmpty else { return .noTags }
        if !gate.isOpen, gate.partition(tags).admitted.isEmpty {
            return .failed(message: heldEverythingMessage(tags.count))
        }
        do {
            let selection = try selector.select(from: tags, gate: gate)
            return .tag(selection.tag, value: selection.value)
        } catch {
            return .failed(message: error.upstreamMessage)
        }
    }

    /// Whether the digest of the selected tag must be looked up (IP-40 to IP-42); when not, the
    /// digest to keep (`nil` for none).
    public enum DigestPlan: Sendable, Hashable {
        case fetch
        case keep(String?)
    }

    /// The digest plan for selecting `tag` of `image`.
    public static func digestPlan(_ policy: ImagePolicy, image: String, tag: String) -> DigestPlan {
        switch policy.spec.digestReflectionPolicy ?? .never {
        case .never:
            return .keep(nil)
        case .always:
            return .fetch
        case .ifNotPresent:
            guard let latest = policy.status.latestRef, latest.name == image, latest.tag == tag, let digest = latest.digest, !digest.isEmpty else {
                return .fetch
            }
            return .keep(digest)
        }
    }

    /// Sets `latestRef` to `newRef` when it differs, moving the old one to `observedPreviousRef`
    /// (IP-11, IP-26). Returns whether anything changed.
    @discardableResult
    public static func update(_ status: inout ImagePolicy.Status, to newRef: ImagePolicy.ImageRef) -> Bool {
        guard status.latestRef != newRef else { return false }
        status.observedPreviousRef = status.latestRef
        status.latestRef = newRef
        return true
    }

    /// The Ready message (IP-27): `Latest image tag for <name> resolved to <tag>`, the digest when
    /// there is one, and the previous ref while it differs.
    public static func readyMessage(_ status: ImagePolicy.Status) -> String {
        guard let latest = status.latestRef else { return "" }
        var message = "Latest image tag for \(latest.name) resolved to \(latest.tag)"
        if let digest = latest.digest, !digest.isEmpty { message += " with digest \(digest)" }
        if let previous = status.observedPreviousRef, previous != latest {
            message += " (previously \(previous.name):\(previous.tag)"
            if let digest = previous.digest, !digest.isEmpty { message += "@\(digest)" }
            message += ")"
        }
        return message
    }

    /// Ferry's guard against surprise downgrades: with the spec unchanged since the current
    /// `latestRef` was chosen, a selection the policy orders below it (because the newer tag
    /// disappeared from the registry, say) keeps the current tag. Flux would move back.
    ///
    /// - Returns: The tag to keep instead of `selected`, or `nil` to take `selected`.
    public static func downgradeGuard(_ policy: ImagePolicy, selected: String, specUnchanged: Bool) -> String? {
        guard specUnchanged, let current = policy.status.latestRef?.tag, current != selected else { return nil }
        guard let selector = try? TagSelector(policy: policy.spec.policy, filterTags: policy.spec.filterTags.flatMap { $0.pattern.isEmpty && $0.extract.isEmpty ? nil : $0 }) else {
            return nil
        }
        // The current tag is strictly newer when it wins in either order (ties go to one side or
        // the other depending on the policy, so one order alone cannot tell).
        guard let first = try? selector.select(from: [selected, current]), let second = try? selector.select(from: [current, selected]) else {
            return nil
        }
        return first.tag == current && second.tag == current ? current : nil
    }
}
