// Fuzz target `registry-tags`: the tag-list page reader (`GET /v2/<name>/tags/list`), which works on the raw bytes.
//
// Input: a response body.
// Properties: a body is read or rejected with a Failure whose offset lies inside the body (never a trap or an
// out-of-bounds read: the reader uses unsafe buffers, which AddressSanitizer watches); reading appends to the tags
// already collected; and every body Foundation's JSONSerialization reads as an object whose `tags` is an array of
// strings (or null) is accepted with the same tags and name (a differential check against another JSON parser).
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRegistryTags(_ data: UnsafeRawPointer?, _ size: Int) -> CInt {
    let bytes = FuzzInput(data, size).bytes
    let page: TagListParser.Page
    do {
        page = try TagListParser.parse(bytes)
    } catch {
        require(error.offset >= 0 && error.offset <= bytes.count, "failure offset \(error.offset) outside a body of \(bytes.count) bytes")
        require(!error.message.isEmpty, "a failure without a message")
        compareWithFoundation(bytes, parsed: nil, failure: error)
        return 0
    }
    var tags = ["kept"]
    let name: String?
    do {
        name = try bytes.withUnsafeBytes { buffer throws(TagListParser.Failure) in try TagListParser.parse(buffer, into: &tags) }
    } catch {
        require(false, "the second reading fails: \(error)")
        return 0
    }
    require(tags.first == "kept" && Array(tags.dropFirst()) == page.tags && name == page.name, "reading into a list does not append the same tags")
    compareWithFoundation(bytes, parsed: page, failure: nil)
    return 0
}

private func compareWithFoundation(_ bytes: [UInt8], parsed: TagListParser.Page?, failure: TagListParser.Failure?) {
    // JSONSerialization also reads UTF-16 and UTF-32 (detected from NULs or a byte order mark); registries send UTF-8.
    guard !bytes.contains(0), !bytes.starts(with: [0xEF, 0xBB, 0xBF]), !bytes.starts(with: [0xFE, 0xFF]), !bytes.starts(with: [0xFF, 0xFE]) else { return }
    // Foundation's parser also takes a trailing comma (`["a",]`), which JSON and the reader do not.
    guard !hasTrailingComma(bytes) else { return }
    guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)), let members = object as? [String: Any], let tagsMember = members["tags"] else {
        return
    }
    let expected: [String]
    if tagsMember is NSNull {
        expected = []
    } else if let strings = tagsMember as? [String] {
        expected = strings
    } else {
        return
    }
    // With a repeated "tags" member Foundation keeps the last; the reader reads every one (and refuses the reply when
    // any of them is not an array or null, e.g. `"tags": "x", "tags": []`), so the two are not comparable.
    guard occurrences(of: Array("\"tags\"".utf8), in: bytes) == 1 else { return }
    guard let parsed else {
        // The reader refuses unknown members nested deeper than 64 levels; Foundation reads deeper.
        if failure?.message == "values nested too deeply" { return }
        require(false, "Foundation reads a tag list of \(expected.count) tags that the reader rejects: \(show(failure))")
        return
    }
    require(parsed.tags == expected, "the reader's tags \(show(parsed.tags)) differ from Foundation's \(show(expected))")
    if let name = members["name"] as? String, occurrences(of: Array("\"name\"".utf8), in: bytes) == 1 {
        require(parsed.name == name, "the reader's name \(show(parsed.name)) differs from Foundation's \(show(name))")
    }
}

private func occurrences(of needle: [UInt8], in haystack: [UInt8]) -> Int {
    guard needle.count <= haystack.count else { return 0 }
    var count = 0
    for start in 0...(haystack.count - needle.count) where haystack[start..<(start + needle.count)].elementsEqual(needle) { count += 1 }
    return count
}

private func hasTrailingComma(_ bytes: [UInt8]) -> Bool {
    var lastSignificant: UInt8 = 0
    for byte in bytes where byte != 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D {
        if lastSignificant == UInt8(ascii: ","), byte == UInt8(ascii: "]") || byte == UInt8(ascii: "}") { return true }
        lastSignificant = byte
    }
    return false
}
