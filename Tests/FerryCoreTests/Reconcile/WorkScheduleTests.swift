import Testing

@testable import FerryCore

struct WorkScheduleTests {
    let t0 = Timestamp(secondsSinceEpoch: 1_000)
    let repo = ObjectID(kind: "ImageRepository", namespace: "ns", name: "r")
    let policy = ObjectID(kind: "ImagePolicy", namespace: "ns", name: "p")

    @Test func triggeredObjectsRunOnceAndRequeueAfterTheirInterval() {
        var schedule = WorkSchedule()
        schedule.trigger(repo, now: t0)
        #expect(schedule.start(now: t0) == repo)
        #expect(schedule.start(now: t0) == nil, "never twice at once")
        schedule.finish(repo, .succeeded(requeueAfter: .minutes(5)), now: t0)
        #expect(schedule.nextDue == t0 + .minutes(5))
        #expect(schedule.start(now: t0 + .minutes(4)) == nil)
        #expect(schedule.start(now: t0 + .minutes(5)) == repo)
    }

    @Test func aTriggerWhileRunningRunsItAgainRightAfter() {
        var schedule = WorkSchedule()
        schedule.trigger(repo, now: t0)
        _ = schedule.start(now: t0)
        schedule.trigger(repo, now: t0 + .seconds(1))
        schedule.finish(repo, .succeeded(requeueAfter: .minutes(5)), now: t0 + .seconds(2))
        #expect(schedule.due(repo) == t0 + .seconds(2))
        #expect(schedule.start(now: t0 + .seconds(2)) == repo)
    }

    @Test func failuresBackOffExponentiallyUpToTheCapAndSuccessResets() {
        var schedule = WorkSchedule()
        var now = t0
        schedule.trigger(repo, now: now)
        var delays: [GoDuration] = []
        for _ in 0..<13 {
            guard let id = schedule.start(now: now) else { Issue.record("not due at \(now)"); return }
            schedule.finish(id, .failed, now: now)
            guard let due = schedule.due(repo) else { Issue.record("no retry scheduled"); return }
            delays.append(due - now)
            now = due
        }
        #expect(delays.prefix(4).map(\.description) == ["750ms", "1.5s", "3s", "6s"])
        #expect(delays.last == .minutes(15))
        _ = schedule.start(now: now)
        schedule.finish(repo, .succeeded(requeueAfter: .minutes(1)), now: now)
        _ = schedule.start(now: now + .minutes(1))
        schedule.finish(repo, .failed, now: now + .minutes(1))
        #expect(schedule.due(repo) == now + .minutes(1) + .milliseconds(750))
    }

    @Test func stalledObjectsWaitForATrigger() {
        var schedule = WorkSchedule()
        schedule.trigger(policy, now: t0)
        _ = schedule.start(now: t0)
        schedule.finish(policy, .stalled, now: t0)
        #expect(schedule.nextDue == nil)
        #expect(schedule.start(now: t0 + .minutes(60)) == nil)
        schedule.trigger(policy, now: t0 + .minutes(60))
        #expect(schedule.start(now: t0 + .minutes(60)) == policy)
    }

    @Test func eventDrivenObjectsHaveNoPeriodicRun() {
        var schedule = WorkSchedule()
        schedule.trigger(policy, now: t0)
        _ = schedule.start(now: t0)
        schedule.finish(policy, .succeeded(requeueAfter: nil), now: t0)
        #expect(schedule.due(policy) == nil)
    }

    @Test func limitsPerKindAndPerGroup() {
        var schedule = WorkSchedule(limits: .init(perKind: 2, perGroup: 1))
        let repos = (0..<4).map { ObjectID(kind: "ImageRepository", namespace: "ns", name: "r\($0)") }
        schedule.trigger(repos[0], group: "ghcr.io", now: t0)
        schedule.trigger(repos[1], group: "ghcr.io", now: t0)
        schedule.trigger(repos[2], group: "docker.io", now: t0)
        schedule.trigger(repos[3], group: "quay.io", now: t0)
        schedule.trigger(policy, now: t0)
        var started: [ObjectID] = []
        while let id = schedule.start(now: t0) { started.append(id) }
        #expect(started == [policy, repos[0], repos[2]])
        schedule.finish(repos[0], .succeeded(requeueAfter: nil), now: t0)
        #expect(schedule.start(now: t0) == repos[1])
        #expect(schedule.runningCount == 3)
    }

    @Test func earliestDueRunsFirst() {
        var schedule = WorkSchedule()
        schedule.trigger(repo, now: t0 + .seconds(5))
        schedule.trigger(policy, now: t0)
        #expect(schedule.start(now: t0 + .seconds(10)) == policy)
        #expect(schedule.start(now: t0 + .seconds(10)) == repo)
    }

    @Test func removedObjectsAreForgottenEvenMidRun() {
        var schedule = WorkSchedule()
        schedule.trigger(repo, now: t0)
        _ = schedule.start(now: t0)
        schedule.remove(repo)
        schedule.finish(repo, .succeeded(requeueAfter: .minutes(1)), now: t0)
        #expect(schedule.nextDue == nil)
        #expect(schedule.runningCount == 0)
        schedule.trigger(policy, now: t0)
        schedule.remove(policy)
        #expect(schedule.start(now: t0) == nil)
    }

    @Test func jitterSpreadsByAtMostFivePercent() {
        var schedule = WorkSchedule()
        for (name, jitter) in [("a", -1.0), ("b", 1.0), ("c", 7.0)] {
            let id = ObjectID(kind: "ImageRepository", namespace: "ns", name: name)
            schedule.trigger(id, now: t0)
            _ = schedule.start(now: t0)
            schedule.finish(id, .succeeded(requeueAfter: .minutes(10)), now: t0, jitter: jitter)
        }
        #expect(schedule.due(ObjectID(kind: "ImageRepository", namespace: "ns", name: "a")) == t0 + .seconds(570))
        #expect(schedule.due(ObjectID(kind: "ImageRepository", namespace: "ns", name: "b")) == t0 + .seconds(630))
        #expect(schedule.due(ObjectID(kind: "ImageRepository", namespace: "ns", name: "c")) == t0 + .seconds(630))
    }
}
