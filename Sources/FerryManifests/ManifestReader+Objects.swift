public import Yams

extension ManifestReader {
    /// The Kubernetes objects of one YAML text, for readers that take whole cluster folders: unlike
    /// ``documents(in:file:)``, documents that are not objects (a scalar, a list, a mapping without
    /// `apiVersion` or `kind`) are skipped instead of failing the file, and a document without
    /// `metadata.name` is returned with an empty ``ManifestDocument/name`` for the caller to judge
    /// (a kustomize `kustomization.yaml` has none, and is no concern of Ferry's).
    ///
    /// - Parameters:
    ///   - text: The YAML.
    ///   - file: The name used in errors.
    /// - Throws: ``ManifestError`` when the text is not YAML at all, with the line and column.
    public static func objectDocuments(in text: String, file: String) throws(ManifestError) -> [ManifestDocument] {
        var result: [ManifestDocument] = []
        do {
            var index = 0
            var sequence = try Yams.compose_all(yaml: text)
            while let node = sequence.next() {
                defer { index += 1 }
                guard let mapping = node.mapping, let apiVersion = mapping["apiVersion"]?.string, !apiVersion.isEmpty,
                    let kind = mapping["kind"]?.string, !kind.isEmpty
                else { continue }
                let metadata = mapping["metadata"]?.mapping
                result.append(
                    ManifestDocument(
                        file: file, index: index, line: node.mark?.line ?? 1, apiVersion: apiVersion, kind: kind, name: metadata?["name"]?.string ?? "",
                        namespace: metadata?["namespace"]?.string ?? "", node: node))
            }
            if let error = sequence.error { throw error }
        } catch let error as ManifestError {
            throw error
        } catch let error as YamlError {
            throw ManifestError(file: file, line: Self.line(of: error), reason: "invalid YAML: \(Self.problem(of: error))")
        } catch {
            throw ManifestError(file: file, reason: "cannot parse YAML: \(error)")
        }
        return result
    }

    /// The 1-based line of a field in a document, e.g. `spec.exclusionList[1]` or `metadata.name`:
    /// the line of the deepest part of the path the document has (the document's own line when
    /// it has none of it).
    public static func line(of field: String, in document: ManifestDocument) -> Int {
        var current = document.node
        var line = document.line
        for part in Self.pathParts(field) {
            let next: Node?
            switch part {
            case .key(let key): next = current.mapping?[key]
            case .index(let index): next = current.sequence.flatMap { index < $0.count ? $0[index] : nil }
            }
            guard let next else { break }
            current = next
            line = next.mark?.line ?? line
        }
        return line
    }

    /// `document` with `value` set at `path` (a list of mapping keys) when nothing (or `null`) is
    /// there yet, the way an API server applies a CRD's default: only inside mappings that exist
    /// (a default for `spec.policy.alphabetical.order` applies when `alphabetical` is written),
    /// and a present value, even an empty one, is left alone.
    public static func defaulting(_ document: ManifestDocument, _ path: [String], to value: Node) -> ManifestDocument {
        guard let node = Self.settingDefault(document.node, path[...], value) else { return document }
        return ManifestDocument(
            file: document.file, index: document.index, line: document.line, apiVersion: document.apiVersion, kind: document.kind,
            name: document.name, namespace: document.namespace, node: node)
    }

    private static func settingDefault(_ node: Node, _ path: ArraySlice<String>, _ value: Node) -> Node? {
        guard let key = path.first, var mapping = node.mapping else { return nil }
        if path.count == 1 {
            if let present = mapping[key], !Self.isNull(present) { return nil }
            mapping[key] = value
            return .mapping(mapping)
        }
        guard let child = mapping[key], !Self.isNull(child), let updated = Self.settingDefault(child, path.dropFirst(), value) else { return nil }
        mapping[key] = updated
        return .mapping(mapping)
    }

    private static func isNull(_ node: Node) -> Bool {
        guard case .scalar(let scalar) = node, scalar.style == .plain || scalar.style == .any else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    private enum PathPart { case key(String), index(Int) }

    private static func pathParts(_ field: String) -> [PathPart] {
        var parts: [PathPart] = []
        for segment in field.split(separator: ".") {
            var rest = Substring(segment)
            if let bracket = rest.firstIndex(of: "[") {
                parts.append(.key(String(rest[..<bracket])))
                rest = rest[bracket...]
                while rest.hasPrefix("["), let close = rest.firstIndex(of: "]") {
                    if let index = Int(rest[rest.index(after: rest.startIndex)..<close]) { parts.append(.index(index)) }
                    rest = rest[rest.index(after: close)...]
                }
            } else {
                parts.append(.key(String(rest)))
            }
        }
        return parts
    }

    private static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _): mark.line
        default: nil
        }
    }

    private static func problem(of error: YamlError) -> String {
        switch error {
        case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _): (context.map { "\($0.text) " } ?? "") + problem
        default: "\(error)"
        }
    }
}

extension ManifestDocument {
    /// The document in `namespace` when it names none (as the flux CLI puts objects in
    /// `flux-system`): both ``namespace`` and the node's `metadata.namespace` are set, so the
    /// decoded object and every error name it.
    public func inNamespace(_ namespace: String) -> ManifestDocument {
        guard self.namespace.isEmpty, !namespace.isEmpty else { return self }
        var node = self.node
        if var metadata = node["metadata"]?.mapping {
            metadata["namespace"] = Node(namespace, Tag(.str), .plain)
            node["metadata"] = .mapping(metadata)
        }
        return ManifestDocument(file: file, index: index, line: line, apiVersion: apiVersion, kind: kind, name: name, namespace: namespace, node: node)
    }
}
