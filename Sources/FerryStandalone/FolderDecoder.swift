import FerryCore
import FerryManifests

/// Turns the documents of one file into records: the kinds Ferry reads are decoded, defaulted
/// and validated, every other kind is skipped without a word (users point Ferry at whole
/// cluster folders).
struct FolderDecoder: Sendable {
    /// The namespace of objects written without one.
    let defaultNamespace: String

    /// Which folder a file is in: each reads its own kinds.
    enum Folder: Sendable {
        /// `--manifests`: the image kinds, GitRepository and the notification kinds.
        case manifests
        /// `--secrets`: Secrets.
        case secrets
    }

    /// The records and failures of `text`, read from `file` in `folder`.
    func contents(of text: String, file: String, in folder: Folder) -> FileContents {
        var contents = FileContents()
        let documents: [ManifestDocument]
        do {
            documents = try ManifestReader.objectDocuments(in: text, file: file)
        } catch {
            contents.fileError = error
            return contents
        }
        for document in documents {
            guard let kind = Self.kind(of: document, in: folder) else { continue }
            let document = document.inNamespace(defaultNamespace)
            let namespace = document.namespace
            let id = document.name.isEmpty ? nil : ObjectID(kind: document.kind, namespace: namespace, name: document.name)
            do {
                let payload = try decode(document, as: kind, namespace: namespace)
                guard let id else { preconditionFailure("invariant: a decoded document has a name") }
                contents.records.append(FolderRecord(id: id, file: file, line: document.line, payload: payload))
            } catch {
                contents.failures.append((id, error))
            }
        }
        return contents
    }

    /// The kinds Ferry reads.
    enum Kind: Sendable {
        case imageRepository, imagePolicy, imageUpdateAutomation, gitRepository, alert, provider, receiver, secret
    }

    /// The kind of a document Ferry reads in `folder`, or nil for anything else.
    static func kind(of document: ManifestDocument, in folder: Folder) -> Kind? {
        switch (folder, document.group, document.kind) {
        case (.manifests, "image.toolkit.fluxcd.io", ImageRepository.kind): .imageRepository
        case (.manifests, "image.toolkit.fluxcd.io", ImagePolicy.kind): .imagePolicy
        case (.manifests, "image.toolkit.fluxcd.io", ImageUpdateAutomation.kind): .imageUpdateAutomation
        case (.manifests, "source.toolkit.fluxcd.io", GitRepository.kind): .gitRepository
        case (.manifests, "notification.toolkit.fluxcd.io", Alert.kind): .alert
        case (.manifests, "notification.toolkit.fluxcd.io", Provider.kind): .provider
        case (.manifests, "notification.toolkit.fluxcd.io", Receiver.kind): .receiver
        case (.secrets, "", Secret.kind): .secret
        default: nil
        }
    }

    private func decode(_ document: ManifestDocument, as kind: Kind, namespace: String) throws(ManifestError) -> FolderRecord.Payload {
        switch kind {
        case .imageRepository: return .object(try decodeObject(ImageRepository.self, document, namespace: namespace))
        case .imagePolicy: return .object(try decodeObject(ImagePolicy.self, document, namespace: namespace))
        case .imageUpdateAutomation: return .object(try decodeObject(ImageUpdateAutomation.self, document, namespace: namespace))
        case .gitRepository: return .object(try decodeObject(GitRepository.self, document, namespace: namespace))
        case .alert, .provider, .receiver:
            try requireName(document)
            try requireVersion(document, [kind == .receiver ? Receiver.apiVersion : kind == .alert ? Alert.apiVersion : Provider.apiVersion])
            let decoded = try NotificationManifests(documents: [document], defaultNamespace: defaultNamespace)
            if let alert = decoded.alerts.first { return .alert(alert) }
            if let provider = decoded.providers.first { return .provider(provider) }
            if let receiver = decoded.receivers.first { return .receiver(receiver) }
            preconditionFailure("invariant: a notification document of a known kind decodes to one object")
        case .secret:
            try requireName(document)
            var secret = try ManifestReader.decode(Secret.self, from: document)
            do {
                _ = try secret.values()
            } catch {
                throw ManifestError(
                    file: document.file, line: ManifestReader.line(of: error.field, in: document), object: document.objectName,
                    field: error.field, reason: error.problem)
            }
            var data = try ManifestReader.decode(SecretData.self, from: document)
            secret.metadata.namespace = namespace
            data.metadata.namespace = namespace
            return .secret(secret, data)
        }
    }

    private func decodeObject<Object: FolderKind>(_ type: Object.Type, _ document: ManifestDocument, namespace: String) throws(ManifestError) -> Object {
        try requireName(document)
        try requireVersion(document, Object.readVersions)
        var defaulted = document
        for (path, value) in Object.defaults { defaulted = ManifestReader.defaulting(defaulted, path, to: value) }
        var object = try ManifestReader.decode(type, from: defaulted)
        object.metadata.namespace = namespace
        object.metadata.generation = nil
        object.status = Object.Status()
        if let problem = object.specErrors().first {
            throw ManifestError(
                file: document.file, line: ManifestReader.line(of: problem.field, in: document), object: document.objectName,
                field: problem.field, value: problem.value.isEmpty ? nil : problem.value, reason: problem.problem)
        }
        return object
    }

    private func requireName(_ document: ManifestDocument) throws(ManifestError) {
        guard document.name.isEmpty else { return }
        throw ManifestError(file: document.file, line: document.line, object: document.kind, field: "metadata.name", reason: "a name is required")
    }

    private func requireVersion(_ document: ManifestDocument, _ versions: [String]) throws(ManifestError) {
        guard !versions.contains(document.apiVersion) else { return }
        throw ManifestError(
            file: document.file, line: ManifestReader.line(of: "apiVersion", in: document), object: document.objectName,
            field: "apiVersion", value: document.apiVersion, reason: "Ferry reads \(document.kind) as \(versions.joined(separator: " or "))")
    }
}
