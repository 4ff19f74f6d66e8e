/// The `rel="next"` target of a `Link` header (RFC 8288): `<…>; rel="next"`, possibly among other links.
public enum LinkHeader {
    /// The URL reference of the `next` link, as written (relative or absolute), or `nil`.
    public static func next(in header: String) -> String? {
        var scanner = HeaderScanner(header)
        while !scanner.atEnd {
            scanner.skip(while: { $0 == " " || $0 == "," })
            guard scanner.consume("<") else { return nil }
            var target = String.UnicodeScalarView()
            while let scalar = scanner.peek(), scalar != ">" {
                target.append(scalar)
                scanner.position += 1
            }
            guard scanner.consume(">") else { return nil }
            var isNext = false
            while true {
                scanner.skip(while: { $0 == " " })
                guard scanner.consume(";") else { break }
                scanner.skip(while: { $0 == " " })
                let name = scanner.token().lowercased()
                scanner.skip(while: { $0 == " " })
                guard scanner.consume("=") else { continue }
                scanner.skip(while: { $0 == " " })
                let value = scanner.peek() == "\"" ? scanner.quoted() : scanner.token()
                if name == "rel", value.split(separator: " ").contains(where: { $0.lowercased() == "next" }) { isNext = true }
            }
            if isNext { return String(target) }
            scanner.skip(while: { $0 != "," })
        }
        return nil
    }
}
