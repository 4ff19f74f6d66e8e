/// What a comment says as a setter marker, read as kyaml's `fieldmeta` reads it: all leading `#` are removed and the
/// rest must be a complete JSON object of strings.
enum MarkerComment: Equatable {
    /// `{"$imagepolicy": "NAME"}`, or kyaml's long form `{"$ref": "#/definitions/io.k8s.cli.setters.NAME"}`.
    case marker(setter: String)
    /// `{"imagepolicy": "NAME"}` without the `$`: Flux ignores it, Ferry applies it with a warning.
    case markerWithoutDollar(setter: String)
    /// A JSON object of strings that names no setter.
    case notAMarker
    /// The comment mentions the marker key but is not a JSON object of strings.
    case malformed(reason: String)

    /// The byte string the screen looks for: `imagepolicy"`, the tail of both `"$imagepolicy"` and the `$`-less form.
    static let screenToken: [UInt8] = Array("imagepolicy\"".utf8)

    /// kyaml's prefix for setter definitions in a `$ref`.
    static let referencePrefix = "#/definitions/io.k8s.cli.setters."

    /// Reads a comment as yaml.v3 stores it (starting with `#`).
    static func read(_ comment: [UInt8]) -> MarkerComment {
        let body = comment.drop { $0 == UInt8(ascii: "#") }
        let members: [String: String]?
        do {
            members = try MarkerJSON.decodeObjectOfStrings(body)
        } catch {
            return mentionsMarker(comment) ? .malformed(reason: error.message) : .notAMarker
        }
        guard let members else { return .notAMarker }
        if let setter = members["$imagepolicy"], !setter.isEmpty { return .marker(setter: setter) }
        if let reference = members["$ref"], reference.hasPrefix(referencePrefix), reference.count > referencePrefix.count {
            return .marker(setter: String(reference.dropFirst(referencePrefix.count)))
        }
        if let setter = members["imagepolicy"], !setter.isEmpty { return .markerWithoutDollar(setter: setter) }
        return .notAMarker
    }

    /// Whether the bytes contain `imagepolicy"` preceded by `"` or `"$`: the marker key, with or without the `$`.
    static func mentionsMarker(_ bytes: some Collection<UInt8>) -> Bool {
        let array = Array(bytes)
        return MarkerScreen.containsMarkerKey(array[...])
    }
}

/// The cheap test that decides whether a file is worth parsing: it contains the marker key `"$imagepolicy"` (as Flux
/// requires) or `"imagepolicy"` (the `$`-less form Ferry also accepts).
public enum MarkerScreen {
    /// Whether `bytes` contains `"$imagepolicy"` or `"imagepolicy"`.
    public static func containsMarkerKey(_ bytes: ArraySlice<UInt8>) -> Bool {
        if let found = bytes.withContiguousStorageIfAvailable({ (buffer: UnsafeBufferPointer<UInt8>) in containsMarkerKey(buffer) }) {
            return found
        }
        return Array(bytes).withUnsafeBufferPointer { containsMarkerKey($0) }
    }

    /// Whether the buffer contains `"$imagepolicy"` or `"imagepolicy"`.
    ///
    /// Boyer-Moore-Horspool over the 12-byte token `imagepolicy"`, so most bytes are skipped rather than read.
    public static func containsMarkerKey(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = buffer.count
        let length = token.count
        guard count > length, let base = buffer.baseAddress else { return false }
        return shift.withUnsafeBufferPointer { shift in
            // The token ends at `end`; it must also have a byte before it (the quote).
            var end = length
            while end < count {
                let last = base[end]
                if last == UInt8(ascii: "\"") && matches(base, endingAt: end) {
                    let start = end - (length - 1)
                    let before = base[start - 1]
                    if before == UInt8(ascii: "\"") { return true }
                    if before == UInt8(ascii: "$") && start >= 2 && base[start - 2] == UInt8(ascii: "\"") { return true }
                }
                end += shift[Int(last)]
            }
            return false
        }
    }

    private static let token = MarkerComment.screenToken

    /// Horspool's table: how far the token may move when its last position holds a given byte.
    private static let shift: [Int] = {
        var table = [Int](repeating: token.count, count: 256)
        for (index, byte) in token.dropLast().enumerated() { table[Int(byte)] = token.count - 1 - index }
        return table
    }()

    @inline(__always)
    private static func matches(_ base: UnsafePointer<UInt8>, endingAt end: Int) -> Bool {
        let start = end - (token.count - 1)
        for k in 0..<token.count - 1 where base[start + k] != token[k] { return false }
        return true
    }
}
