import FerryCLI
import Foundation
import Testing

/// Runs `ferry` in process with a capturing console.
struct CommandResult: Sendable {
    var status: Int32
    var stdout: String
    var stderr: String
}

func ferry(_ arguments: [String], stdin: String = "", files: [String: String] = [:]) async -> CommandResult {
    let (console, output) = Console.capturing(stdin: stdin, files: files)
    let status = await Console.$current.withValue(console) {
        await FerryCommand.run(arguments: arguments)
    }
    return CommandResult(status: status, stdout: output.stdout, stderr: output.stderr)
}

/// Runs the built `ferry` executable as a real process.
func ferryProcess(_ arguments: [String], stdin: String) throws -> CommandResult {
    let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        .appendingPathComponent("ferry")
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    let input = Pipe()
    let output = Pipe()
    let error = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = error
    try process.run()
    input.fileHandleForWriting.write(Data(stdin.utf8))
    try input.fileHandleForWriting.close()
    let out = output.fileHandleForReading.readDataToEndOfFile()
    let err = error.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return CommandResult(status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self))
}
