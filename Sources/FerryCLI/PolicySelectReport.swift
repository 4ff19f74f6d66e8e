import FerryCore

/// Prints the result of `ferry policy select` as text or JSON.
struct PolicySelectReport {
    let tags: TagList
    let format: PolicySelectCommand.OutputFormat
    let explain: Bool

    func write(_ selection: Selection, to console: Console) {
        warnAboutIgnoredTags(selection.ignoredTooLong, console)
        switch format {
        case .text: console.print(selection.tag)
        case .json: console.print(JSONValue.object(summary(.success(selection))).rendered())
        }
    }

    func write(_ error: SelectionError, to console: Console) {
        if format == .json { console.print(JSONValue.object(summary(.failure(error))).rendered()) }
    }

    func write(_ explanation: Explanation, to console: Console) {
        if case .success(let selection) = explanation.result { warnAboutIgnoredTags(selection.ignoredTooLong, console) }
        switch format {
        case .json:
            var members = summary(explanation.result)
            members.append(("decisions", .array(explanation.decisions.map(Self.json))))
            console.print(JSONValue.object(members).rendered())
        case .text:
            console.writeOutput(Self.table(explanation.decisions))
            switch explanation.result {
            case .success(let selection): console.print("selected: \(selection.tag)")
            case .failure: console.print("selected: none")
            }
        }
    }

    private func summary(_ result: Result<Selection, SelectionError>) -> [(String, JSONValue)] {
        switch result {
        case .success(let selection):
            return [
                ("selected", .string(selection.tag)), ("value", .string(selection.value)), ("tags", .number(tags.count)),
                ("candidates", .number(selection.candidateCount)), ("error", .null),
            ]
        case .failure(let error):
            return [("selected", .null), ("value", .null), ("tags", .number(tags.count)), ("candidates", .number(0)), ("error", .string(error.description))]
        }
    }

    private func warnAboutIgnoredTags(_ count: Int, _ console: Console) {
        guard count > 0 else { return }
        let noun = count == 1 ? "tag was" : "tags were"
        console.printError("ferry: warning: \(count) \(noun) ignored for being longer than \(TagSelector.maximumTagLength) bytes")
    }

    private static func json(_ decision: TagDecision) -> JSONValue {
        .object([
            ("tag", .string(decision.tag)), ("value", decision.value.map(JSONValue.string) ?? .null),
            ("outcome", .string(decision.outcome.rawValue)), ("reason", .string(decision.reason)),
        ])
    }

    /// Aligned columns: TAG, VALUE, OUTCOME, REASON. Long tags widen their column up to a cap.
    private static func table(_ decisions: [TagDecision]) -> String {
        let rows = decisions.map { [$0.tag, $0.value ?? "-", $0.outcome.rawValue, $0.reason] }
        let header = ["TAG", "VALUE", "OUTCOME", "REASON"]
        var widths = header.map(\.count)
        for row in rows {
            for column in 0..<3 { widths[column] = min(max(widths[column], row[column].count), 48) }
        }
        func line(_ cells: [String]) -> String {
            var text = ""
            for column in 0..<3 {
                let cell = cells[column]
                text += cell + String(repeating: " ", count: max(1, widths[column] - cell.count + 2))
            }
            return text + cells[3] + "\n"
        }
        return ([header] + rows).map(line).joined()
    }
}
