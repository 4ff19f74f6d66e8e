extension GoURL {
    /// Go's `URL.String()`: `scheme:opaque?query#fragment` or
    /// `scheme://userinfo@host/path?query#fragment`, each part escaped as Go escapes it.
    var string: [UInt8] {
        var out: [UInt8] = []
        if !scheme.isEmpty { out += scheme + [UInt8(ascii: ":")] }
        if !opaque.isEmpty {
            out += opaque
        } else {
            if !scheme.isEmpty || !host.isEmpty || user != nil {
                if !(omitHost && host.isEmpty && user == nil) {
                    if !host.isEmpty || !path.isEmpty || user != nil { out += Array("//".utf8) }
                    if let user { out += user.string + [UInt8(ascii: "@")] }
                    if !host.isEmpty { out += GoURLEscaping.escape(host, .host) }
                }
            }
            let path = escapedPath
            if let first = path.first, first != UInt8(ascii: "/"), !host.isEmpty { out.append(UInt8(ascii: "/")) }
            if out.isEmpty {
                // A first segment with a colon would read as a scheme: Go writes ./ before it (RFC 3986 §4.2).
                if path.prefix(while: { $0 != UInt8(ascii: "/") }).contains(UInt8(ascii: ":")) { out += Array("./".utf8) }
            }
            out += path
        }
        if forceQuery || !rawQuery.isEmpty { out += [UInt8(ascii: "?")] + rawQuery }
        if !fragment.isEmpty { out += [UInt8(ascii: "#")] + escapedFragment }
        return out
    }

    /// Go's `EscapedPath`: the raw path when it is a valid encoding of the path, else the path escaped.
    var escapedPath: [UInt8] {
        if !rawPath.isEmpty, GoURLEscaping.isValidEncoded(rawPath, .path), (try? GoURLEscaping.unescape(rawPath, .path)) == path {
            return rawPath
        }
        if path == [UInt8(ascii: "*")] { return path }
        return GoURLEscaping.escape(path, .path)
    }

    /// Go's `EscapedFragment`, like ``escapedPath`` for the fragment.
    var escapedFragment: [UInt8] {
        if !rawFragment.isEmpty, GoURLEscaping.isValidEncoded(rawFragment, .fragment),
            (try? GoURLEscaping.unescape(rawFragment, .fragment)) == fragment
        {
            return rawFragment
        }
        return GoURLEscaping.escape(fragment, .fragment)
    }

    /// Go's `Hostname()`: the host without its port and without brackets.
    var hostname: [UInt8] {
        var name = host[...]
        if let colon = name.lastIndex(of: UInt8(ascii: ":")), GoURL.isValidOptionalPort(Array(name[colon...])) { name = name[..<colon] }
        if name.first == UInt8(ascii: "["), name.last == UInt8(ascii: "]"), name.count >= 2 { name = name.dropFirst().dropLast() }
        return Array(name)
    }
}
