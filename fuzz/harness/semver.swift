// Fuzz target `semver`: the lenient version parser (Masterminds' NewVersion) and Flux's tag test.
//
// Input: one or two versions separated by a newline.
// Properties: a parsed version renders (`description`) to text that parses back to an equal version with the same
// parts; `fluxTag` accepts only what `parsing` accepts, and only tags the `mayBeFluxTag` prefilter lets through;
// comparison is antisymmetric and consistent with `==` and hashing.
@testable import FerryCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSemVer(_ data: UnsafeRawPointer?, _ size: Int) -> CInt {
    let input = FuzzInput(data, size)
    let parts = input.fields(2)
    let first = String(decoding: parts[0], as: UTF8.self)
    let second = String(decoding: parts[1], as: UTF8.self)
    let a = check(first)
    let b = check(second)
    if let a, let b {
        let ab = a.compare(to: b)
        let ba = b.compare(to: a)
        require(ab == -ba, "compare is not antisymmetric: \(show(first)) vs \(show(second)) gives \(ab) and \(ba)")
        require((ab == 0) == (a == b), "compare and == disagree for \(show(first)) and \(show(second))")
        if a == b { require(a.hashValue == b.hashValue, "equal versions \(show(first)) and \(show(second)) hash differently") }
        require((a < b) == (ab < 0), "< disagrees with compare for \(show(first)) and \(show(second))")
    }
    return 0
}

/// Checks one text; returns its version when it is one.
private func check(_ text: String) -> Version? {
    let flux = Version(fluxTag: text)
    var copy = text
    let screened = copy.withUTF8 { Version.mayBeFluxTag($0) }
    guard let version = Version(parsing: text) else {
        require(flux == nil, "fluxTag accepts \(show(text)) but parsing rejects it")
        return nil
    }
    if flux != nil { require(screened, "mayBeFluxTag rules out \(show(text)), which fluxTag accepts") }
    require(version.original == text, "original \(show(version.original)) is not the input \(show(text))")
    let rendered = version.description
    guard let again = Version(parsing: rendered) else {
        require(false, "\(show(text)) renders as \(show(rendered)), which does not parse")
        return nil
    }
    require(again == version && again.compare(to: version) == 0, "\(show(text)) renders as \(show(rendered)), which is not equal")
    require(
        again.major == version.major && again.minor == version.minor && again.patch == version.patch
            && again.prerelease == version.prerelease && again.metadata == version.metadata,
        "\(show(text)) and its rendering \(show(rendered)) have different parts")
    require(again.description == rendered, "rendering \(show(rendered)) again gives \(show(again.description))")
    require(Version(fluxTag: rendered) != nil, "the rendering \(show(rendered)) of \(show(text)) is not a Flux tag")
    return version
}
