/// How an ImagePolicy orders candidate values, with Flux's semantics (`internal/policy`).
public enum TagPolicy: Sendable {
    /// The highest version satisfying the range; candidates that Flux's tag parser rejects
    /// are skipped; among equal versions the first candidate wins.
    case semver(SemVerRange)
    /// Byte-wise order: ascending picks the greatest string, descending the least.
    case alphabetical(SortOrder)
    /// Values read as 64-bit floats: ascending picks the greatest, descending the least;
    /// among equal values the last candidate wins; one value that is not a number fails the
    /// policy.
    case numerical(SortOrder)

    /// Builds the policy from `spec.policy`, with Flux's precedence when several members are
    /// set (semver, then alphabetical, then numerical).
    ///
    /// - Throws: ``PolicyError`` when nothing is set, the range is invalid or an order is not
    ///   `asc`/`desc`.
    public init(_ choice: ImagePolicyChoice) throws(PolicyError) {
        if let semver = choice.semver {
            do {
                self = .semver(try SemVerRange(semver.range))
            } catch {
                throw PolicyError.invalidRange(error)
            }
        } else if let alphabetical = choice.alphabetical {
            guard let order = SortOrder(field: alphabetical.order) else {
                throw PolicyError.invalidOrder(.alphabeticalOrder, alphabetical.order ?? "")
            }
            self = .alphabetical(order)
        } else if let numerical = choice.numerical {
            guard let order = SortOrder(field: numerical.order) else {
                throw PolicyError.invalidOrder(.numericalOrder, numerical.order ?? "")
            }
            self = .numerical(order)
        } else {
            throw PolicyError.noPolicy()
        }
    }

    /// The position of the latest value, as Flux's `Latest` picks it.
    ///
    /// - Parameters:
    ///   - values: The candidate values, in candidate order (which decides ties).
    ///   - original: The tag a candidate's value came from, for error messages.
    /// - Throws: ``SelectionError`` when the list is empty, no value is a version in range,
    ///   or (numerical) a value is not a number.
    func latestIndex(in values: TagList, original: (Int) -> String) throws(SelectionError) -> Int {
        guard !values.isEmpty else { throw SelectionError.noTags() }
        switch self {
        case .semver(let range):
            return try Self.latestVersion(values, range)
        case .alphabetical(let order):
            return Self.latestString(values, order)
        case .numerical(let order):
            return try Self.latestNumber(values, order, original)
        }
    }

    private static func latestVersion(_ values: TagList, _ range: SemVerRange) throws(SelectionError) -> Int {
        var best: (index: Int, version: Version)?
        var versions = 0
        values.withTagBytes { (bytes: TagBytes) in
            for index in values.indices where Version.mayBeFluxTag(bytes[index]) {
                guard let version = Version(fluxTag: values[index]) else { continue }
                versions += 1
                guard range.contains(version) else { continue }
                if let current = best, version.compare(to: current.version) <= 0 { continue }
                best = (index, version)
            }
        }
        guard let best else {
            throw SelectionError.noVersionInRange(range: range.text, candidates: values.count, versions: versions)
        }
        return best.index
    }

    private static func latestString(_ values: TagList, _ order: SortOrder) -> Int {
        values.withTagBytes { (bytes: TagBytes) in
            var best = 0
            for index in values.indices.dropFirst() {
                let isBetter: Bool
                switch order {
                case .ascending: isBetter = bytesPrecede(bytes[best], bytes[index])
                case .descending: isBetter = bytesPrecede(bytes[index], bytes[best])
                }
                if isBetter { best = index }
            }
            return best
        }
    }

    private static func latestNumber(_ values: TagList, _ order: SortOrder, _ original: (Int) -> String) throws(SelectionError) -> Int {
        try values.withTagBytes { (bytes: TagBytes) throws(SelectionError) -> Int in
            var best = 0
            var bestValue = 0.0
            for index in values.indices {
                guard let number = GoFloat.parse(bytes: bytes[index]) else {
                    throw SelectionError.notANumber(values[index], tag: original(index))
                }
                if index > 0 {
                    switch order {
                    case .ascending where number < bestValue: continue
                    case .descending where number > bestValue: continue
                    default: break
                    }
                }
                best = index
                bestValue = number
            }
            return best
        }
    }
}

/// Go's string order: compares the UTF-8 bytes (Swift's `<` on `String` compares Unicode
/// scalars after normalisation, which is not what Flux does).
func byteOrderPrecedes(_ lhs: String, _ rhs: String) -> Bool {
    let fast = lhs.utf8.withContiguousStorageIfAvailable { left in
        rhs.utf8.withContiguousStorageIfAvailable { right in bytesPrecede(left, right) }
    }
    if let fast, let result = fast { return result }
    return lhs.utf8.lexicographicallyPrecedes(rhs.utf8)
}

func bytesPrecede(_ left: UnsafeBufferPointer<UInt8>, _ right: UnsafeBufferPointer<UInt8>) -> Bool {
    let common = min(left.count, right.count)
    var index = 0
    while index < common {
        if left[index] != right[index] { return left[index] < right[index] }
        index += 1
    }
    return left.count < right.count
}
