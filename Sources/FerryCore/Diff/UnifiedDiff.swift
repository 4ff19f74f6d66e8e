/// A line-based unified diff, as `diff -u` and `git diff` print it: `---`/`+++` headers, `@@ -a,b +c,d @@` hunks with
/// three lines of context, removals before additions within a change, and `\ No newline at end of file` after a
/// last line that has no line break. Lines are compared byte for byte (a CR before the LF is part of the line).
///
/// The edit script is the shortest one, found with Myers' O((N+M)·D) algorithm after the common prefix and suffix
/// are set aside.
public enum UnifiedDiff {
    /// The diff of `old` against `new`, or the empty string when they are equal.
    ///
    /// - Parameters:
    ///   - old: The bytes before.
    ///   - new: The bytes after.
    ///   - oldLabel: The `---` label, e.g. `a/deploy.yaml`.
    ///   - newLabel: The `+++` label, e.g. `b/deploy.yaml`.
    ///   - context: Lines of context around each change.
    public static func render(old: [UInt8], new: [UInt8], oldLabel: String, newLabel: String, context: Int = 3) -> String {
        guard old != new else { return "" }
        let a = lines(of: old)
        let b = lines(of: new)
        let script = editScript(a.map(\.key), b.map(\.key))
        var out = "--- \(oldLabel)\n+++ \(newLabel)\n"
        for hunk in hunks(script, context: context) {
            out += hunk.header
            for op in hunk.operations {
                switch op {
                case .equal(let i, _): out += line(" ", a[i])
                case .delete(let i): out += line("-", a[i])
                case .insert(let j): out += line("+", b[j])
                }
            }
        }
        return out
    }

    /// One step of an edit script, by line index (0-based).
    enum Operation: Equatable {
        case equal(Int, Int)
        case delete(Int)
        case insert(Int)
    }

    struct Line {
        /// The line without its line break.
        var text: ArraySlice<UInt8>
        /// Whether a line break ends it (only the last line of a file can lack one).
        var hasNewline: Bool
        /// The line with its line break: what is compared, so `b` at the end of a file differs from `b\n`.
        var key: ArraySlice<UInt8>
    }

    struct Hunk {
        var header: String
        var operations: [Operation]
    }

    private static func line(_ prefix: String, _ line: Line) -> String {
        var text = prefix + String(decoding: line.text, as: UTF8.self) + "\n"
        if !line.hasNewline { text += "\\ No newline at end of file\n" }
        return text
    }

    static func lines(of bytes: [UInt8]) -> [Line] {
        var result: [Line] = []
        var start = 0
        for (index, byte) in bytes.enumerated() where byte == 0x0A {
            result.append(Line(text: bytes[start..<index], hasNewline: true, key: bytes[start...index]))
            start = index + 1
        }
        if start < bytes.count { result.append(Line(text: bytes[start...], hasNewline: false, key: bytes[start...])) }
        return result
    }

    /// The shortest edit script turning `a` into `b`, removals before additions in each change.
    static func editScript(_ a: [ArraySlice<UInt8>], _ b: [ArraySlice<UInt8>]) -> [Operation] {
        // Lines as integers, so comparisons are cheap.
        var ids: [ArraySlice<UInt8>: Int] = [:]
        let x = a.map { line in
            ids[line]
                ?? {
                    ids[line] = ids.count
                    return ids.count - 1
                }()
        }
        let y = b.map { line in
            ids[line]
                ?? {
                    ids[line] = ids.count
                    return ids.count - 1
                }()
        }
        var prefix = 0
        while prefix < x.count && prefix < y.count && x[prefix] == y[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < x.count - prefix && suffix < y.count - prefix && x[x.count - 1 - suffix] == y[y.count - 1 - suffix] { suffix += 1 }
        var script: [Operation] = (0..<prefix).map { .equal($0, $0) }
        let middle = myers(Array(x[prefix..<x.count - suffix]), Array(y[prefix..<y.count - suffix]))
        for op in middle {
            switch op {
            case .equal(let i, let j): script.append(.equal(i + prefix, j + prefix))
            case .delete(let i): script.append(.delete(i + prefix))
            case .insert(let j): script.append(.insert(j + prefix))
            }
        }
        for k in 0..<suffix { script.append(.equal(x.count - suffix + k, y.count - suffix + k)) }
        return groupChanges(script)
    }

    /// Myers' greedy algorithm, keeping each round's frontier (only the diagonals reached) for the walk back.
    private static func myers(_ x: [Int], _ y: [Int]) -> [Operation] {
        let n = x.count
        let m = y.count
        if n == 0 { return (0..<m).map { .insert($0) } }
        if m == 0 { return (0..<n).map { .delete($0) } }
        let maximum = n + m
        var v = [Int](repeating: 0, count: 2 * maximum + 2)
        var trace: [[Int]] = []
        var found = false
        for d in 0...maximum {
            trace.append(Array(v[(maximum - d)...(maximum + d + 1)]))
            for k in stride(from: -d, through: d, by: 2) {
                var i: Int
                if k == -d || (k != d && v[maximum + k - 1] < v[maximum + k + 1]) {
                    i = v[maximum + k + 1]
                } else {
                    i = v[maximum + k - 1] + 1
                }
                var j = i - k
                while i < n && j < m && x[i] == y[j] {
                    i += 1
                    j += 1
                }
                v[maximum + k] = i
                if i >= n && j >= m {
                    found = true
                    break
                }
            }
            if found { break }
        }
        // Walk back from (n, m) through the saved frontiers.
        var operations: [Operation] = []
        var i = n
        var j = m
        for d in stride(from: trace.count - 1, through: 0, by: -1) {
            let frontier = trace[d]
            func at(_ k: Int) -> Int { frontier[k + d] }
            let k = i - j
            let previousK: Int
            if k == -d || (k != d && at(k - 1) < at(k + 1)) {
                previousK = k + 1
            } else {
                previousK = k - 1
            }
            let previousI = d == 0 ? 0 : at(previousK)
            let previousJ = d == 0 ? 0 : previousI - previousK
            while i > previousI && j > previousJ {
                i -= 1
                j -= 1
                operations.append(.equal(i, j))
            }
            if d > 0 {
                if i == previousI {
                    j -= 1
                    operations.append(.insert(j))
                } else {
                    i -= 1
                    operations.append(.delete(i))
                }
            }
        }
        return operations.reversed()
    }

    /// Puts the removals of each run of changes before its additions.
    private static func groupChanges(_ script: [Operation]) -> [Operation] {
        var result: [Operation] = []
        var deletes: [Operation] = []
        var inserts: [Operation] = []
        func flush() {
            result.append(contentsOf: deletes)
            result.append(contentsOf: inserts)
            deletes.removeAll()
            inserts.removeAll()
        }
        for op in script {
            switch op {
            case .equal:
                flush()
                result.append(op)
            case .delete: deletes.append(op)
            case .insert: inserts.append(op)
            }
        }
        flush()
        return result
    }

    /// Splits the script into hunks: changes closer than twice the context share a hunk.
    static func hunks(_ script: [Operation], context: Int) -> [Hunk] {
        let changed = script.indices.filter { if case .equal = script[$0] { return false } else { return true } }
        guard let first = changed.first, let lastChange = changed.last else { return [] }
        var groups: [(Int, Int)] = []
        var start = first
        var end = first
        for index in changed.dropFirst() {
            if index - end - 1 > 2 * context {
                groups.append((start, end))
                start = index
            }
            end = index
        }
        groups.append((start, lastChange))
        return groups.map { group in
            let lower = max(0, group.0 - context)
            let upper = min(script.count - 1, group.1 + context)
            let operations = Array(script[lower...upper])
            return Hunk(header: header(for: operations, in: script, from: lower), operations: operations)
        }
    }

    private static func header(for operations: [Operation], in script: [Operation], from lower: Int) -> String {
        var oldCount = 0
        var newCount = 0
        for op in operations {
            switch op {
            case .equal:
                oldCount += 1
                newCount += 1
            case .delete: oldCount += 1
            case .insert: newCount += 1
            }
        }
        // Lines of each side before the hunk.
        var oldBefore = 0
        var newBefore = 0
        for op in script[..<lower] {
            switch op {
            case .equal:
                oldBefore += 1
                newBefore += 1
            case .delete: oldBefore += 1
            case .insert: newBefore += 1
            }
        }
        func range(_ before: Int, _ count: Int) -> String {
            if count == 0 { return "\(before),0" }
            if count == 1 { return "\(before + 1)" }
            return "\(before + 1),\(count)"
        }
        return "@@ -\(range(oldBefore, oldCount)) +\(range(newBefore, newCount)) @@\n"
    }
}
