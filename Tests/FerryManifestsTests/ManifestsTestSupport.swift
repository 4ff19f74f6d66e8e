import Foundation

/// The fixtures folder of this test target.
enum FixturePath {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").path

    static func file(_ name: String) -> String { directory + "/" + name }
}
