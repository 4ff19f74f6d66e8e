import Foundation
import Testing

import Glibc

/// A child process a reliability test starts, signals and waits for, with bounds.
///
/// The child is started directly with `posix_spawnp` (no wrapper), as the leader of a process group of its own
/// (`POSIX_SPAWN_SETPGROUP`, group id = its pid), with the default signal dispositions and an empty signal mask,
/// standard input from `/dev/null`, standard output (and error, unless given a file of its own) appended to a file,
/// and no other descriptor of the test process. What it starts stays in that group, so ``kill(_:group:)`` reaches
/// all of it by the group id. ``wait(seconds:sourceLocation:)`` is bounded: past its time it kills the group and
/// throws an error naming the command. The group is killed and the child reaped by ``end()`` and at `deinit`,
/// so no process outlives the test, also when the test fails or throws.
///
/// (The harness used to start children through `/usr/bin/setsid` with Foundation's `Process`. Foundation makes
/// its child a process group leader, and util-linux `setsid` then forks: the pid `Process` knew was a wrapper
/// that exited at once, the real program ran on as an orphan in another session, and neither the kills nor the
/// waits reached it.)
final class ReliabilityProcess: @unchecked Sendable {
    /// The child's pid, which is also its process group id.
    let pid: pid_t
    /// The file standard output (and standard error, unless ``errorOutput`` is set) goes to.
    let output: String
    /// The file standard error goes to, when not ``output``.
    let errorOutput: String?
    /// The command, for messages.
    let command: String

    private let lock = NSLock()
    private var rawStatus: Int32?
    private var groupGone = false

    /// Starts `executable arguments` (a path, or a name looked up in `PATH`).
    init(
        _ executable: String, _ arguments: [String], output: String, errorOutput: String? = nil, environment: [String: String] = [:]
    ) throws {
        self.output = output
        self.errorOutput = errorOutput
        command = ([executable] + arguments).joined(separator: " ").prefix(300).description

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        // Opened in the child, created when missing, never replaced (the output may be a device such as /dev/null).
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_APPEND | O_CREAT, 0o644)
        if let errorOutput {
            posix_spawn_file_actions_addopen(&actions, 2, errorOutput, O_WRONLY | O_APPEND | O_CREAT, 0o644)
        } else {
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
        }
        Self.closeInheritedDescriptors(&actions)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let merged = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var child: pid_t = 0
        let rc = posix_spawnp(&child, executable, &actions, &attributes, argv, envp)
        guard rc == 0 else {
            throw E2EError("cannot start \(executable): \(String(cString: strerror(rc)))")
        }
        pid = child
    }

    deinit { end() }

    /// Adds actions closing every descriptor above 2 in the child: `posix_spawn_file_actions_addclosefrom_np`
    /// (glibc 2.34) when the C library has it, else one close per descriptor open now.
    private static func closeInheritedDescriptors(_ actions: inout posix_spawn_file_actions_t) {
        typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
        if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") {
            let closeFrom = unsafeBitCast(symbol, to: CloseFrom.self)
            if closeFrom(&actions, 3) == 0 { return }
        }
        let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        for fd in open.compactMap({ Int32($0) }) where fd > 2 { posix_spawn_file_actions_addclose(&actions, fd) }
    }

    /// The built `ferry` executable next to the test bundle.
    static var ferry: String {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("ferry").path
    }

    /// Reaps the child if it has exited (never blocks); its status (128 + signal when killed) once it has.
    private func poll() -> Int32? {
        lock.lock()
        defer { lock.unlock() }
        if rawStatus == nil {
            var status: Int32 = 0
            let reaped = waitpid(pid, &status, WNOHANG)
            if reaped == pid {
                rawStatus = status
            } else if reaped < 0, errno == ECHILD {
                rawStatus = -1  // reaped elsewhere: gone, status unknown
            }
        }
        return rawStatus.map(Self.exitCode)
    }

    private static func exitCode(_ status: Int32) -> Int32 {
        if status == -1 { return -1 }
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }

    /// Whether the child is still running (its group may outlive it).
    var isRunning: Bool { poll() == nil }

    /// Whether a process of the child's group is still alive.
    var groupAlive: Bool {
        lock.lock()
        defer { lock.unlock() }
        if groupGone { return false }
        if posixKill(-pid, 0) == 0 { return true }
        groupGone = errno == ESRCH
        return !groupGone
    }

    /// Sends `signal` to the whole process group (the child and what it started), or only to the child.
    func kill(_ signal: Int32 = SIGKILL, group: Bool = true) {
        if group, groupAlive { _ = posixKill(-pid, signal) }
        if poll() == nil { _ = posixKill(pid, signal) }
    }

    /// Waits until the child exits, for at most `seconds`; its exit status (128 + signal when a signal ended it).
    /// Past the time the whole group is killed and the test fails with an error naming the command.
    @discardableResult
    func wait(seconds: Double = 120, sourceLocation: SourceLocation = #_sourceLocation) async throws -> Int32 {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if let status = poll() { return status }
            try await Task.sleep(for: .milliseconds(20))
        }
        if let status = poll() { return status }
        end()
        throw E2EError("\(command) (pid \(pid)) was still running after \(seconds) s; its group was killed. Its output:\n\(log.suffix(2000))")
    }

    /// Asks the group to stop (SIGTERM), waits up to `grace` seconds, then kills what is left; the exit status.
    @discardableResult
    func stop(grace: Double = 60) async -> Int32 {
        kill(SIGTERM)
        let deadline = Date().addingTimeInterval(grace)
        while Date() < deadline, isRunning || groupAlive {
            try? await Task.sleep(for: .milliseconds(20))
        }
        end()
        return poll() ?? -1
    }

    /// Waits (blocking, for `defer`) until the child exits, at most `seconds`, then ends the group; the exit status.
    @discardableResult
    func finish(seconds: Double) -> Int32? {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline, poll() == nil { usleep(10_000) }
        let status = poll()
        end()
        return status
    }

    /// Kills the whole group (SIGKILL) and reaps the child; safe to call more than once, and from `defer`.
    func end() {
        kill(SIGKILL)
        // A killed process is reaped within milliseconds; bound the wait anyway (a process in D state).
        for _ in 0..<500 where poll() == nil { usleep(10_000) }
    }

    /// What the child wrote to ``output``.
    var log: String { (try? String(contentsOfFile: output, encoding: .utf8)) ?? "" }

    /// What the child wrote to ``errorOutput`` (or ``output``).
    var errorLog: String { (try? String(contentsOfFile: errorOutput ?? output, encoding: .utf8)) ?? "" }

    /// Runs `executable arguments` to its end, for at most `seconds`, as a ``FerryRun`` (stdout and stderr apart).
    static func run(
        _ executable: String, _ arguments: [String], in folder: String, seconds: Double = 240, environment: [String: String] = [:],
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> FerryRun {
        let base = folder + "/run-\(UUID().uuidString.prefix(8))"
        let process = try ReliabilityProcess(executable, arguments, output: base + ".out", errorOutput: base + ".err", environment: environment)
        defer { process.end() }
        let status = try await process.wait(seconds: seconds, sourceLocation: sourceLocation)
        return FerryRun(status: status, stdout: process.log, stderr: process.errorLog)
    }
}

/// `kill(2)`, under a name ``ReliabilityProcess/kill(_:group:)`` does not hide.
func posixKill(_ pid: pid_t, _ signal: Int32) -> Int32 { kill(pid, signal) }
