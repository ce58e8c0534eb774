import Foundation

/// What the benchmarks print beside their figures: elapsed time and the process's peak memory.
public enum BenchmarkReport {
    /// The time since `start`, as `12.345 s`.
    public static func seconds(since start: ContinuousClock.Instant) -> String {
        let milliseconds = milliseconds(since: start)
        return String(format: "%d.%03d s", milliseconds / 1_000, milliseconds % 1_000)
    }

    /// The whole milliseconds since `start`.
    public static func milliseconds(since start: ContinuousClock.Instant) -> Int64 {
        let elapsed = ContinuousClock.now - start
        return elapsed.components.seconds * 1_000 + elapsed.components.attoseconds / 1_000_000_000_000_000
    }

    /// How many a second `count` in the time since `start` comes to.
    public static func perSecond(_ count: Int, since start: ContinuousClock.Instant) -> Int64 {
        Int64(count) * 1_000 / max(1, milliseconds(since: start))
    }

    /// The process's peak resident memory (VmHWM) in MiB, from /proc.
    public static func peakMemoryMebibytes() -> String {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
        else { return "n/a" }
        let kilobytes = Int(line.split(separator: " ").dropFirst().first ?? "0") ?? 0
        return "\(kilobytes / 1_024) MiB"
    }
}
