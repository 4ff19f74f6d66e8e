import FerryCore
import Foundation

extension FolderKind {
    /// A stable digest of the spec: SHA-256 of its JSON with sorted keys. Equal specs give equal
    /// digests whatever the order or formatting of the file.
    var specDigest: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let json = try? encoder.encode(spec) else { preconditionFailure("invariant: a decoded spec encodes") }
        return ByteEncoding.hex(SHA256.hash(json))
    }

    /// The status stored as JSON, or nil when it does not decode as this kind's status (an older
    /// or damaged state file: the object then starts as never reconciled).
    static func decodeStatus(_ json: [UInt8]) -> Status? {
        try? JSONDecoder().decode(Status.self, from: Data(json))
    }

    /// A status as the JSON the state file keeps.
    static func encodeStatus(_ status: Status) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return [UInt8](try encoder.encode(status))
    }

    /// This object with the given status (when it is this kind's) and finalizers.
    func with(status: (any Sendable)?, finalizers: [String]) -> Self {
        var object = self
        if let status = status as? Status { object.status = status }
        object.metadata.finalizers = finalizers
        return object
    }

    /// Whether the object, as `any FolderKind`, equals another.
    func isEqual(to other: any FolderKind) -> Bool {
        guard let other = other as? Self else { return false }
        return self == other
    }
}
