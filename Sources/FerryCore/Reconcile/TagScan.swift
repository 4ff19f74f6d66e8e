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
        revision = String(Adler32.checksum(GoJSON.stringArray(kept)))
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

/// Go's `encoding/json` output for the few shapes Ferry must reproduce byte for byte.
public enum GoJSON {
    /// `json.Marshal` of a `[]string`: `["a","b"]`, with Go's escaping (HTML-safe `<`, `>`, `&`,
    /// U+2028 and U+2029 as `\u` escapes, invalid UTF-8 as U+FFFD).
    public static func stringArray(_ values: [String]) -> [UInt8] {
        var out: [UInt8] = [UInt8(ascii: "[")]
        for (index, value) in values.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            appendString(value, to: &out)
        }
        out.append(UInt8(ascii: "]"))
        return out
    }

    /// Appends a JSON string the way Go's encoder writes it.
    public static func appendString(_ value: String, to out: inout [UInt8]) {
        let hex = Array("0123456789abcdef".utf8)
        out.append(UInt8(ascii: "\""))
        for scalar in value.unicodeScalars {
            switch scalar.value {
            case 0x22: out += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case 0x5C: out += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case 0x0A: out += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case 0x0D: out += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case 0x09: out += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0x08: out += [UInt8(ascii: "\\"), UInt8(ascii: "b")]
            case 0x0C: out += [UInt8(ascii: "\\"), UInt8(ascii: "f")]
            case 0x00..<0x20, 0x3C, 0x3E, 0x26:
                out += [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(scalar.value >> 4)], hex[Int(scalar.value & 0xF)]]
            case 0x2028, 0x2029:
                out += Array("\\u202".utf8) + [hex[Int(scalar.value & 0xF)]]
            default:
                out += Array(String(scalar).utf8)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
