/// Finds candidates with equal values while they are gathered: an open-addressing hash table of
/// candidate slots, keyed by the bytes of each slot's value in a ``TagList``.
///
/// It uses the standard library's per-process seeded `Hasher`, so a registry cannot choose tags
/// that collide and make gathering quadratic.
struct ValueTable {
    /// Slot numbers plus one (0 is empty), `capacity` entries, a power of two.
    private var entries: [Int32] = Array(repeating: 0, count: 64)
    private var hashes: [Int] = Array(repeating: 0, count: 64)
    private var count = 0

    /// Records that candidate `slot` of `values` has its value; when an earlier slot has the
    /// same value, it is replaced and returned.
    mutating func insert(_ slot: Int, of values: TagList) -> Int? {
        if (count + 1) * 2 > entries.count { grow() }
        let hash = values.withTagBytes { (bytes: TagBytes) in Self.hash(bytes[slot]) }
        let mask = entries.count - 1
        var index = hash & mask
        while entries[index] != 0 {
            let other = Int(entries[index]) - 1
            if hashes[index] == hash, values.withTagBytes({ (bytes: TagBytes) in bytes[other].elementsEqual(bytes[slot]) }) {
                entries[index] = Int32(slot + 1)
                return other
            }
            index = (index + 1) & mask
        }
        guard let entry = Int32(exactly: slot + 1) else { preconditionFailure("invariant: fewer than 2^31 candidates") }
        entries[index] = entry
        hashes[index] = hash
        count += 1
        return nil
    }

    private mutating func grow() {
        let oldEntries = entries
        let oldHashes = hashes
        entries = Array(repeating: 0, count: oldEntries.count * 2)
        hashes = Array(repeating: 0, count: oldEntries.count * 2)
        let mask = entries.count - 1
        for (entry, hash) in zip(oldEntries, oldHashes) where entry != 0 {
            var index = hash & mask
            while entries[index] != 0 { index = (index + 1) & mask }
            entries[index] = entry
            hashes[index] = hash
        }
    }

    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var hasher = Hasher()
        hasher.combine(bytes: UnsafeRawBufferPointer(bytes))
        return hasher.finalize()
    }
}
