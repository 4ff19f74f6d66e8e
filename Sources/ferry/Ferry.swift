import ArgumentParser
import FerryCLI

/// Entry point: everything happens in ``FerryCommand``.
@main
enum Ferry {
    static func main() async {
        await FerryCommand.main()
    }
}
