public import ArgumentParser
import FerryCore

/// The `ferry` command line.
public struct FerryCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "ferry",
        abstract: "Carry new container image tags from registries into Git.",
        version: FerryCore.version,
        subcommands: []
    )

    public init() {}
}
