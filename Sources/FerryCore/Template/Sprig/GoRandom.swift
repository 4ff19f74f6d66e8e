/// Go's `math/rand` generator (`rand.NewSource(seed)`, the source behind `rand.Seed`), so
/// that Sprig's `randInt` and `shuffle` draw, for a seed, exactly the numbers Go 1.19 draws
/// after `rand.Seed(seed)`: an additive lagged Fibonacci generator (Mitchell and Reeds) over
/// 607 words, seeded through Go's table ``cooked``.
///
/// Flux's own output is random: its Go seeds the global generator randomly. A seed makes
/// Ferry's output repeatable, and with Go 1.19's `rand.Seed(seed)` identical.
struct GoRandom: Sendable {
    private static let length = 607
    private static let tap = 273
    private var vector: [Int64]
    private var tapIndex = 0
    private var feedIndex = GoRandom.length - GoRandom.tap

    /// Go's `rngSource.Seed(seed)`.
    init(seed: Int64) {
        let modulus: Int64 = (1 << 31) - 1
        var seed = seed % modulus
        if seed < 0 { seed += modulus }
        if seed == 0 { seed = 89_482_311 }
        var x = Int32(seed)
        vector = Array(repeating: 0, count: Self.length)
        for index in -20..<Self.length {
            x = Self.seedStep(x)
            if index >= 0 {
                var u = Int64(x) << 40
                x = Self.seedStep(x)
                u ^= Int64(x) << 20
                x = Self.seedStep(x)
                u ^= Int64(x)
                vector[index] = u ^ Self.cooked[index]
            }
        }
    }

    /// Go's `seedrand`: x ↦ 48271·x mod (2³¹−1), by Schrage's method.
    private static func seedStep(_ x: Int32) -> Int32 {
        let (a, q, r): (Int32, Int32, Int32) = (48_271, 44_488, 3_399)
        let high = x / q
        let low = x % q
        var next = a &* low &- r &* high
        if next < 0 { next &+= Int32.max }
        return next
    }

    /// Go's `Uint64`: the next 64 bits.
    mutating func nextUInt64() -> UInt64 {
        tapIndex -= 1
        if tapIndex < 0 { tapIndex += Self.length }
        feedIndex -= 1
        if feedIndex < 0 { feedIndex += Self.length }
        let value = vector[feedIndex] &+ vector[tapIndex]
        vector[feedIndex] = value
        return UInt64(bitPattern: value)
    }

    /// Go's `Int63`.
    mutating func int63() -> Int64 { Int64(bitPattern: nextUInt64() & (1 << 63 - 1)) }

    /// Go's `Int31`.
    mutating func int31() -> Int32 { Int32(truncatingIfNeeded: int63() >> 32) }

    /// Go's `Rand.Intn(n)`, `n` > 0: `Int31n` for n < 2³¹, `Int63n` above.
    mutating func intn(_ n: Int64) -> Int64 {
        if n <= Int64(Int32.max) { return Int64(int31n(Int32(n))) }
        return int63n(n)
    }

    private mutating func int31n(_ n: Int32) -> Int32 {
        if n & (n - 1) == 0 { return int31() & (n - 1) }
        let limit = Int32(truncatingIfNeeded: (UInt32(1) << 31) - 1 - (UInt32(1) << 31) % UInt32(n))
        var value = int31()
        while value > limit { value = int31() }
        return value % n
    }

    private mutating func int63n(_ n: Int64) -> Int64 {
        if n & (n - 1) == 0 { return int63() & (n - 1) }
        let limit = Int64(truncatingIfNeeded: (UInt64(1) << 63) - 1 - (UInt64(1) << 63) % UInt64(n))
        var value = int63()
        while value > limit { value = int63() }
        return value % n
    }
}
