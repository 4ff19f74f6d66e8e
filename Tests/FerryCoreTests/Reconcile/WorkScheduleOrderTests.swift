import FerryTesting
import Testing

@testable import FerryCore

/// The schedule's index of waiting objects against a plain model of the same rules (filter every entry, sort by due
/// time then identifier, skip what the limits hold back), over seeded random sequences of triggers, starts,
/// finishes and removals; and the wake time when due objects are held back by the limits.
struct WorkScheduleOrderTests {
    let t0 = Timestamp(secondsSinceEpoch: 1_000)

    /// The rules written the slow, obvious way.
    struct Model {
        struct Entry { var due: Timestamp?; var running = false; var runAgain = false; var group: String?; var runningGroup: String? }
        var entries: [ObjectID: Entry] = [:]
        let limits: WorkSchedule.Limits

        mutating func trigger(_ id: ObjectID, group: String?, now: Timestamp) {
            var entry = entries[id] ?? Entry()
            if let group { entry.group = group }
            if entry.running { entry.runAgain = true } else { entry.due = min(entry.due ?? now, now) }
            entries[id] = entry
        }

        mutating func start(now: Timestamp) -> ObjectID? {
            let due = entries.filter { !$0.value.running && ($0.value.due.map { $0 <= now } ?? false) }
            for (id, entry) in due.sorted(by: { ($0.value.due!, $0.key) < ($1.value.due!, $1.key) }) {
                let kind = entries.filter { $0.value.running && $0.key.kind == id.kind }.count
                let group = entries.filter { $0.value.running && $0.value.runningGroup != nil && $0.value.runningGroup == entry.group }.count
                guard kind < limits.perKind, entry.group == nil || group < limits.perGroup else { continue }
                entries[id]?.running = true
                entries[id]?.runningGroup = entry.group
                entries[id]?.due = nil
                return id
            }
            return nil
        }

        mutating func finish(_ id: ObjectID, requeueAt: Timestamp?, now: Timestamp) {
            guard var entry = entries[id] else { return }
            entry.running = false
            entry.runningGroup = nil
            entry.due = entry.runAgain ? min(requeueAt ?? now, now) : requeueAt
            entry.runAgain = false
            entries[id] = entry
        }
    }


    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8] as [UInt64])
    func startsInTheSameOrderAsThePlainModel(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let limits = WorkSchedule.Limits(perKind: 3, perGroup: 2)
        var schedule = WorkSchedule(limits: limits)
        var model = Model(limits: limits)
        let kinds = ["ImageRepository", "ImagePolicy"]
        let ids = (0..<40).map { ObjectID(kind: kinds[$0 % 2], namespace: "ns", name: "o\($0)") }
        var now = t0
        var running: [ObjectID] = []
        var started = 0
        for _ in 0..<2_000 {
            switch Int.random(in: 0..<10, using: &random) {
            case 0..<4:
                let id = ids.randomElement(using: &random)!
                let group = id.kind == "ImageRepository" ? "registry-\(Int.random(in: 0..<3, using: &random))" : nil
                let at = now + .seconds(Int64.random(in: -5...5, using: &random))
                schedule.trigger(id, group: group, now: at)
                model.trigger(id, group: group, now: at)
            case 4..<7:
                let got = schedule.start(now: now)
                #expect(got == model.start(now: now), "seed \(seed): both start the same object at \(now)")
                if let got { running.append(got); started += 1 }
            case 7..<9 where !running.isEmpty:
                let id = running.remove(at: Int.random(in: 0..<running.count, using: &random))
                let after = Bool.random(using: &random) ? GoDuration.seconds(Int64.random(in: 1...20, using: &random)) : nil
                schedule.finish(id, .succeeded(requeueAfter: after), now: now)
                model.finish(id, requeueAt: after.map { now + $0 }, now: now)
            default:
                now = now + .seconds(Int64.random(in: 0...3, using: &random))
            }
            let waiting = model.entries.values.filter { !$0.running }.compactMap(\.due)
            #expect(schedule.nextDue == waiting.min())
            #expect(schedule.nextDue(after: now) == waiting.filter { $0 > now }.min())
            #expect(schedule.runningCount == running.count)
        }
        #expect(started > 100, "the sequence exercised the schedule (\(started) starts)")
    }

    @Test func dueObjectsHeldBackByTheLimitsDoNotMakeTheCallerSpin() {
        var schedule = WorkSchedule(limits: .init(perKind: 4, perGroup: 1))
        let a = ObjectID(kind: "ImageRepository", namespace: "ns", name: "a")
        let b = ObjectID(kind: "ImageRepository", namespace: "ns", name: "b")
        let c = ObjectID(kind: "ImageRepository", namespace: "ns", name: "c")
        schedule.trigger(a, group: "ghcr.io", now: t0)
        schedule.trigger(b, group: "ghcr.io", now: t0)
        #expect(schedule.start(now: t0) == a)
        #expect(schedule.start(now: t0) == nil, "b waits for the registry's one slot")
        #expect(schedule.nextDue == t0, "b is due")
        #expect(schedule.nextDue(after: t0) == nil, "nothing becomes due later: sleep until a run finishes")
        schedule.trigger(c, at: t0 + .seconds(30))
        #expect(schedule.nextDue(after: t0) == t0 + .seconds(30))
        schedule.finish(a, .succeeded(requeueAfter: nil), now: t0 + .seconds(1))
        #expect(schedule.start(now: t0 + .seconds(1)) == b)
        schedule.remove(c)
        #expect(schedule.nextDue(after: t0) == nil, "a removed object leaves the index")
        #expect(schedule.nextDue == nil)
    }
}

extension WorkScheduleOrderTests {
    @Test func aGroupChangedWhileRunningReleasesTheSlotItHeld() {
        var schedule = WorkSchedule(limits: .init(perKind: 4, perGroup: 1))
        let a = ObjectID(kind: "ImageRepository", namespace: "ns", name: "a")
        let b = ObjectID(kind: "ImageRepository", namespace: "ns", name: "b")
        schedule.trigger(a, group: "docker.io", now: t0)
        #expect(schedule.start(now: t0) == a)
        schedule.trigger(a, group: "ghcr.io", now: t0)  // its image moved to another registry while it ran
        schedule.finish(a, .succeeded(requeueAfter: nil), now: t0)
        schedule.trigger(b, group: "docker.io", now: t0)
        #expect(schedule.start(now: t0) == a, "it runs again (triggered while running), now on ghcr.io's slot")
        #expect(schedule.start(now: t0) == b, "docker.io's slot was given back")
    }
}
