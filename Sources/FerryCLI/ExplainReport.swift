import FerryCore
import FerryRuntime

/// Prints `ferry explain policy` as text tables or JSON.
enum ExplainReport {
    static func text(_ report: PolicyExplainer.Report) -> String {
        var text = "ImagePolicy \(report.policy.namespace)/\(report.policy.name) on \(report.image)\n"
        text += "order: \(report.ordering)\n"
        if let age = report.minimumAge { text += "minimum age: \(age) (\(PolicyGateAnnotations.minimumAge))\n" }
        for entry in report.quarantined {
            text += "quarantined: \(entry.tag) since \(entry.since): \(entry.holdReason)\n"
        }
        text += "\n"
        let rows = report.decisions.map { decision in
            [decision.tag, decision.value ?? "-", decision.outcome.rawValue, decision.rule?.rawValue ?? "-", decision.reason]
        }
        text += table(["TAG", "VALUE", "OUTCOME", "RULE", "REASON"], rows)
        switch report.result {
        case .success(let selection): text += "\nselected: \(selection.tag) (value \(selection.value), \(selection.candidateCount) candidates)\n"
        case .failure(let error): text += "\nselected: none (\(error.description))\n"
        }
        if !report.files.isEmpty {
            text += "\n" + table(["AUTOMATION", "FILE", "VERDICT", "WHY"], report.files.map { [$0.automation, $0.path, $0.verdict.rawValue, $0.reason] })
        }
        return text
    }

    static func json(_ report: PolicyExplainer.Report) -> JSONValue {
        let selected: JSONValue
        let error: JSONValue
        switch report.result {
        case .success(let selection): (selected, error) = (.string(selection.tag), .null)
        case .failure(let failure): (selected, error) = (.null, .string(failure.description))
        }
        return .object([
            ("policy", .string("\(report.policy.namespace)/\(report.policy.name)")), ("image", .string(report.image)), ("order", .string(report.ordering)),
            ("minimumAge", report.minimumAge.map { .string($0.description) } ?? .null),
            ("quarantinedTags", .array(report.quarantined.map { entry in
                .object([("tag", .string(entry.tag)), ("reason", .string(entry.reason)), ("since", .string(entry.since)), ("commit", entry.commit.map(JSONValue.string) ?? .null)])
            })),
            ("selected", selected), ("error", error),
            ("tags", .array(report.decisions.map { decision in
                .object([
                    ("tag", .string(decision.tag)), ("value", decision.value.map(JSONValue.string) ?? .null), ("outcome", .string(decision.outcome.rawValue)),
                    ("rule", decision.rule.map { .string($0.rawValue) } ?? .null), ("reason", .string(decision.reason)),
                    ("firstSeen", report.firstSeen[decision.tag].map { .string($0.rfc3339) } ?? .null),
                ])
            })),
            ("files", .array(report.files.map { file in
                .object([("automation", .string(file.automation)), ("path", .string(file.path)), ("verdict", .string(file.verdict.rawValue)), ("reason", .string(file.reason))])
            })),
            ("checkoutErrors", .array(report.checkoutErrors.map(JSONValue.string))),
        ])
    }

    /// Aligned columns; the last one is not padded.
    static func table(_ header: [String], _ rows: [[String]]) -> String {
        var widths = header.map(\.count)
        for row in rows {
            for column in 0..<(header.count - 1) { widths[column] = min(max(widths[column], row[column].count), 48) }
        }
        return ([header] + rows).map { cells in
            var line = ""
            for column in 0..<(header.count - 1) {
                line += cells[column] + String(repeating: " ", count: max(1, widths[column] - cells[column].count + 2))
            }
            return line + cells[header.count - 1] + "\n"
        }.joined()
    }
}
