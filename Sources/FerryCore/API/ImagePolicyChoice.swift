/// `spec.policy` of an ImagePolicy: how to pick the latest tag. Set exactly one member;
/// when several are set, Flux's precedence applies (semver, then alphabetical, then
/// numerical).
public struct ImagePolicyChoice: Sendable, Hashable, Codable {
    /// `spec.policy.semver`: the highest version within a range.
    public var semver: SemVerPolicy?
    /// `spec.policy.alphabetical`: the last (asc) or first (desc) tag in byte order.
    public var alphabetical: OrderPolicy?
    /// `spec.policy.numerical`: the greatest (asc) or least (desc) number.
    public var numerical: OrderPolicy?

    /// Creates a choice; pass one of the members.
    public init(semver: SemVerPolicy? = nil, alphabetical: OrderPolicy? = nil, numerical: OrderPolicy? = nil) {
        self.semver = semver
        self.alphabetical = alphabetical
        self.numerical = numerical
    }
}

/// `spec.policy.semver`.
public struct SemVerPolicy: Sendable, Hashable, Codable {
    /// `range`: a Masterminds/semver range such as `>=1.0.0 <2.0.0` or `^1.x-0`.
    public var range: String

    /// Creates a SemVer policy for a range.
    public init(range: String) {
        self.range = range
    }
}

/// `spec.policy.alphabetical` and `spec.policy.numerical`.
public struct OrderPolicy: Sendable, Hashable, Codable {
    /// `order`: `asc` (the default) or `desc`, matched without regard to case as Flux does.
    public var order: String?

    /// Creates an ordering policy.
    public init(order: String? = nil) {
        self.order = order
    }
}

/// `spec.filterTags` of an ImagePolicy.
public struct TagFilterSpec: Sendable, Hashable, Codable {
    /// `pattern`: a Go (RE2) regular expression, matched anywhere in the tag.
    public var pattern: String
    /// `extract`: a Go expansion template (`$name`, `${name}`, `$1`, `$$`) whose result is
    /// ordered instead of the tag; empty to order the tags themselves.
    public var extract: String

    /// Creates a tag filter.
    public init(pattern: String, extract: String = "") {
        self.pattern = pattern
        self.extract = extract
    }

    private enum CodingKeys: String, CodingKey { case pattern, extract }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        pattern = try container.decodeIfPresent(String.self, forKey: .pattern) ?? ""
        extract = try container.decodeIfPresent(String.self, forKey: .extract) ?? ""
    }
}
