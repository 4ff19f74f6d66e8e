import FerryCore

/// The status page at `/`: one server-rendered HTML table of the pipeline's objects, with no
/// script and no external asset, every value escaped; and the same data as JSON at `/api/status`.
enum StatusPage {
    /// The page's `Content-Security-Policy`: nothing may load, only the inline style applies.
    static let contentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

    /// The HTML page for `snapshot`.
    static func html(_ snapshot: PipelineSnapshot, ready: Bool) -> String {
        let objects = snapshot.objects
        let counts = (
            ready: objects.filter { $0.ready == .true }.count, failing: objects.filter { $0.ready == .false }.count,
            unknown: objects.filter { $0.ready == .unknown }.count
        )
        var out = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Ferry status</title>
            <style>
            body { font-family: system-ui, sans-serif; margin: 1.5rem; color: #1b1f24; }
            table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
            th, td { text-align: left; vertical-align: top; padding: 0.35rem 0.6rem; border-bottom: 1px solid #d0d7de; }
            th { background: #f6f8fa; }
            td.message { max-width: 32rem; overflow-wrap: anywhere; }
            .True { color: #1a7f37; font-weight: 600; } .False { color: #cf222e; font-weight: 600; } .Unknown { color: #9a6700; }
            code { font-size: 0.85rem; } .dim { color: #57606a; }
            </style>
            </head>
            <body>
            <h1>Ferry</h1>

            """
        out += "<p>\(ready ? "Pipeline loaded." : "Pipeline not loaded yet.") \(objects.count) object\(objects.count == 1 ? "" : "s"): "
        out += "\(counts.ready) ready, \(counts.failing) not ready, \(counts.unknown) unknown.</p>\n"
        if objects.isEmpty {
            out += "<p class=\"dim\">No objects.</p>\n"
        } else {
            out += "<table>\n<thead><tr><th>Kind</th><th>Namespace</th><th>Name</th><th>Ready</th><th>Reason</th><th>Message</th>"
            out += "<th>Latest tag</th><th>Last scan</th><th>Last push</th></tr></thead>\n<tbody>\n"
            for object in objects { out += row(object) }
            out += "</tbody>\n</table>\n"
        }
        out += "<p class=\"dim\">The same as JSON: <a href=\"/api/status\">/api/status</a>. Metrics: <a href=\"/metrics\">/metrics</a>.</p>\n"
        out += "</body>\n</html>\n"
        return out
    }

    private static func row(_ object: ObjectSnapshot) -> String {
        var cells: [String] = [escape(object.id.kind), escape(object.id.namespace), escape(object.id.name)]
        let status = object.ready.rawValue
        cells.append("<span class=\"\(escape(status))\">\(escape(status))</span>" + (object.suspended ? " <span class=\"dim\">(suspended)</span>" : ""))
        cells.append(escape(object.reason))
        cells.append(escape(object.message))
        if let image = object.latestImage {
            let tag = latestTag(image) ?? image
            cells.append("<code>\(escape(tag))</code><br><span class=\"dim\">\(escape(image))</span>")
        } else {
            cells.append("")
        }
        cells.append(object.lastScan.map { escape($0.rfc3339) } ?? "")
        if let push = object.lastPush {
            cells.append("<code>\(escape(String(push.commit.prefix(12))))</code> \(escape(push.time.rfc3339))")
        } else {
            cells.append("")
        }
        let classes = ["", "", "", "", "", " class=\"message\"", "", "", ""]
        return "<tr>" + zip(cells, classes).map { "<td\($1)>\($0)</td>" }.joined() + "</tr>\n"
    }

    /// The tag of `name:tag[@digest]`, or `nil` when the reference has none.
    static func latestTag(_ reference: String) -> String? {
        let withoutDigest = reference.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        guard let colon = withoutDigest.lastIndex(of: ":") else { return nil }
        let tag = withoutDigest[withoutDigest.index(after: colon)...]
        guard !tag.isEmpty, !tag.contains("/") else { return nil }
        return String(tag)
    }

    /// The JSON at `/api/status`: `{"ready": …, "objects": [{kind, namespace, name, ready, reason, message,
    /// suspended, latestImage, latestTag, lastScan, lastPush: {commit, time}}]}`, `null` for what an object
    /// does not have, times as RFC 3339.
    static func json(_ snapshot: PipelineSnapshot, ready: Bool) -> String {
        let objects: [GoJSON] = snapshot.objects.map { object in
            .fields([
                ("kind", .string(object.id.kind)), ("namespace", .string(object.id.namespace)), ("name", .string(object.id.name)),
                ("ready", .string(object.ready.rawValue)), ("reason", .string(object.reason)), ("message", .string(object.message)),
                ("suspended", .bool(object.suspended)), ("latestImage", object.latestImage.map(GoJSON.string) ?? .null),
                ("latestTag", object.latestImage.flatMap(latestTag).map(GoJSON.string) ?? .null),
                ("lastScan", object.lastScan.map { .string($0.rfc3339) } ?? .null),
                ("lastPush", object.lastPush.map { .fields([("commit", .string($0.commit)), ("time", .string($0.time.rfc3339))]) } ?? .null),
            ])
        }
        return GoJSON.fields([("ready", .bool(ready)), ("objects", .array(objects))]).text + "\n"
    }

    /// `text` with `&`, `<`, `>`, `"` and `'` replaced by character references.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }
}
