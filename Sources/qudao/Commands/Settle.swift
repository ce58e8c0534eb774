import ArgumentParser
import Foundation
import Hummingbird
import Logging
import QudaoApp
import QudaoCore
import QudaoFiles
import QudaoStore
import QudaoWeb

struct Settle: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run or resume the settlement of a month (safe to run again: nothing is settled twice).")

    @OptionGroup var database: DatabaseOptions
    @Option(help: "The month to settle, e.g. 2026-10.") var month: String

    func run() async throws {
        guard let target = BusinessMonth(month) else { throw ValidationError("--month must look like 2026-10") }
        let platform = try await openPlatform(database.configuration(), logger: Logger(label: "qudao.settle"))
        // A test hook: stop dead (SIGKILL, like a crash) after this many partners, to prove a rerun completes the run.
        let crashAfter = ProcessInfo.processInfo.environment["QUDAO_SETTLE_CRASH_AFTER"].flatMap(Int.init)
        let started = Date()
        let outcome: SettlementOutcome?
        do {
            outcome = try await SettlementService(platform: platform).run(
                Caller.system(origin: RequestOrigin(sourceIP: "local", userAgent: "qudao settle")), month: target,
                progress: { done, total in ProgressBar.draw(done: done, total: total) },
                afterPartner: { done in
                    if let crashAfter, done >= crashAfter { kill(getpid(), SIGKILL) }
                })
        } catch AppError.validation(let failure) {
            // A month that has not ended (or another refused input): the reason, not a type dump.
            await platform.database.close()
            let reasons = failure.errors.map { error -> String in
                return "\(error.field): \(Import.describe(error.problem))"
            }
            FileHandle.standardError.write(Data("Error: \(target): \(reasons.joined(separator: "; "))\n".utf8))
            throw ExitCode.failure
        } catch {
            await platform.database.close()
            throw error
        }
        await platform.database.close()
        guard let outcome else {
            throw ValidationError("another settlement run holds the lock; try again when it has finished")
        }
        FileHandle.standardError.write(Data("\n".utf8))
        if outcome.alreadyComplete {
            print("\(target) was already settled: \(outcome.statementsCreated) statements; nothing changed.")
        } else {
            print(
                "Settled \(target): \(outcome.partnersExamined) partners examined, \(outcome.statementsCreated) statements, \(outcome.bonusesCreated) bonuses, in \(String(format: "%.2f", Date().timeIntervalSince(started))) s."
            )
        }
    }
}

/// A one-line progress bar on standard error.
enum ProgressBar {
    static func draw(done: Int, total: Int, unit: String = "partners") {
        let width = 30
        let filled = total == 0 ? width : width * done / max(total, 1)
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
        FileHandle.standardError.write(Data("\r[\(bar)] \(done)/\(total) \(unit)".utf8))
    }
}
