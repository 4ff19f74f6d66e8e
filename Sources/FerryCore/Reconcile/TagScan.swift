/// What a scan stores for an ImageRepository (IR-29 to IR-31): the listed tags minus the
/// excluded ones, sorted in descending byte order (the order that breaks ties in policies), the
/// first ten of them, and the checksum reported as `lastScanResult.revision`.
public struct TagScan: Sendable, Hashable {
    /// The stored tags, in descending byte order.
    public let tags: TagList
    /// The first ten stored tags (`lastScanResult.latestTags`).
    public let latestTags: [String]
    /// The checksum of the stored tags: the Adler-32 of their JSON array, in decimal, as Flux's
    /// default store computes it.
    public let revision: String

    /// How many tags `lastScanResult.latestTags` shows.
    public static let latestTagsCount = 10

    /// Filters and sorts listed tags.
    ///
    /// - Parameters:
    ///   - listed: The tags the registry listed.
    ///   - exclusionList: The effective `spec.exclusionList`.
    /// - Throws: ``TagScanError`` when an exclusion pattern is invalid or matching takes too long.
    public init(listed: [String], exclusionList: [String]) throws(TagScanError) {
        let exclusions: ExclusionList
        do {
            exclusions = try ExclusionList(exclusionList)
        } catch {
            throw TagScanError(description: error.description)
        }
        var budget = MatchBudget(steps: TagSelector.matchingBudget)
        var kept: [String]
        do {
            kept = try exclusions.apply(to: listed, budget: &budget)
        } catch {
            throw TagScanError(description: "the exclusion list took more than \(TagSelector.matchingBudget) matching steps on \(listed.count) tags")
        }
        kept.sort { byteOrderPrecedes($1, $0) }
        tags = TagList(kept)
        latestTags = Array(kept.prefix(Self.latestTagsCount))
        revision = String(Adler32.checksum(GoJSON.strings(kept).encoded()))
    }
}

/// Why listed tags could not be stored.
public struct TagScanError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The reason, naming the pattern when one is at fault.
    public let description: String
}

/// Adler-32 (RFC 1950), as Go's `hash/adler32`.
public enum Adler32 {
    /// The checksum of `bytes`.
    public static func checksum(_ bytes: some Sequence<UInt8>) -> UInt32 {
        var a: UInt32 = 1
        var b: UInt32 = 0
        var pending = 0
        for byte in bytes {
            a += UInt32(byte)
            b += a
            pending += 1
            if pending == 5552 {  // the most bytes before b can overflow
                a %= 65521
                b %= 65521
                pending = 0
            }
        }
        return (b % 65521) << 16 | (a % 65521)
    }
}
