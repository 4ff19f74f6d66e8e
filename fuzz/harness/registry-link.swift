// Fuzz target `registry-link`: the `Link` header of paginated tag lists (RFC 8288) and the resolution of its
// `next` reference against the request URL (RFC 3986 §5.2), which decides where the next page is fetched from.
//
// Input: a header value (the first line) and a base URL (the second; a fixed registry URL when empty).
// Properties: reading never traps; the `next` target never contains `>`; a resolved URL is http or https, with a
// non-empty authority free of user info, and a path starting with `/`; a reference that is not absolute keeps the
// base's scheme and authority (a page cannot redirect the listing to another host by a relative link); printing
// and parsing a resolved URL gives it back.
import FerryCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRegistryLink(_ data: UnsafeRawPointer?, _ size: Int) -> CInt {
    let parts = FuzzInput(data, size).fields(2)
    let header = String(decoding: parts[0], as: UTF8.self)
    let baseText = parts[1].isEmpty ? "https://registry.example:5000/v2/team/app/tags/list?n=100" : String(decoding: parts[1], as: UTF8.self)
    guard let next = LinkHeader.next(in: header) else { return 0 }
    require(!next.unicodeScalars.contains(">"), "the next target \(show(next)) contains '>'")
    guard let base = RegistryURL(parsing: baseText) else { return 0 }
    checkURL(base, from: baseText)
    guard let resolved = base.resolving(next) else { return 0 }
    checkURL(resolved, from: next)
    if !next.contains("://") && !next.hasPrefix("//") {
        require(resolved.scheme == base.scheme && resolved.authority == base.authority, "the relative link \(show(next)) leaves \(base.origin) for \(resolved.origin)")
    }
    return 0
}

private func checkURL(_ url: RegistryURL, from text: String) {
    require(url.scheme == "http" || url.scheme == "https", "\(show(text)) gives the scheme \(show(url.scheme))")
    require(!url.authority.isEmpty && !url.authority.contains("@"), "\(show(text)) gives the authority \(show(url.authority))")
    require(url.path.hasPrefix("/"), "\(show(text)) gives the path \(show(url.path))")
    guard !url.authority.contains("/"), !url.authority.contains("?"), !url.authority.contains("#"), !url.path.contains("?"),
        !url.path.contains("#"), !(url.query ?? "").contains("#")
    else {
        require(false, "\(show(text)) gives parts with delimiters in them: \(show(url))")
        return
    }
    guard let again = RegistryURL(parsing: url.description) else {
        require(false, "\(show(url.description)) (from \(show(text))) does not parse")
        return
    }
    require(again == url, "\(show(url.description)) parses as \(show(again)), not \(show(url))")
}
