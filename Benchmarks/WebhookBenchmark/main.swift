import Foundation
import HTTPTypes
import Hummingbird
import Logging
import QudaoApp
import QudaoCore
import QudaoStore
import QudaoTestSupport
import QudaoWeb

// Measures webhook delivery (issue 15): `swift run -c release WebhookBenchmark [events]
// [database-url | postgres]`. A receiver on 127.0.0.1 answers 200 and notes when each event came.
// 1. Throughput: `events` events are committed (each its own transaction, as a change writes
//    one), then one worker, as `qudao serve` runs it, sends the backlog: events a second.
// 2. Delay from commit to delivery: events committed one at a time, 50 a second, while the worker
//    polls as `qudao serve` does (every 200 ms when idle): p50, p99 and the largest.
// Beside them, in the same run, the ceiling: the same number of signed POSTs sent straight with
// the same HTTP client and concurrency, with no database. Results go in docs/PERFORMANCE.md.

let arguments = Array(CommandLine.arguments.dropFirst())
let eventCount = arguments.first.flatMap(Int.init) ?? 5_000
let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qudao-webhooks-\(UUID().uuidString)")
try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
let target = arguments.dropFirst().first ?? "sqlite://\(folder.path)/qudao.sqlite"

var logger = Logger(label: "benchmark")
logger.logLevel = .error
let location =
    target == "postgres" ? try await PostgresTestServer.shared.makeDatabase(logger: logger).location : try DatabaseLocation.parse(target)
let database = try await Database.open(location, logger: logger)
print("database: \(target == "postgres" ? "throwaway PostgreSQL" : target)")
try await Migrator.migrate(database, now: Date())
let platform = Platform(
    database: database, clock: SystemClock(), cipher: PersonalDataCipher(keyMaterial: Data(repeating: 9, count: 32)), passwordCost: 4,
    logger: logger)

/// When each event arrived, by id.
final class Arrivals: @unchecked Sendable {
    private let lock = NSLock()
    private var times: [String: ContinuousClock.Instant] = [:]

    func note(_ id: String) {
        lock.withLock { times[id] = ContinuousClock.now }
    }

    var count: Int { lock.withLock { times.count } }

    func time(_ id: String) -> ContinuousClock.Instant? { lock.withLock { times[id] } }
}

let arrivals = Arrivals()
let router = Router()
router.post("/hook") { request, _ -> HTTPResponse.Status in
    _ = try await request.body.collect(upTo: 1_048_576)
    arrivals.note(request.headers[HTTPField.Name("Qudao-Event-Id")!] ?? UUID().uuidString)
    return .ok
}
let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
let receiver = Application(
    router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
    onServerRunning: { portContinuation.yield($0.localAddress?.port ?? 0) }, logger: logger)
let receiverTask = Task { try await receiver.runService() }
let port = await ports.first { _ in true } ?? 0
print("receiver: http://127.0.0.1:\(port)/hook")

let hq = Caller.system()
let webhooks = WebhookService(platform: platform, allowsInternalTargets: true)
let subscription = try await webhooks.create(
    hq, WebhookSubscriptionInput(url: "http://127.0.0.1:\(port)/hook", eventTypes: ["order.paid"])
).subscription
let transport = HTTPWebhookTransport(allowsInternalTargets: true)
let worker = WebhookDeliveryWorker(platform: platform, transport: transport)

// 1. Throughput of a backlog.
var start = ContinuousClock.now
for _ in 0..<eventCount { _ = try await webhooks.sendTest(hq, subscriptionId: subscription.id) }
print("commit \(eventCount) events:         \(BenchmarkReport.seconds(since: start)) (each its own transaction)")
start = ContinuousClock.now
while arrivals.count < eventCount { try await worker.runOnce() }
print("deliver the backlog:           \(BenchmarkReport.seconds(since: start)) = \(BenchmarkReport.perSecond(eventCount, since: start)) events/s")

// The ceiling: as many signed POSTs, same client and concurrency, no database.
let ceilingArrivalsBefore = arrivals.count
start = ContinuousClock.now
for batch in stride(from: 0, to: eventCount, by: 8) {
    await withTaskGroup(of: Void.self) { group in
        for index in batch..<min(batch + 8, eventCount) {
            group.addTask {
                let body = #"{"id":"ceiling-\#(index)","type":"webhook.test"}"#
                _ = await transport.post(
                    url: "http://127.0.0.1:\(port)/hook",
                    headers: [
                        ("Content-Type", "application/json"), ("Qudao-Event-Id", "ceiling-\(index)"),
                        ("Qudao-Signature", WebhookBody.signature(secret: "whsec_x", timestamp: 1, body: body)),
                    ], body: body, timeoutSeconds: 10)
            }
        }
    }
}
print(
    "ceiling, POSTs only:           \(BenchmarkReport.seconds(since: start)) = \(BenchmarkReport.perSecond(arrivals.count - ceilingArrivalsBefore, since: start)) events/s"
)

// 2. Delay from commit to delivery, with the worker polling as `qudao serve` does.
let pollingWorker = Task {
    while !Task.isCancelled {
        let sent = (try? await worker.runOnce()) ?? 0
        if sent < WebhookPolicy.claimBatchSize { try? await Task.sleep(for: .milliseconds(200)) }
    }
}
let sampleCount = min(eventCount, 1_000)
var committed: [(String, ContinuousClock.Instant)] = []
for _ in 0..<sampleCount {
    let id = try await webhooks.sendTest(hq, subscriptionId: subscription.id)
    committed.append((id, ContinuousClock.now))
    try await Task.sleep(for: .milliseconds(20))
}
while committed.contains(where: { arrivals.time($0.0) == nil }) { try await Task.sleep(for: .milliseconds(50)) }
pollingWorker.cancel()
let delays = committed.compactMap { id, at -> Int64? in
    guard let arrived = arrivals.time(id) else { return nil }
    let elapsed = arrived - at
    return elapsed.components.seconds * 1_000 + elapsed.components.attoseconds / 1_000_000_000_000_000
}.sorted()
func percentile(_ share: Int) -> Int64 { delays[min(delays.count - 1, delays.count * share / 100)] }
print(
    "commit to delivery (\(delays.count) events, 50/s, 200 ms poll): p50 \(percentile(50)) ms, p99 \(percentile(99)) ms, max \(delays.last ?? 0) ms")
print("peak memory: \(BenchmarkReport.peakMemoryMebibytes())")

await transport.shutdown()
receiverTask.cancel()
await database.close()
