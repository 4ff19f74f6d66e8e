import Foundation
import Testing

@testable import FerryCore

/// The unified diff matches GNU `diff -u` (the expected texts were produced with diffutils 3.8 and the labels
/// replaced) and its edit scripts are minimal.
struct UnifiedDiffTests {
    static func diff(_ old: String, _ new: String) -> String {
        UnifiedDiff.render(old: Array(old.utf8), new: Array(new.utf8), oldLabel: "a/f", newLabel: "b/f")
    }

    @Test func equalInputsGiveNothing() {
        #expect(Self.diff("a\nb\n", "a\nb\n") == "")
    }

    @Test func oneChangedLineWithContext() {
        let old = (1...10).map { "line \($0)\n" }.joined()
        let new = old.replacingOccurrences(of: "line 5\n", with: "line five\n")
        #expect(
            Self.diff(old, new) == """
                --- a/f
                +++ b/f
                @@ -2,7 +2,7 @@
                 line 2
                 line 3
                 line 4
                -line 5
                +line five
                 line 6
                 line 7
                 line 8

                """)
    }

    @Test func distantChangesMakeTwoHunksAndCloseOnesMerge() {
        let old = (1...20).map { "\($0)\n" }.joined()
        let twoHunks = old.replacingOccurrences(of: "\n2\n", with: "\nTWO\n").replacingOccurrences(of: "\n19\n", with: "\nNINETEEN\n")
        #expect(
            Self.diff(old, twoHunks) == """
                --- a/f
                +++ b/f
                @@ -1,5 +1,5 @@
                 1
                -2
                +TWO
                 3
                 4
                 5
                @@ -16,5 +16,5 @@
                 16
                 17
                 18
                -19
                +NINETEEN
                 20

                """)
        let merged = old.replacingOccurrences(of: "\n5\n", with: "\nFIVE\n").replacingOccurrences(of: "\n11\n", with: "\nELEVEN\n")
        #expect(Self.diff(old, merged).components(separatedBy: "@@ -").count == 2)
    }

    @Test func missingFinalNewlineIsMarked() {
        #expect(
            Self.diff("a\nb", "a\nc") == """
                --- a/f
                +++ b/f
                @@ -1,2 +1,2 @@
                 a
                -b
                \\ No newline at end of file
                +c
                \\ No newline at end of file

                """)
        #expect(
            Self.diff("a\nb", "a\nb\n") == """
                --- a/f
                +++ b/f
                @@ -1,2 +1,2 @@
                 a
                -b
                \\ No newline at end of file
                +b

                """)
    }

    @Test func insertionsDeletionsAndEmptySides() {
        #expect(Self.diff("", "x\n") == "--- a/f\n+++ b/f\n@@ -0,0 +1 @@\n+x\n")
        #expect(Self.diff("x\n", "") == "--- a/f\n+++ b/f\n@@ -1 +0,0 @@\n-x\n")
        #expect(Self.diff("a\nc\n", "a\nb\nc\n") == "--- a/f\n+++ b/f\n@@ -1,2 +1,3 @@\n a\n+b\n c\n")
        #expect(Self.diff("a\nb\nc\nd\n", "a\nx\ny\nd\n") == "--- a/f\n+++ b/f\n@@ -1,4 +1,4 @@\n a\n-b\n-c\n+x\n+y\n d\n")
    }

    @Test func carriageReturnsArePartOfTheLine() {
        #expect(Self.diff("a\r\nb\r\n", "a\r\nc\r\n") == "--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\r\n-b\r\n+c\r\n")
    }

    @Test func scriptsAreMinimal() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let a = (0..<Int.random(in: 0...12, using: &generator)).map { _ in Array("\(Int.random(in: 0...3, using: &generator))".utf8)[...] }
            let b = (0..<Int.random(in: 0...12, using: &generator)).map { _ in Array("\(Int.random(in: 0...3, using: &generator))".utf8)[...] }
            let script = UnifiedDiff.editScript(a, b)
            // Replaying the script gives b, and it keeps a longest common subsequence.
            var rebuilt: [ArraySlice<UInt8>] = []
            var kept = 0
            for op in script {
                switch op {
                case .equal(let i, let j):
                    #expect(a[i] == b[j])
                    rebuilt.append(a[i])
                    kept += 1
                case .insert(let j): rebuilt.append(b[j])
                case .delete: break
                }
            }
            #expect(rebuilt == b)
            #expect(kept == Self.lcsLength(a, b))
        }
    }

    static func lcsLength(_ a: [ArraySlice<UInt8>], _ b: [ArraySlice<UInt8>]) -> Int {
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                table[i][j] = a[i] == b[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        return table[0][0]
    }
}
