import FerryCLI

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Entry point: everything happens in ``FerryCommand``.
@main
enum Ferry {
    static func main() async {
        let status = await FerryCommand.run(arguments: Array(CommandLine.arguments.dropFirst()))
        exit(status)
    }
}
