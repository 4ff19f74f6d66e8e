/// Ferry's gates in the ImagePolicy reconcile: the gate of a policy, the tag it held back and
/// when to look again.
extension ImagePolicyDecisions {
    /// The message when the gate holds every tag back.
    static func heldEverythingMessage(_ count: Int) -> String {
        "all \(count) tags are held back (quarantined, or seen for less than \(PolicyGateAnnotations.minimumAge)); nothing can be selected yet"
    }

    /// The gate for `policy`: its quarantine and its minimum age, measured at `now` (the tag it
    /// has selected is not held back for its age).
    public static func gate(_ policy: ImagePolicy, quarantined: [QuarantinedTag], firstSeen: [String: Timestamp], now: Timestamp) -> TagGate {
        var reasons: [String: String] = [:]
        for entry in quarantined { reasons[entry.tag] = entry.holdReason }
        let minimumAge = (try? policy.minimumAge.get()) ?? nil
        return TagGate(quarantined: reasons, minimumAge: minimumAge, firstSeen: minimumAge == nil ? [:] : firstSeen, now: now, current: policy.status.latestRef?.tag)
    }

    /// The tag the policy would have selected without the gate, and why it is held, when the
    /// gate changed the outcome.
    public static func heldWinner(_ policy: ImagePolicy, tags: TagList?, gate: TagGate) -> (tag: String, hold: TagGate.Hold)? {
        guard !gate.isOpen, case .tag(let ungated, _) = select(policy, tags: tags), let hold = gate.hold(ungated) else { return nil }
        return (ungated, hold)
    }

    /// The Ready message's addition when a held tag would have won: ` (1.0.1 held back: …)`.
    public static func heldNote(_ held: (tag: String, hold: TagGate.Hold)?) -> String {
        guard let held else { return "" }
        return " (\(held.tag) held back: \(held.hold))"
    }

    /// How soon the youngest held tag reaches the minimum age, so the policy looks again then;
    /// `nil` when no tag is waiting for its age.
    public static func nextMaturity(_ tags: TagList?, gate: TagGate) -> GoDuration? {
        guard let tags, let minimumAge = gate.minimumAge else { return nil }
        var soonest: GoDuration?
        for tag in tags where gate.quarantined[tag] == nil && tag != gate.current {
            guard let seen = gate.firstSeen[tag] else { continue }
            let remaining = GoDuration(nanoseconds: minimumAge.nanoseconds - (gate.now - seen).nanoseconds)
            guard remaining > .zero else { continue }
            soonest = soonest.map { min($0, remaining) } ?? remaining
        }
        return soonest.map { max($0, .seconds(1)) }
    }
}
