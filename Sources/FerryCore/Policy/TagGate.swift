/// Ferry's gates in front of an ImagePolicy's selection (not in Flux): tags put in quarantine
/// by `ferry rollback`, and a minimum age (`ferry.dev/minimum-age`) a tag must have been seen
/// for before it may be selected. A held tag is simply not a candidate, so the policy selects
/// the best of the others.
///
/// ```swift
/// let gate = TagGate(quarantined: ["1.0.1": "rolled back"], minimumAge: .minutes(10), firstSeen: seen, now: now)
/// let selection = try selector.select(from: tags, gate: gate)
/// ```
public struct TagGate: Sendable, Hashable {
    /// Why a tag is held back.
    public enum Hold: Sendable, Hashable, CustomStringConvertible {
        /// In quarantine, with the quarantine's reason.
        case quarantined(reason: String)
        /// Seen for `age` (`nil`: not seen by a scan yet), less than the minimum `required`.
        case tooYoung(age: GoDuration?, required: GoDuration)

        /// A short phrase: `quarantined: …` or `seen for 2m0s, less than the minimum age 10m0s`.
        public var description: String {
            switch self {
            case .quarantined(let reason): return reason.isEmpty ? "quarantined" : "quarantined: \(reason)"
            case .tooYoung(let age?, let required): return "seen for \(age), less than the minimum age \(required)"
            case .tooYoung(nil, let required): return "not seen by a scan yet, so younger than the minimum age \(required)"
            }
        }
    }

    /// The quarantined tags and why each is.
    public var quarantined: [String: String]
    /// The minimum age, or `nil` for none.
    public var minimumAge: GoDuration?
    /// When each tag was first seen by a scan.
    public var firstSeen: [String: Timestamp]
    /// The time ages are measured at.
    public var now: Timestamp
    /// The tag the policy has selected now: it is not held back for its age (it already runs).
    public var current: String?

    /// A gate that holds nothing back.
    public static let open = TagGate()

    /// Creates a gate.
    public init(
        quarantined: [String: String] = [:], minimumAge: GoDuration? = nil, firstSeen: [String: Timestamp] = [:], now: Timestamp = Timestamp(nanosecondsSinceEpoch: 0),
        current: String? = nil
    ) {
        self.current = current
        self.quarantined = quarantined
        self.minimumAge = minimumAge.flatMap { $0 > .zero ? $0 : nil }
        self.firstSeen = firstSeen
        self.now = now
    }

    /// Whether the gate can hold anything back at all.
    public var isOpen: Bool { quarantined.isEmpty && minimumAge == nil }

    /// Why `tag` is held back, or `nil` when it may be selected. Quarantine is told before age.
    public func hold(_ tag: String) -> Hold? {
        if let reason = quarantined[tag] { return .quarantined(reason: reason) }
        guard let minimumAge, tag != current else { return nil }
        guard let seen = firstSeen[tag] else { return .tooYoung(age: nil, required: minimumAge) }
        let age = now - seen
        return age < minimumAge ? .tooYoung(age: age, required: minimumAge) : nil
    }

    /// Splits `tags` into the admitted ones (in order) and the held ones (by input index).
    public func partition(_ tags: TagList) -> (admitted: TagList, positions: [Int], held: [Int: Hold]) {
        guard !isOpen else { return (tags, Array(tags.indices), [:]) }
        var admitted = TagList()
        var positions: [Int] = []
        var held: [Int: Hold] = [:]
        for (index, tag) in tags.enumerated() {
            if let hold = hold(tag) {
                held[index] = hold
            } else {
                admitted.append(tag)
                positions.append(index)
            }
        }
        return (admitted, positions, held)
    }
}

extension TagSelector {
    /// Selects like ``select(from:)-(TagList)`` among the tags `gate` admits.
    ///
    /// - Throws: ``SelectionError`` when nothing can be selected (``SelectionError/noTags()``
    ///   when the gate held every tag back).
    public func select(from tags: TagList, gate: TagGate) throws(SelectionError) -> Selection {
        guard !gate.isOpen else { return try select(from: tags) }
        return try select(from: gate.partition(tags).admitted)
    }

    /// Explains like ``explain(_:)-(TagList)`` among the tags `gate` admits; held tags are
    /// dropped with the rule ``TagDecision/Rule/quarantine`` or ``TagDecision/Rule/minimumAge``.
    public func explain(_ tags: TagList, gate: TagGate) -> Explanation {
        guard !gate.isOpen else { return explain(tags) }
        let (admitted, positions, held) = gate.partition(tags)
        let inner = explain(admitted)
        var decisions: [TagDecision?] = Array(repeating: nil, count: tags.count)
        for (slot, position) in positions.enumerated() { decisions[position] = inner.decisions[slot] }
        for (index, hold) in held {
            let rule: TagDecision.Rule
            switch hold {
            case .quarantined: rule = .quarantine
            case .tooYoung: rule = .minimumAge
            }
            decisions[index] = TagDecision(tag: tags[index], value: nil, outcome: .dropped, reason: hold.description, rule: rule)
        }
        return Explanation(
            decisions: decisions.enumerated().map { index, decision in
                guard let decision else { preconditionFailure("invariant: every tag is admitted or held (\(index))") }
                return decision
            }, result: inner.result)
    }
}
