import FerryCore
@testable import FerryKubernetes
@testable import FerryKubeTesting
import Foundation
import Testing

/// Two candidates on one Lease, time moved by hand.
struct LeaderElectorTests {
    func candidates(_ server: FakeKubeAPIServer, clock: ManualClock) throws -> (LeaderElector<ManualClock>, LeaderElector<ManualClock>) {
        let wall = ManualWallClock(clock: clock)
        func make(_ identity: String) throws -> LeaderElector<ManualClock> {
            LeaderElector(
                client: try TestConnections.client(server),
                configuration: LeaderElectionConfiguration(
                    leaseName: "ferry-controller-leader-election", namespace: "flux-system", identity: identity),
                clock: clock, wallClock: { wall.now })
        }
        return (try make("pod-a_1"), try make("pod-b_2"))
    }

    func lease(_ server: FakeKubeAPIServer) async throws -> JSONValue {
        try #require(await server.store.object("leases", "flux-system", "ferry-controller-leader-election"))
    }

    @Test func oneCandidateLeadsAndTheOtherTakesOverOnlyAfterTheLeaseExpires() async throws {
        try await FakeKubeAPIServer.with { server in
            let clock = ManualClock()
            let (a, b) = try candidates(server, clock: clock)
            #expect(try await a.tryAcquireOrRenew())
            #expect(try await !b.tryAcquireOrRenew())
            var stored = try await lease(server)
            #expect(stored[path: ["spec", "holderIdentity"]] == "pod-a_1")
            #expect(stored[path: ["spec", "leaseDurationSeconds"]] == 35)
            #expect(stored[path: ["spec", "leaseTransitions"]] == 0)
            #expect(stored[path: ["spec", "renewTime"]]?.stringValue?.hasSuffix(".000000Z") == true)

            // A renews every retry period; B keeps seeing a changing record and waits.
            for _ in 0..<10 {
                clock.advance(by: .seconds(5))
                #expect(try await a.tryAcquireOrRenew())
                #expect(try await !b.tryAcquireOrRenew())
            }
            // A stops. B has to watch the record stay unchanged for a whole lease duration.
            clock.advance(by: .seconds(34))
            #expect(try await !b.tryAcquireOrRenew())
            clock.advance(by: .seconds(2))
            #expect(try await b.tryAcquireOrRenew())
            stored = try await lease(server)
            #expect(stored[path: ["spec", "holderIdentity"]] == "pod-b_2")
            #expect(stored[path: ["spec", "leaseTransitions"]] == 1)
            // A comes back and finds it taken.
            #expect(try await !a.tryAcquireOrRenew())
            #expect(await !a.isLeader)
        }
    }

    @Test func releaseLetsTheOtherCandidateTakeOverAtOnce() async throws {
        try await FakeKubeAPIServer.with { server in
            let clock = ManualClock()
            let (a, b) = try candidates(server, clock: clock)
            #expect(try await a.tryAcquireOrRenew())
            #expect(try await !b.tryAcquireOrRenew())
            try await a.release()
            let released = try await lease(server)
            #expect(released[path: ["spec", "holderIdentity"]] == nil)
            #expect(released[path: ["spec", "leaseDurationSeconds"]] == 1)
            #expect(try await b.tryAcquireOrRenew())
            let patch = try #require(await server.store.requests.first { $0.method == "PATCH" })
            #expect(patch.header("Content-Type") == "application/merge-patch+json")
            let body = try JSONValue(parsing: patch.body)
            #expect(body[path: ["metadata", "resourceVersion"]] != nil)
            #expect(body[path: ["spec", "holderIdentity"]] == .null)
        }
    }

    @Test func racingCreatesLeaveOneLeader() async throws {
        try await FakeKubeAPIServer.with { server in
            let clock = ManualClock()
            let (a, b) = try candidates(server, clock: clock)
            async let first = a.tryAcquireOrRenew()
            async let second = b.tryAcquireOrRenew()
            let results = try await [first, second]
            #expect(results.filter { $0 }.count == 1)
            let requests = await server.store.requests.map { "\($0.method) \($0.path)" }
            #expect(requests.contains("POST /apis/coordination.k8s.io/v1/namespaces/flux-system/leases"))
            #expect(requests.contains("GET /apis/coordination.k8s.io/v1/namespaces/flux-system/leases/ferry-controller-leader-election"))
        }
    }

    @Test func aTakeoverWithAStaleVersionLosesTheRace() async throws {
        try await FakeKubeAPIServer.with { server in
            let clock = ManualClock()
            let (a, b) = try candidates(server, clock: clock)
            #expect(try await a.tryAcquireOrRenew())
            #expect(try await !b.tryAcquireOrRenew())
            clock.advance(by: .seconds(36))
            // Between B's read and write, A renews: B's PUT carries a stale resourceVersion.
            await server.store.inject(try await renewedByA(server), method: "GET", pathSuffix: "/leases/ferry-controller-leader-election")
            #expect(try await !b.tryAcquireOrRenew())
            #expect(try await lease(server)[path: ["spec", "holderIdentity"]] == "pod-a_1")
        }
    }

    /// Renews A's lease in the store and returns a GET answer showing the state before it.
    func renewedByA(_ server: FakeKubeAPIServer) async throws -> FakeResponse {
        let before = try await lease(server)
        await server.store.seed(
            before.setting("spec", to: (before["spec"] ?? [:]).setting("renewTime", to: "2026-11-22T05:00:00.000000Z")), plural: "leases")
        return FakeKubeStore.ok(before)
    }

    @Test func runLosesLeadershipWhenRenewalsFailPastTheDeadline() async throws {
        try await FakeKubeAPIServer.with { server in
            let clock = ManualClock()
            let (a, _) = try candidates(server, clock: clock)
            let started = Started()
            let lost = Started()
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    let error = await #expect(throws: LeaderElectionLost.self) {
                        try await a.run {
                            await started.set(); try await Task.sleep(for: .seconds(3600))
                        }
                    }
                    #expect(error?.leaseName == "ferry-controller-leader-election")
                    await lost.set()
                }
                while await !started.value { try await Task.sleep(for: .milliseconds(2)) }
                await server.store.setServed("leases", false)
                // Time moves in retry periods until leadership is lost. The renewal loop reads its last renewal when
                // it starts, which on a loaded machine can be several steps late, so the number of steps is not
                // fixed; a renewal loop that never gives up fails here after two real minutes instead of hanging.
                let deadline = ContinuousClock.now + .seconds(120)
                while await !lost.value, ContinuousClock.now < deadline {
                    clock.advance(by: .seconds(5))
                    try await Task.sleep(for: .milliseconds(20))
                }
                #expect(await lost.value, "leadership was not lost after \(clock.now.offset) of failed renewals")
                if await !lost.value { group.cancelAll() }
                try await group.waitForAll()
            }
        }
    }

    @Test func theLeaseNameFollowsFluxForShards() {
        #expect(LeaderElectionConfiguration.leaseName(controller: "ferry-controller", watchLabelSelector: nil) == "ferry-controller-leader-election")
        let sharded = LeaderElectionConfiguration.leaseName(controller: "ferry-controller", watchLabelSelector: "sharding.fluxcd.io/shard=shard1")
        #expect(sharded.hasPrefix("ferry-controller-leader-election-"))
        #expect(sharded.count == "ferry-controller-leader-election-".count + 8)
    }

    @Test func theDefaultsAreControllerRuntimesAsFluxSetsThem() {
        let configuration = LeaderElectionConfiguration(leaseName: "x", namespace: "y", identity: "z")
        #expect(configuration.leaseDuration == .seconds(35))
        #expect(configuration.renewDeadline == .seconds(30))
        #expect(configuration.retryPeriod == .seconds(5))
        #expect(configuration.releaseOnCancel)
    }
}

actor Started {
    var value = false
    func set() { value = true }
}
