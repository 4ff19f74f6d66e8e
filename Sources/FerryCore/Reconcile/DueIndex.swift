/// The waiting objects of a ``WorkSchedule`` ordered by due time, then identifier: a sorted array kept
/// sorted by binary search, so the earliest is at the front and finding a place costs `O(log n)`.
struct DueIndex: Sendable {
    struct Key: Sendable, Hashable, Comparable {
        var due: Timestamp
        var id: ObjectID

        static func < (lhs: Key, rhs: Key) -> Bool {
            (lhs.due, lhs.id) < (rhs.due, rhs.id)
        }
    }

    /// Every key, earliest first.
    private(set) var keys: [Key] = []

    /// Adds `key` (a key already present stays once).
    mutating func insert(_ key: Key) {
        let index = firstIndex(notBefore: key)
        guard index == keys.endIndex || keys[index] != key else { return }
        keys.insert(key, at: index)
    }

    /// Removes `key` if present.
    mutating func remove(_ key: Key) {
        let index = firstIndex(notBefore: key)
        guard index < keys.endIndex, keys[index] == key else { return }
        keys.remove(at: index)
    }

    /// The earliest key due strictly later than `time`.
    func first(after time: Timestamp) -> Key? {
        var low = keys.startIndex
        var high = keys.endIndex
        while low < high {
            let middle = low + (high - low) / 2
            if keys[middle].due <= time { low = middle + 1 } else { high = middle }
        }
        return low < keys.endIndex ? keys[low] : nil
    }

    /// The position of the first key that is not ordered before `key`.
    private func firstIndex(notBefore key: Key) -> Int {
        var low = keys.startIndex
        var high = keys.endIndex
        while low < high {
            let middle = low + (high - low) / 2
            if keys[middle] < key { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
