@testable import FerryCore
import Testing

@Suite struct TagListTests {
    private func lines(_ text: String) throws -> [String] {
        Array(try TagList(lines: Array(text.utf8)))
    }

    @Test func readsOneTagALineTrimmingBlanksAndSkippingComments() throws {
        #expect(try lines("1.0.0\n\n  v1.1.0\t\r\n# a comment\n   # indented comment\nlatest") == ["1.0.0", "v1.1.0", "latest"])
    }

    @Test func crlfAndMissingFinalNewline() throws {
        #expect(try lines("a\r\nb\r\nc") == ["a", "b", "c"])
        #expect(try lines("a\r\n") == ["a"])
    }

    @Test func emptyAndBlankInputsHoldNoTags() throws {
        #expect(try lines("").isEmpty)
        #expect(try lines("\n\n \t\r\n#x\n").isEmpty)
    }

    /// Lines of every length around the eight-byte steps of the newline search.
    @Test(arguments: 0...20)
    func linesOfEveryLength(_ length: Int) throws {
        let tag = String(repeating: "x", count: length)
        let expected = length == 0 ? ["y"] : [tag, "y"]
        #expect(try lines("\(tag)\ny") == expected)
        #expect(try lines("\(tag)\ny\n") == expected)
    }

    @Test func keepsValidNonASCII() throws {
        #expect(try lines("café\n日本\n🚢") == ["café", "日本", "🚢"])
    }

    @Test func invalidUTF8NamesTheLine() {
        var bytes = Array("1.0.0\n# ok\n2.0.0\n".utf8)
        bytes += [0x76, 0xC3, 0x28, 0x0A]  // "v", then a lead byte followed by a non-continuation
        #expect(throws: TagListError(line: 4)) { try TagList(lines: bytes) }
        #expect(TagListError(line: 4).description == "line 4: not valid UTF-8")
    }

    /// The validator agrees with the standard library's decoder on every short byte string
    /// built from bytes at the edges of the UTF-8 rules (overlong forms, surrogates, values
    /// above U+10FFFF, truncated and stray continuation bytes).
    @Test func validationAgreesWithTheStandardLibrary() {
        let interesting: [UInt8] = [0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF]
        var checked = 0
        for a in interesting {
            for b in interesting {
                for c in interesting {
                    for sequence in [[a], [a, b], [a, b, c], [a, b, c, 0x80], [a, b, c, 0xBF]] {
                        let expected = String(validating: sequence, as: UTF8.self) != nil
                        let actual = sequence.withUnsafeBufferPointer { UTF8Validation.isValid($0) }
                        #expect(actual == expected, "bytes \(sequence)")
                        checked += 1
                    }
                }
            }
        }
        #expect(checked == 5 * interesting.count * interesting.count * interesting.count)
    }

    @Test func asciiCheckSeesAHighByteAnywhere() {
        for length in 1...24 {
            for position in 0..<length {
                var bytes = Array(repeating: UInt8(ascii: "a"), count: length)
                bytes[position] = 0xC3
                #expect(bytes.withUnsafeBufferPointer { UTF8Validation.isASCII($0) } == false)
            }
            let ascii = Array(repeating: UInt8(ascii: "a"), count: length)
            #expect(ascii.withUnsafeBufferPointer { UTF8Validation.isASCII($0) })
        }
    }

    @Test func listsFromStringsAndFromLinesAreEqual() throws {
        let fromLines = try TagList(lines: Array(" a\nbb \n# c\nccc\n".utf8))
        var built = TagList()
        built.append("a")
        built.append("bb")
        built.append("ccc")
        #expect(fromLines == built)
        #expect(fromLines.hashValue == built.hashValue)
        #expect(fromLines == TagList(["a", "bb", "ccc"]))
        #expect(fromLines != TagList(["a", "bbc", "cc"]))
        #expect(built.utf8Count(at: 2) == 3)
    }
}

@Suite struct ValueTableTests {
    @Test func findsEarlierEqualValuesAndReplacesThem() {
        var values = TagList()
        var table = ValueTable()
        var replaced: [Int?] = []
        for value in ["a", "b", "a", "c", "b", "a"] {
            values.append(value)
            replaced.append(table.insert(values.count - 1, of: values))
        }
        #expect(replaced == [nil, nil, 0, nil, 1, 2])
    }

    @Test func growsPastItsFirstCapacity() {
        var values = TagList()
        var table = ValueTable()
        for index in 0..<10_000 {
            values.append("v\(index % 2_500)")
            let previous = table.insert(index, of: values)
            #expect(previous == (index < 2_500 ? nil : index - 2_500))
        }
    }
}
