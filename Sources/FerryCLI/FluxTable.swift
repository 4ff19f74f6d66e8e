/// The tables `flux get` prints (flux2 `pkg/printers/table_printer.go`: olekukonko/tablewriter
/// v0.0.5 with auto-formatted headers, left alignment, no borders or separators, "no white
/// space" and a tab as padding). Each cell is padded with spaces to its column's width and
/// followed by a tab; the header row is upper-cased, and its last cell is followed by a space
/// instead of a tab. A cell with line breaks spans several lines.
enum FluxTable {
    /// The table text, ending in a newline (empty when there is neither a header nor a row).
    /// - Parameters:
    ///   - header: The column names as flux writes them (`Name`, `Last scan`), or nil for none.
    ///   - rows: The cells.
    static func render(header: [String]?, rows: [[String]]) -> String {
        let columns = max(header?.count ?? 0, rows.map(\.count).max() ?? 0)
        var widths = [Int](repeating: 0, count: columns)
        for (index, name) in (header ?? []).enumerated() { widths[index] = max(widths[index], width(of: name)) }
        let split = rows.map { row in row.map { $0.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) } }
        for row in split {
            for (index, lines) in row.enumerated() { widths[index] = max(widths[index], lines.map(width(of:)).max() ?? 0) }
        }
        var out = ""
        if let header, !header.isEmpty {
            for (index, name) in header.enumerated() {
                out += padded(title(name), to: widths[index]) + (index == columns - 1 ? " " : "\t")
            }
            out += "\n"
        }
        for row in split {
            let height = row.map(\.count).max() ?? 0
            for line in 0..<height {
                for (index, lines) in row.enumerated() {
                    out += padded(line < lines.count ? lines[line] : "  ", to: widths[index]) + "\t"
                }
                out += "\n"
            }
        }
        return out
    }

    /// tablewriter's `Title`: `_` and `.` (except between digits) become spaces, then upper case.
    static func title(_ name: String) -> String {
        let scalars = Array(name.unicodeScalars)
        var result = String.UnicodeScalarView()
        for (index, scalar) in scalars.enumerated() {
            switch scalar {
            case "_":
                result.append(" ")
            case ".":
                let before = index > 0 ? scalars[index - 1] : nil
                let after = index + 1 < scalars.count ? scalars[index + 1] : nil
                let numeric = { (neighbour: Unicode.Scalar?) in neighbour.map { ("0"..."9").contains($0) || $0 == " " } ?? true }
                result.append(numeric(before) && numeric(after) ? scalar : " ")
            default:
                result.append(scalar)
            }
        }
        var text = String(result)
        while text.hasPrefix(" ") { text.removeFirst() }
        while text.hasSuffix(" ") { text.removeLast() }
        return text.isEmpty && !name.isEmpty ? " " : text.uppercased()
    }

    private static func width(of text: String) -> Int { text.count }

    private static func padded(_ text: String, to width: Int) -> String {
        let gap = width - Self.width(of: text)
        return gap > 0 ? text + String(repeating: " ", count: gap) : text
    }
}
