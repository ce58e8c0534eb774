import Foundation
import QudaoCore

/// Each API key's request rate on this instance, by the generic cell rate algorithm: a key may
/// make its `requestsPerMinute` in any minute, in a burst or spread out, in whole milliseconds
/// of the injected clock. The counts live in memory, so with several instances behind a balancer
/// each enforces the limit on its own share (docs/API.md says so).
final class APIKeyRateLimiter: @unchecked Sendable {
    // A lock rather than an actor: the check is a few integer operations, taken on every request.
    private let lock = NSLock()
    /// Per key: the theoretical arrival time of its next request, in milliseconds since 1970.
    private var arrivals: [String: Int64] = [:]
    /// Beyond this many keys, those idle for a minute are forgotten, so memory stays bounded.
    private let maximumTrackedKeys = 10_000

    /// Admits a request of `keyId` at `now`, or answers how many seconds it must wait.
    func admit(keyId: String, requestsPerMinute: Int, now: Date) -> Int? {
        let nowMilliseconds = Int64((now.timeIntervalSince1970 * 1_000).rounded(.down))
        let interval = 60_000 / Int64(max(1, requestsPerMinute))
        let tolerance = 60_000 - interval
        lock.lock()
        defer { lock.unlock() }
        let arrival = max(arrivals[keyId] ?? nowMilliseconds, nowMilliseconds)
        if arrival - nowMilliseconds > tolerance {
            let waitMilliseconds = arrival - nowMilliseconds - tolerance
            return Int((waitMilliseconds + 999) / 1_000)
        }
        if arrivals.count >= maximumTrackedKeys && arrivals[keyId] == nil {
            arrivals = arrivals.filter { $0.value > nowMilliseconds }
        }
        arrivals[keyId] = arrival + interval
        return nil
    }
}

/// A key's request over its rate: 429 with `Retry-After`.
struct APIKeyRateLimited: Error {
    let requestsPerMinute: Int
    let retryAfterSeconds: Int
}

/// A key used from an address it does not allow: 403.
struct APIKeyAddressRefused: Error {
    let address: String
}

/// A key calling an operation none of its scopes allows: 403, naming what would.
struct APIKeyScopeRefused: Error {
    /// The scopes that would allow it; empty when no key may call the operation.
    let allowing: [APIScope]
}
