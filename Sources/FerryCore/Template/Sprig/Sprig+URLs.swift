extension Sprig {
    /// Sprig's `urlParse` (a dict of `scheme`, `host`, `hostname`, `path`, `query`, `opaque`,
    /// `fragment` and `userinfo`) and `urlJoin` (the URL those keys describe), over Go's
    /// `net/url` (``GoURL``).
    static let urls: [TemplateFunction] = [
        function("urlParse", [.string], result: .anyMap) { call throws(TemplateFunctionError) in
            let url: GoURL
            do throws(GoURLError) {
                url = try GoURL(parsing: call.string(0))
            } catch {
                throw TemplateFunctionError("unable to parse url: \(error.description)")
            }
            func text(_ bytes: [UInt8]) -> TemplateValue { .string(String(decoding: bytes, as: UTF8.self)) }
            let dict = TemplateMap(type: .anyMap)
            dict[.string("scheme")] = text(url.scheme)
            dict[.string("host")] = text(url.host)
            dict[.string("hostname")] = text(url.hostname)
            dict[.string("path")] = text(url.path)
            dict[.string("query")] = text(url.rawQuery)
            dict[.string("opaque")] = text(url.opaque)
            dict[.string("fragment")] = text(url.fragment)
            dict[.string("userinfo")] = text(url.user?.string ?? [])
            return .map(dict)
        },
        function("urlJoin", [.anyMap], result: .string) { call throws(TemplateFunctionError) in
            guard case .map(let dict) = call[0] else { return .string("") }
            var url = GoURL()
            url.scheme = try urlPart(dict, "scheme")
            url.host = try urlPart(dict, "host")
            url.path = try urlPart(dict, "path")
            url.rawQuery = try urlPart(dict, "query")
            url.opaque = try urlPart(dict, "opaque")
            url.fragment = try urlPart(dict, "fragment")
            let userinfo = try urlPart(dict, "userinfo")
            if !userinfo.isEmpty {
                // Sprig parses proto://USERINFO@host and takes its user.
                do throws(GoURLError) {
                    url.user = try GoURL(parsing: "proto://" + String(decoding: userinfo, as: UTF8.self) + "@host").user
                } catch {
                    throw TemplateFunctionError("unable to parse userinfo in dict: \(error.description)")
                }
            }
            return .string(String(decoding: url.string, as: UTF8.self))
        },
    ]

    /// Sprig's `dictGetOrEmpty`: the string at `key`, `""` when there is none; a value of another
    /// kind is Sprig's panic.
    private static func urlPart(_ dict: TemplateMap, _ key: String) throws(TemplateFunctionError) -> [UInt8] {
        guard let value = dict[.string(key)] else { return [] }
        guard let kind = kind(value) else { throw nilDereference }
        guard case .string(let text) = value else {
            throw TemplateFunctionError("unable to parse \(key) key, must be of type string, but \(kind) found")
        }
        return Array(text.utf8)
    }
}
