// ferry-notify-bench: a burst of events to a slow endpoint through the real dispatcher and AsyncHTTPClient.
// Measures how long `record` takes (the producer must never block), peak RSS (memory must stay bounded by the
// queue), and how many notifications were delivered or dropped. benchmarks/notify-flood.sh runs it.
//
//   ferry-notify-bench --endpoint http://127.0.0.1:PORT/slow/200/bench --events 10000 --queue 1024 --workers 8 --drain 20
import FerryCore
import FerryNotify
import Foundation
import Logging

struct Arguments {
    var endpoint = ""
    var events = 10_000
    var queue = 1024
    var workers = 8
    var drainSeconds = 20.0
    var identical = false

    init() {
        var iterator = CommandLine.arguments.dropFirst().makeIterator()
        while let flag = iterator.next() {
            let value = iterator.next() ?? ""
            switch flag {
            case "--endpoint": endpoint = value
            case "--events": events = Int(value) ?? events
            case "--queue": queue = Int(value) ?? queue
            case "--workers": workers = Int(value) ?? workers
            case "--drain": drainSeconds = Double(value) ?? drainSeconds
            case "--identical": identical = value == "true"
            default:
                FileHandle.standardError.write(Data("unknown flag \(flag)\n".utf8))
                exit(2)
            }
        }
        if endpoint.isEmpty {
            FileHandle.standardError.write(Data("--endpoint is required\n".utf8))
            exit(2)
        }
    }
}

func residentKilobytes(_ field: String) -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return -1 }
    for line in status.split(separator: "\n") where line.hasPrefix(field + ":") {
        return Int(line.split(whereSeparator: { $0 == " " || $0 == "\t" })[1]) ?? -1
    }
    return -1
}

func percentile(_ sorted: [Duration], _ fraction: Double) -> Duration {
    guard !sorted.isEmpty else { return .zero }
    return sorted[min(sorted.count - 1, Int(Double(sorted.count - 1) * fraction))]
}

func microseconds(_ duration: Duration) -> String {
    let value = Double(duration.components.seconds) * 1e6 + Double(duration.components.attoseconds) / 1e12
    return String(format: "%.2f", value)
}

let arguments = Arguments()
let provider = Provider(metadata: ObjectMetadata(name: "flood", namespace: "bench"),
                        spec: ProviderSpec(type: .generic, address: arguments.endpoint, timeout: "30s"))
let alert = Alert(metadata: ObjectMetadata(name: "flood", namespace: "bench"),
                  spec: AlertSpec(providerRef: NamedReference(name: "flood"), eventSources: [EventSourceReference(kind: "ImagePolicy", name: "*")]))
let configuration = NotificationConfiguration(alerts: [alert], providers: [provider])
let options = DispatcherOptions(queueCapacity: arguments.queue, workers: arguments.workers)
var logger = Logger(label: "ferry.notify.bench")
logger.logLevel = .critical

let rssBefore = residentKilobytes("VmRSS")
let result = try await AsyncHTTPClientTransport.withTransport { transport in
    let dispatcher = NotificationDispatcher(configuration: configuration, options: options, transport: transport, clock: ContinuousClock(),
                                            logger: logger)
    return try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await dispatcher.run() }
        let clock = ContinuousClock()
        var latencies: [Duration] = []
        latencies.reserveCapacity(arguments.events)
        let burstStart = clock.now
        for index in 0..<arguments.events {
            let event = FluxEvent(
                involvedObject: ObjectReference(kind: "ImagePolicy", namespace: "bench", name: arguments.identical ? "app" : "app-\(index % 100)",
                                                apiVersion: "image.toolkit.fluxcd.io/v1"),
                severity: .info, timestamp: EventTimestamp(secondsSinceEpoch: 1_767_225_600 + Int64(index)),
                message: arguments.identical ? "Latest image tag for app resolved to 1.0.0" : "Latest image tag resolved to 1.0.\(index)",
                reason: "Succeeded", reportingController: "image-reflector-controller")
            let start = clock.now
            dispatcher.record(event)
            latencies.append(start.duration(to: clock.now))
        }
        let burst = burstStart.duration(to: clock.now)
        let rssAfterBurst = residentKilobytes("VmRSS")
        var peakQueue = 0
        let drainStart = clock.now
        while drainStart.duration(to: clock.now) < .seconds(arguments.drainSeconds) {
            try await Task.sleep(for: .milliseconds(100))
            let status = dispatcher.status()
            peakQueue = max(peakQueue, status.queueHighWater)
            if status.queueDepth == 0, status.delivered + status.failed + status.droppedQueueFull + status.rateLimited >= arguments.events { break }
        }
        let drained = drainStart.duration(to: clock.now)
        let status = dispatcher.status()
        group.cancelAll()
        latencies.sort()
        return (latencies, burst, drained, status, rssAfterBurst)
    }
}
let (latencies, burst, drained, status, rssAfterBurst) = result
let peak = residentKilobytes("VmHWM")
print("""
    events: \(arguments.events)  queue: \(arguments.queue)  workers: \(arguments.workers)  identical: \(arguments.identical)
    burst: \(microseconds(burst)) us total for \(arguments.events) record() calls
    record() latency us: p50 \(microseconds(percentile(latencies, 0.50))) p90 \(microseconds(percentile(latencies, 0.90))) \
    p99 \(microseconds(percentile(latencies, 0.99))) p99.9 \(microseconds(percentile(latencies, 0.999))) max \(microseconds(latencies.last ?? .zero))
    delivered: \(status.delivered)  failed: \(status.failed)  dropped (queue full): \(status.droppedQueueFull)  rate-limited: \(status.rateLimited)  \
    dropped at shutdown: \(status.droppedAtShutdown)  queue high-water: \(status.queueHighWater)
    drain: \(String(format: "%.1f", Double(drained.components.seconds) + Double(drained.components.attoseconds) / 1e18)) s
    RSS kB: before \(rssBefore)  after burst \(rssAfterBurst)  peak (VmHWM) \(peak)
    """)
