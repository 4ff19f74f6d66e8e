// Fuzz target `constraint`: SemVer ranges (Masterminds' NewConstraint and Check) and the SemVer tag policy.
//
// Input: a range, a newline, then candidate versions one per line.
// Properties: a range parses or throws SemVerRangeError (never traps); `contains` agrees with `rejectionReason`;
// parsing is deterministic; a SemVer TagSelector picks a tag that is a Flux tag inside the range and no lower
// than any other such tag, and fails only when there is none.
@testable import FerryCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConstraint(_ data: UnsafeRawPointer?, _ size: Int) -> CInt {
    let input = FuzzInput(data, size)
    let lines = input.lines
    let text = lines[0]
    let range: SemVerRange
    do {
        range = try SemVerRange(text)
    } catch {
        require(!error.description.isEmpty, "an empty error for \(show(text))")
        let again = Result { () throws(SemVerRangeError) in try SemVerRange(text) }
        if case .success = again { require(false, "\(show(text)) parses the second time") }
        return 0
    }
    require(range.text == text, "the range does not keep its text")
    let tags = Array(lines.dropFirst().prefix(64))
    var inRange: [(String, Version)] = []
    for tag in tags {
        guard let version = Version(parsing: tag) else { continue }
        let contains = range.contains(version)
        let reason = range.rejectionReason(for: version)
        require(contains == (reason == nil), "contains(\(show(tag))) is \(contains) but the rejection reason is \(show(reason)) for \(show(text))")
        if contains, Version(fluxTag: tag) != nil { inRange.append((tag, version)) }
    }
    guard !tags.isEmpty else { return 0 }
    let selector: TagSelector
    do {
        selector = try TagSelector(policy: ImagePolicyChoice(semver: SemVerPolicy(range: text)))
    } catch {
        require(false, "\(show(text)) parses as a range but not as a SemVer policy: \(error)")
        return 0
    }
    do {
        let selection = try selector.select(from: tags)
        require(tags.contains(selection.tag), "selected \(show(selection.tag)), which is not a candidate")
        guard let chosen = Version(fluxTag: selection.tag) else {
            require(false, "selected \(show(selection.tag)), which is not a Flux tag")
            return 0
        }
        require(range.contains(chosen), "selected \(show(selection.tag)) outside \(show(text))")
        for (tag, version) in inRange where tag.utf8.count <= TagSelector.maximumTagLength {
            require(!(chosen < version), "selected \(show(selection.tag)) although \(show(tag)) is higher and in \(show(text))")
        }
    } catch {
        let eligible = inRange.filter { $0.0.utf8.count <= TagSelector.maximumTagLength }
        require(eligible.isEmpty, "selection failed (\(error)) although \(show(eligible.map(\.0))) are in \(show(text))")
    }
    return 0
}
