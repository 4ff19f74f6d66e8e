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
    public static func containsMarkerKey(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        let token = MarkerComment.screenToken
        let count = buffer.count
        let length = token.count
        guard count >= length + 1, let base = buffer.baseAddress else { return false }
        // Scan for the token's rarest byte position: the `y` at index 10, then compare the whole token.
        var index = 1 + 10
        while index < count - (length - 1 - 10) {
            if base[index] == UInt8(ascii: "y") {
                let start = index - 10
                if matches(base, at: start, token) {
                    let before = base[start - 1]
                    if before == UInt8(ascii: "\"") { return true }
                    if before == UInt8(ascii: "$") && start >= 2 && base[start - 2] == UInt8(ascii: "\"") { return true }
                }
            }
            index += 1
        }
        return false
    }

    @inline(__always)
    private static func matches(_ base: UnsafePointer<UInt8>, at start: Int, _ token: [UInt8]) -> Bool {
        for k in 0..<token.count where base[start + k] != token[k] { return false }
        return true
    }
}
