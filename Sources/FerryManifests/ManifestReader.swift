import Foundation
import Yams

/// Reads Kubernetes manifests: multi-document YAML → ``ManifestDocument`` (apiVersion, kind, metadata, node) →
/// a typed `Decodable` object, with errors naming file, line, object, field and value. Generic: any API type with
/// the field names users write decodes through it.
public enum ManifestReader {
    /// The documents of one YAML text. Empty documents (a lone `---`, comments) are skipped; a document that is
    /// not a mapping with `apiVersion` and `kind` is an error.
    /// - Parameters:
    ///   - text: The YAML.
    ///   - file: The name used in errors.
    public static func documents(in text: String, file: String) throws(ManifestError) -> [ManifestDocument] {
        var result: [ManifestDocument] = []
        do {
            var index = 0
            var sequence = try Yams.compose_all(yaml: text)
            while let node = sequence.next() {
                defer { index += 1 }
                let line = node.mark?.line ?? 1
                if case .scalar(let scalar) = node, scalar.string.isEmpty || scalar.string == "null" || scalar.string == "~" { continue }
                guard let mapping = node.mapping else {
                    throw ManifestError(file: file, line: line, reason: "document \(index + 1) is not a mapping (expected a Kubernetes object)")
                }
                guard let apiVersion = mapping["apiVersion"]?.string, !apiVersion.isEmpty else {
                    throw ManifestError(file: file, line: line, field: "apiVersion", reason: "document \(index + 1) has no apiVersion")
                }
                guard let kind = mapping["kind"]?.string, !kind.isEmpty else {
                    throw ManifestError(file: file, line: line, field: "kind", reason: "document \(index + 1) has no kind")
                }
                let metadata = mapping["metadata"]?.mapping
                let name = metadata?["name"]?.string ?? ""
                let namespace = metadata?["namespace"]?.string ?? ""
                if name.isEmpty {
                    throw ManifestError(file: file, line: line, object: kind, field: "metadata.name", reason: "a name is required")
                }
                result.append(ManifestDocument(file: file, index: index, line: line, apiVersion: apiVersion, kind: kind, name: name,
                                               namespace: namespace, node: node))
            }
            if let error = sequence.error { throw error }
        } catch let error as ManifestError {
            throw error
        } catch let error as YamlError {
            throw Self.yamlError(error, file: file)
        } catch {
            throw ManifestError(file: file, reason: "cannot parse YAML: \(error)")
        }
        return result
    }

    /// Decodes `document` as `type`.
    /// - Throws: ``ManifestError`` naming the field (`spec.eventSources[0].kind`), its line and value.
    public static func decode<T: Decodable>(_ type: T.Type, from document: ManifestDocument) throws(ManifestError) -> T {
        do {
            return try YAMLDecoder().decode(type, from: document.node)
        } catch let error as DecodingError {
            throw Self.decodingError(error, document: document)
        } catch {
            throw ManifestError(file: document.file, line: document.line, object: document.objectName, reason: "\(error)")
        }
    }

    /// The manifests under `directory` (`.yaml` and `.yml` files, recursively, in path order), each file's
    /// documents in order.
    public static func documents(inDirectory directory: String) throws(ManifestError) -> [ManifestDocument] {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: directory, isDirectory: &isDirectory) else {
            throw ManifestError(file: directory, reason: "no such directory")
        }
        guard isDirectory.boolValue else { return try documents(inFile: directory) }
        guard let enumerator = manager.enumerator(atPath: directory) else { throw ManifestError(file: directory, reason: "cannot list the directory") }
        var files: [String] = []
        while let relative = enumerator.nextObject() as? String {
            if relative.hasSuffix(".yaml") || relative.hasSuffix(".yml") { files.append(relative) }
        }
        var result: [ManifestDocument] = []
        for relative in files.sorted() {
            result += try documents(inFile: (directory as NSString).appendingPathComponent(relative))
        }
        return result
    }

    /// The documents of one file.
    public static func documents(inFile path: String) throws(ManifestError) -> [ManifestDocument] {
        guard let data = FileManager.default.contents(atPath: path) else { throw ManifestError(file: path, reason: "cannot read the file") }
        guard let text = String(data: data, encoding: .utf8) else { throw ManifestError(file: path, reason: "the file is not UTF-8 text") }
        return try documents(in: text, file: path)
    }

    private static func yamlError(_ error: YamlError, file: String) -> ManifestError {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _):
            let detail = context.map { "\($0.text) " } ?? ""
            return ManifestError(file: file, line: mark.line, column: mark.column, reason: "invalid YAML: \(detail)\(problem)")
        default:
            return ManifestError(file: file, reason: "invalid YAML: \(error)")
        }
    }

    private static func decodingError(_ error: DecodingError, document: ManifestDocument) -> ManifestError {
        let (path, reason): ([any CodingKey], String)
        switch error {
        case .keyNotFound(let key, let context): (path, reason) = (context.codingPath + [key], "is required")
        case .typeMismatch(let type, let context): (path, reason) = (context.codingPath, "must be \(Self.typeName(type))")
        case .valueNotFound(let type, let context): (path, reason) = (context.codingPath, "must be \(Self.typeName(type)), not null")
        case .dataCorrupted(let context): (path, reason) = (context.codingPath, context.debugDescription)
        @unknown default: (path, reason) = ([], "\(error)")
        }
        let field = Self.fieldPath(path)
        let located = Self.node(at: path, in: document.node)
        let value: String? = document.kind == "Secret" ? nil : located?.scalar?.string
        let line = located?.mark?.line ?? document.line
        return ManifestError(file: document.file, line: line, object: document.objectName, field: field.isEmpty ? nil : field, value: value,
                             reason: reason)
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch "\(type)" {
        case "String": "a string"
        case "Bool": "true or false"
        case "Int", "Int64": "an integer"
        case let name where name.hasPrefix("Array") || name.contains("Sequence"): "a list"
        case let name where name.hasPrefix("Dictionary") || name.contains("Mapping"): "a mapping"
        case let name where name.contains("Scalar"): "a single value"
        default: "a \(type)"
        }
    }

    static func fieldPath(_ path: [any CodingKey]) -> String {
        var text = ""
        for key in path {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += (text.isEmpty ? "" : ".") + key.stringValue
            }
        }
        return text
    }

    private static func node(at path: [any CodingKey], in root: Node) -> Node? {
        var current = root
        for key in path {
            if let index = key.intValue, let sequence = current.sequence, index < sequence.count {
                current = sequence[index]
            } else if let child = current.mapping?[key.stringValue] {
                current = child
            } else {
                return current
            }
        }
        return current
    }
}
