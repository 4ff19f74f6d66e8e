import Synchronization

/// The random numbers of one execution: Go's `math/rand` generator seeded with
/// ``TemplateLimits/randomSeed`` on first use, shared by every `randInt` and `shuffle` call
/// of the rendering, as Go's global generator is.
final class TemplateRandom: Sendable {
    private let seed: Int64
    private let generator = Mutex<GoRandom?>(nil)

    init(seed: Int64) {
        self.seed = seed
    }

    /// Runs `body` with the generator, seeding it first if no call has drawn from it yet.
    func draw<Result>(_ body: (inout GoRandom) -> Result) -> Result {
        generator.withLock { state in
            var random = state ?? GoRandom(seed: seed)
            defer { state = random }
            return body(&random)
        }
    }
}
