/// A core/v1 Secret as the reconcilers read it: registry and Git credentials, TLS material.
///
/// Printing a Secret names its keys, never its values.
public struct Secret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    /// `metadata`.
    public var metadata: ObjectMeta
    /// `type`: `Opaque` (the default), `kubernetes.io/dockerconfigjson`, `kubernetes.io/tls`, …
    public var type: String
    /// `data`, decoded from base64.
    public var data: [String: [UInt8]]

    /// Creates a Secret.
    public init(metadata: ObjectMeta, type: String = "Opaque", data: [String: [UInt8]] = [:]) {
        self.metadata = metadata
        self.type = type
        self.data = data
    }

    /// A value as UTF-8 text, if the key exists.
    public func string(_ key: String) -> String? {
        data[key].map { String(decoding: $0, as: UTF8.self) }
    }

    public var description: String {
        "Secret \(metadata.key) (\(type), keys: \(data.keys.sorted().joined(separator: ", ")))"
    }

    public var debugDescription: String { description }
}
