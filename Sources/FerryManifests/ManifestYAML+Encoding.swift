public import FerryCore
import Foundation
import Yams

extension ManifestYAML {
    /// A value's JSON encoding as a ``ManifestYAML`` tree: what `sigs.k8s.io/yaml` does with a Go
    /// value (marshal to JSON, then write the JSON as YAML). `null` members are left out.
    ///
    /// - Throws: ``ManifestError`` when the value cannot be encoded.
    public init(encoding value: some Encodable) throws(ManifestError) {
        let text: String
        let node: Node?
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            text = String(decoding: try encoder.encode(value), as: UTF8.self)
            node = try Yams.compose(yaml: text)
        } catch {
            throw ManifestError(file: "<export>", reason: "cannot encode \(type(of: value)): \(error)")
        }
        guard let node, let converted = Self.converted(node) else {
            throw ManifestError(file: "<export>", reason: "cannot encode \(type(of: value)): \(text) is empty")
        }
        self = converted
    }

    private static func converted(_ node: Node) -> ManifestYAML? {
        switch node {
        case .mapping(let mapping):
            var members: [String: ManifestYAML] = [:]
            for (key, value) in mapping {
                guard let key = key.string, let converted = converted(value) else { continue }
                members[key] = converted
            }
            return .map(members)
        case .sequence(let sequence):
            return .list(sequence.compactMap(converted))
        case .scalar(let scalar):
            if scalar.style == .doubleQuoted || scalar.style == .singleQuoted { return .string(scalar.string) }
            switch scalar.string {
            case "null": return nil
            case "true": return .bool(true)
            case "false": return .bool(false)
            default: return Int64(scalar.string).map(ManifestYAML.integer) ?? .string(scalar.string)
            }
        case .alias:
            return nil
        }
    }

    /// An object as `flux export` and `flux create … --export` print it: `apiVersion` (the
    /// version Ferry writes), `kind`, `metadata` with name, namespace, labels and annotations,
    /// and `spec`; no status.
    ///
    /// - Throws: ``ManifestError`` when the spec cannot be encoded.
    public static func export<Object: APIObject>(_ object: Object) throws(ManifestError) -> ManifestYAML {
        var metadata: [String: ManifestYAML] = ["name": .string(object.metadata.name)]
        if !object.metadata.namespace.isEmpty { metadata["namespace"] = .string(object.metadata.namespace) }
        if !object.metadata.labels.isEmpty { metadata["labels"] = .map(object.metadata.labels.mapValues(ManifestYAML.string)) }
        if !object.metadata.annotations.isEmpty { metadata["annotations"] = .map(object.metadata.annotations.mapValues(ManifestYAML.string)) }
        return .map([
            "apiVersion": .string(Object.resource.apiVersion), "kind": .string(Object.resource.kind), "metadata": .map(metadata),
            "spec": try ManifestYAML(encoding: object.spec),
        ])
    }
}
