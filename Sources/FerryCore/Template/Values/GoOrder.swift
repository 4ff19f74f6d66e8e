/// The order Go's `internal/fmtsort` gives map keys, which `range` and printing follow.
enum GoOrder {
    /// -1, 0 or 1 as `a` sorts before, with or after `b`.
    static func compare(_ a: TemplateValue, _ b: TemplateValue) -> Int {
        switch (a, b) {
        case (.int(let x, _), .int(let y, _)): return x < y ? -1 : (x > y ? 1 : 0)
        case (.float(let x), .float(let y)): return compareFloats(x, y)
        case (.string(let x), .string(let y)): return compareBytes(x, y)
        case (.bool(let x), .bool(let y)): return x == y ? 0 : (x ? 1 : -1)
        case (.structure(let x), .structure(let y)):
            for (left, right) in zip(x.fields, y.fields) {
                let result = compare(left.value, right.value)
                if result != 0 { return result }
            }
            return 0
        case (.null, .null), (.missing, .missing): return 0
        case (.null, _), (.missing, _): return -1
        case (_, .null), (_, .missing): return 1
        default:
            // Keys of different types (only in map[interface {}]): Go orders by type identity,
            // which is machine-dependent; Ferry orders by type name, then by printed value.
            let typeOrder = compareBytes(a.goType?.description ?? "", b.goType?.description ?? "")
            if typeOrder != 0 { return typeOrder }
            return compareBytes(GoFormatter.sprint([a]), GoFormatter.sprint([b]))
        }
    }

    /// Byte-wise string comparison, as Go compares strings.
    static func compareBytes(_ a: String, _ b: String) -> Int {
        var left = a.utf8.makeIterator()
        var right = b.utf8.makeIterator()
        while true {
            switch (left.next(), right.next()) {
            case (nil, nil): return 0
            case (nil, _): return -1
            case (_, nil): return 1
            case (let x?, let y?): if x != y { return x < y ? -1 : 1 }
            }
        }
    }

    private static func compareFloats(_ a: Double, _ b: Double) -> Int {
        if a < b { return -1 }
        if a > b { return 1 }
        if a == b { return 0 }
        if a.isNaN && !b.isNaN { return -1 }
        if !a.isNaN && b.isNaN { return 1 }
        return 0
    }
}
