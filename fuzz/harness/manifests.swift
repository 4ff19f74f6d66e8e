// Fuzz target `manifests`: the manifest reader (Yams → ManifestDocument → typed API objects, defaults and spec
// checks), run through FolderDecoder as `ferry run` reads a manifests folder and a secrets folder.
//
// Input: one YAML file.
// Properties: reading ends in objects or ManifestErrors (never a trap), each error with a 1-based line when it has
// one and a message; `documents` and `objectDocuments` agree whenever the strict reader accepts the file; every
// decoded object exported as `flux export` prints it (ManifestYAML) reads back as the same object: same name,
// namespace, labels, annotations and spec (so `ferry create … --export` output round-trips).
import FerryCore
import FerryManifests

private let decoder = FolderDecoder(defaultNamespace: "flux-system")

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzManifests(_ data: UnsafeRawPointer?, _ size: Int) -> CInt {
    let text = FuzzInput(data, size).text
    checkReaders(text)
    for folder in [FolderDecoder.Folder.manifests, .secrets] {
        let contents = decoder.contents(of: text, file: "fuzz.yaml", in: folder)
        if let error = contents.fileError { checkError(error) }
        for failure in contents.failures { checkError(failure.error) }
        for record in contents.records {
            require(record.line >= 1, "a record at line \(record.line)")
            if case .object(let object) = record.payload { roundTrip(object) }
        }
    }
    return 0
}

private func checkError(_ error: ManifestError) {
    if let line = error.line { require(line >= 1, "an error at line \(line): \(error)") }
    require(!error.reason.isEmpty && !error.description.isEmpty, "an error without a reason")
}

/// When the strict reader accepts a file, the lenient one returns the same documents.
private func checkReaders(_ text: String) {
    let strict: [ManifestDocument]
    do {
        strict = try ManifestReader.documents(in: text, file: "fuzz.yaml")
    } catch {
        checkError(error)
        return
    }
    do {
        let lenient = try ManifestReader.objectDocuments(in: text, file: "fuzz.yaml")
        require(
            lenient.map { [$0.apiVersion, $0.kind, $0.name, $0.namespace] } == strict.map { [$0.apiVersion, $0.kind, $0.name, $0.namespace] },
            "documents and objectDocuments disagree")
    } catch {
        require(false, "objectDocuments fails (\(error)) where documents reads \(strict.count) documents")
    }
}

private func roundTrip(_ object: any FolderKind) {
    let exported: String
    do {
        exported = try ManifestYAML.export(object).text
    } catch {
        require(false, "a decoded \(type(of: object)) does not export: \(error)")
        return
    }
    let again = decoder.contents(of: exported, file: "export.yaml", in: .manifests)
    guard again.fileError == nil, again.failures.isEmpty, again.records.count == 1, case .object(let reread) = again.records[0].payload else {
        require(
            false,
            "the export of \(object.id) does not read back: \(show(again.fileError)) \(show(again.failures.map(\.error.description)))\n--- export:\n\(exported)")
        return
    }
    require(reread.id == object.id, "the export of \(object.id) reads back as \(reread.id)")
    require(
        reread.metadata.labels == object.metadata.labels && reread.metadata.annotations == object.metadata.annotations,
        "the labels or annotations of \(object.id) change on export\n--- export:\n\(exported)")
    require(reread.specDigest == object.specDigest, "the spec of \(object.id) changes on export\n--- export:\n\(exported)")
}
