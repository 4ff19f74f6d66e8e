// Fuzz target `setters`: the byte-preserving YAML scanner and parser, the `$imagepolicy` marker screen and reader,
// and the setter rewriter.
//
// Input: one manifest file.
// Properties: the scanner accepts or throws YAMLSyntaxError with a 1-based position (never traps); with no policy,
// or with no marker key in the file, nothing changes (the output is the input, byte for byte); a rewritten file is
// still YAML with as many documents, and rewriting it again changes nothing (the rewrite is idempotent) and finds
// the same markers.
@testable import FerryCore

private let digest = "sha256:" + String(repeating: "0123456789abcdef", count: 4)

private let rewriter: SetterRewriter = {
    let policies = [
        PolicyLatestRef(namespace: "flux-system", name: "app", image: "ghcr.io/org/app", tag: "1.2.3", digest: digest),
        PolicyLatestRef(namespace: "default", name: "web", image: "docker.io/library/nginx", tag: "1.27.0"),
        // Values that need quotes to stay strings in YAML.
        PolicyLatestRef(namespace: "flux-system", name: "odd", image: "registry.example:5000/null", tag: "1e3"),
    ]
    do {
        return try SetterRewriter(policies: policies)
    } catch {
        preconditionFailure("invariant: the harness's policies are valid (\(error))")
    }
}()

private let noPolicies: SetterRewriter = {
    do {
        return try SetterRewriter(policies: [])
    } catch {
        preconditionFailure("invariant: no policies is valid (\(error))")
    }
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSetters(_ data: UnsafeRawPointer?, _ size: Int) -> CInt {
    let input = FuzzInput(data, size)
    let bytes = input.bytes
    do {
        _ = try YAMLStream(parsing: bytes)
    } catch {
        require(error.line >= 1 && error.column >= 1 && !error.problem.isEmpty, "a syntax error without a position: \(error)")
    }
    let file = ManifestFile(path: "fuzz.yaml", bytes: bytes)

    let untouched = noPolicies.rewrite([file])
    require(untouched.changedFiles.isEmpty && untouched.markerCount == 0, "with no policies the file changed or a marker was counted")

    let result = rewriter.rewrite([file])
    let screened = MarkerScreen.containsMarkerKey(bytes[...])
    if !screened && !contains(bytes, Array("io.k8s.cli.setters.".utf8)) {
        require(result.markerCount == 0 && result.changedFiles.isEmpty, "markers found in a file without the marker key")
    }
    guard let changed = result.changedFiles.first else {
        require(result.result.fileChanges.isEmpty, "changes reported for a file that did not change")
        return 0
    }
    require(result.changedFiles.count == 1 && changed.path == file.path, "the changed file is not the one given")
    require(changed.bytes != bytes, "a file listed as changed has the same bytes")
    let before: YAMLStream
    let after: YAMLStream
    do {
        before = try YAMLStream(parsing: bytes)
        after = try YAMLStream(parsing: changed.bytes)
    } catch {
        require(false, "the rewritten file is not YAML any more: \(error)\n--- output:\n\(String(decoding: changed.bytes, as: UTF8.self))")
        return 0
    }
    require(before.documents.count == after.documents.count, "the rewrite changed the number of documents")
    require(
        before.documents.map(\.values.count) == after.documents.map(\.values.count),
        "the rewrite changed the number of values: \(before.documents.map(\.values.count)) → \(after.documents.map(\.values.count))")
    let again = rewriter.rewrite([changed])
    require(
        again.changedFiles.isEmpty,
        "rewriting the output changes it again:\n--- input:\n\(String(decoding: bytes, as: UTF8.self))\n--- first:\n"
            + "\(String(decoding: changed.bytes, as: UTF8.self))\n--- second:\n\(String(decoding: again.changedFiles[0].bytes, as: UTF8.self))")
    require(again.markerCount == result.markerCount, "the output has \(again.markerCount) markers, the input \(result.markerCount)")
    return 0
}

private func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
    guard needle.count <= haystack.count else { return false }
    for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
        if haystack[start..<(start + needle.count)].elementsEqual(needle) { return true }
    }
    return false
}
