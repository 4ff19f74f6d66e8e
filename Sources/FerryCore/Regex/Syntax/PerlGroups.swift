/// The ASCII-only classes behind `\d \s \w` (and their negations) and `[[:name:]]`, as Go defines them.
enum PerlGroups {
    /// A class and whether it is used negated.
    struct Group {
        let negated: Bool
        let ranges: [Int]
    }

    private static let digit = [0x30, 0x39]
    private static let perlSpace = [0x09, 0x0A, 0x0C, 0x0D, 0x20, 0x20]
    private static let word = [0x30, 0x39, 0x41, 0x5A, 0x5F, 0x5F, 0x61, 0x7A]

    /// The group for the letter after a backslash (`d`, `D`, `s`, `S`, `w`, `W`).
    static func perl(_ letter: UInt8) -> Group? {
        switch letter {
        case UInt8(ascii: "d"): Group(negated: false, ranges: digit)
        case UInt8(ascii: "D"): Group(negated: true, ranges: digit)
        case UInt8(ascii: "s"): Group(negated: false, ranges: perlSpace)
        case UInt8(ascii: "S"): Group(negated: true, ranges: perlSpace)
        case UInt8(ascii: "w"): Group(negated: false, ranges: word)
        case UInt8(ascii: "W"): Group(negated: true, ranges: word)
        default: nil
        }
    }

    private static let posixClasses: [String: [Int]] = [
        "alnum": [0x30, 0x39, 0x41, 0x5A, 0x61, 0x7A],
        "alpha": [0x41, 0x5A, 0x61, 0x7A],
        "ascii": [0x00, 0x7F],
        "blank": [0x09, 0x09, 0x20, 0x20],
        "cntrl": [0x00, 0x1F, 0x7F, 0x7F],
        "digit": digit,
        "graph": [0x21, 0x7E],
        "lower": [0x61, 0x7A],
        "print": [0x20, 0x7E],
        "punct": [0x21, 0x2F, 0x3A, 0x40, 0x5B, 0x60, 0x7B, 0x7E],
        "space": [0x09, 0x0D, 0x20, 0x20],
        "upper": [0x41, 0x5A],
        "word": word,
        "xdigit": [0x30, 0x39, 0x41, 0x46, 0x61, 0x66],
    ]

    /// The group for the text between `[:` and `:]`, such as `alpha` or `^alpha`.
    static func posix(_ name: some Collection<UInt8>) -> Group? {
        let negated = name.first == UInt8(ascii: "^")
        let key = String(decoding: negated ? Array(name.dropFirst()) : Array(name), as: UTF8.self)
        guard let ranges = posixClasses[key] else { return nil }
        return Group(negated: negated, ranges: ranges)
    }
}
