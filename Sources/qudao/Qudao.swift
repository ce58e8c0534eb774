import ArgumentParser
import Foundation
import Hummingbird
import Logging
import QudaoApp
import QudaoCore
import QudaoFiles
import QudaoStore
import QudaoWeb

/// The `qudao` command line: serve the platform, migrate the database, load demo data, verify invariants.
@main
struct Qudao: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qudao",
        abstract: "Qudao (渠道) distribution management platform.",
        subcommands: [Serve.self, Migrate.self, Admin.self, Demo.self, Verify.self, Settle.self, Import.self, Export.self],
        defaultSubcommand: Serve.self)
}

/// Options shared by every command that touches the database.
struct DatabaseOptions: ParsableArguments {
    @Option(
        name: .customLong("database-url"),
        help: "sqlite://PATH or postgres://USER:PASSWORD@HOST:PORT/DB (default: DATABASE_URL or sqlite://data/qudao.sqlite)")
    var databaseURL: String?

    func configuration() -> AppConfiguration {
        var configuration = AppConfiguration.fromEnvironment()
        if let databaseURL { configuration.databaseURL = databaseURL }
        return configuration
    }

    /// Opens the configured database without migrating it (for commands that inspect or migrate).
    func open(label: String) async throws -> Database {
        try await Database.open(try DatabaseLocation.parse(configuration().databaseURL), logger: Logger(label: label))
    }
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the web interface and the API.")

    @OptionGroup var database: DatabaseOptions
    @Option(help: "Address to listen on (default: QUDAO_HOST or 127.0.0.1).") var host: String?
    @Option(help: "Port to listen on (default: QUDAO_PORT or 8080).") var port: Int?
    @Flag(help: "Load the demo dataset (idempotent) before serving.") var demo = false
    @Flag(help: "Apply pending migrations on PostgreSQL at start (SQLite always migrates).") var migrate = false
    @Flag(name: .customLong("test-clock"), help: "Run on a test clock that HQ admins read and advance through /api/v1/test-clock.")
    var testClock = false

    func run() async throws {
        var configuration = database.configuration()
        if let host { configuration.host = host }
        if let port { configuration.port = port }
        configuration.loadDemoData = demo
        configuration.migrateOnStart = migrate
        configuration.testClock = testClock
        let built: BuiltApplication
        do {
            built = try await buildApplication(configuration)
        } catch let error as StartupError {
            throw CommandFailure(error.description)
        }
        if demo {
            // Written straight to the file handle (unbuffered), so the banner shows before the server's
            // log lines even when standard output is a pipe or a file.
            FileHandle.standardOutput.write(
                Data(
                    """
                    Qudao is starting on http://\(configuration.host == "0.0.0.0" ? "127.0.0.1" : configuration.host):\(configuration.port)
                    Demo logins (password \(DemoData.password)):
                      HQ: \(DemoData.hqLogins.map(\.username).joined(separator: ", "))
                      Partners: each partner's owner signs in with its code, e.g. D-GD01 (level 1), A-GZ01 (level 2), S-GZ001 (store)

                    """.utf8))
        }
        try await built.application.runService()
        await built.platform.database.close()
    }
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply pending database migrations.")

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let opened = try await database.open(label: "qudao.migrate")
        let applied = try await Migrator.migrate(opened, now: Date())
        print(applied.isEmpty ? "The database is up to date." : "Applied migrations: \(applied.map(String.init).joined(separator: ", "))")
        await opened.close()
    }
}

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Load the demo dataset (safe to run again: nothing is duplicated).")

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        var configuration = database.configuration()
        configuration.migrateOnStart = true
        let platform = try await openPlatform(configuration, logger: Logger(label: "qudao.demo"))
        let summary: DemoData.LoadSummary
        do {
            summary = try await DemoData.load(platform)
        } catch let refused as DemoDataRefused {
            await platform.database.close()
            throw CommandFailure(refused.description)
        }
        print(
            "Demo data: \(summary.partnersCreated) partners, \(summary.accountsCreated) accounts, \(summary.categoriesCreated) categories, \(summary.productsCreated) products and \(summary.ordersCreated) orders created."
        )
        await platform.database.close()
    }
}

struct Verify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Check every invariant over the whole database; exits non-zero on any violation.")

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let opened = try await database.open(label: "qudao.verify")
        let report = try await InvariantChecker.check(opened)
        await opened.close()
        for line in report.lines { print(line) }
        if !report.violations.isEmpty {
            print("FAILED: \(report.violations.count) violation(s)")
            throw ExitCode(1)
        }
        print("OK: every invariant holds.")
    }
}

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
                if case .notAllowed(let reason) = error.problem { return "\(error.field): \(reason)" }
                return "\(error.field): \(error.problem)"
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

struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Export the dashboard or a report to Excel (.xlsx) or PDF with the dashboard's filters, as HQ downloads it.")

    @OptionGroup var database: DatabaseOptions
    @Argument(help: "dashboard, sales-by-partner, sales-by-product, sales-by-region, commission, prepaid, returns or grades.") var name: String
    @Option(help: "today, yesterday, last7, last30 (default), last90, month, lastMonth, quarter, year, last12Months or custom.") var range: String?
    @Option(help: "First day of a custom range (yyyy-MM-dd).") var from: String?
    @Option(help: "Last day of a custom range (yyyy-MM-dd).") var to: String?
    @Option(help: "Trend buckets: day, week or month.") var granularity: String?
    @Option(help: "Only partners in this province, e.g. 广东省.") var province: String?
    @Option(help: "Only partners at this level (1-3).") var level: String?
    @Option(help: "Only partners in this grade: quality, potential or warning.") var grade: String?
    @Option(help: "Only partners of this type: distributor, agent or store.") var type: String?
    @Option(help: "xlsx (default) or pdf.") var format = "xlsx"
    @Option(help: "zh-CN (default) or en.") var language = "zh-CN"
    @Option(name: .shortAndLong, help: "Where to write the file (default: the export's own name in the current folder).") var output: String?

    func run() async throws {
        guard ReportExporter.names.contains(name) else { throw ValidationError("export one of: \(ReportExporter.names.joined(separator: ", "))") }
        var parameters: [String: String] = [:]
        for (key, value) in [
            ("range", range), ("from", from), ("to", to), ("granularity", granularity), ("province", province), ("level", level), ("grade", grade),
            ("type", type),
        ] {
            parameters[key] = value
        }
        let platform = try await openPlatform(database.configuration(), logger: Logger(label: "qudao.export"))
        let caller = Caller.system(origin: RequestOrigin(sourceIP: "local", userAgent: "qudao export"))
        let started = Date()
        do {
            let exported = try await ReportExporter.export(
                platform: platform, caller: caller, name: name, parameters: parameters, format: format, language: language,
                progress: { done, total in ProgressBar.draw(done: done, total: total, unit: "rows read") })
            let path = output ?? exported.fileName
            try exported.data.write(to: URL(fileURLWithPath: path))
            FileHandle.standardError.write(Data("\n".utf8))
            print(
                "Wrote \(path): \(exported.rowCount) rows, \(exported.data.count) bytes, in \(String(format: "%.2f", Date().timeIntervalSince(started))) s."
            )
        } catch AppError.validation(let failure) {
            await platform.database.close()
            FileHandle.standardError.write(Data("\n".utf8))
            let fields = failure.errors.map { "--\($0.field): \(Import.describe($0.problem))" }.joined(separator: "; ")
            throw ValidationError(fields)
        } catch {
            await platform.database.close()
            throw error
        }
        await platform.database.close()
    }
}

struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import products or partners from the Excel template (.xlsx or .csv): every row is checked first; then all rows or none.")

    @OptionGroup var database: DatabaseOptions
    @Argument(help: "What to import: products or partners.") var kind: String
    @Argument(help: "The filled-in template, .xlsx or .csv (UTF-8 or GBK).") var file: String
    @Flag(name: .customLong("dry-run"), help: "Check the file and report, without importing anything.") var dryRun = false

    func run() async throws {
        guard kind == "products" || kind == "partners" else { throw ValidationError("import `products` or `partners`") }
        let url = URL(fileURLWithPath: file)
        let content: Data
        do {
            content = try Data(contentsOf: url)
        } catch {
            throw ValidationError("cannot read \(file): \(error.localizedDescription)")
        }
        let rows: [[String]]
        do {
            switch url.pathExtension.lowercased() {
            case "xlsx": rows = try XLSXReader.rows(content)
            case "csv": rows = try CSVReader.rows(content)
            default: throw ValidationError("\(file): expected a .xlsx or .csv file")
            }
        } catch let error as TableReadError {
            throw ValidationError("\(file): \(error.description)")
        }
        let platform = try await openPlatform(database.configuration(), logger: Logger(label: "qudao.import"))
        let caller = Caller.system(origin: RequestOrigin(sourceIP: "local", userAgent: "qudao import"))
        let started = Date()
        let validate: () async throws -> ImportPreview = {
            kind == "products"
                ? try await ProductImportService(platform: platform).validate(
                    caller, rows: rows, fileName: url.lastPathComponent, fileContent: content)
                : try await PartnerImportService(platform: platform).validate(
                    caller, rows: rows, fileName: url.lastPathComponent, fileContent: content)
        }
        do {
            let preview = try await validate()
            guard preview.problems.isEmpty, let batchId = preview.batchId else {
                for problem in preview.problems.prefix(200) {
                    FileHandle.standardError.write(Data("row \(problem.row) \(problem.column): \(Self.describe(problem.problem))\n".utf8))
                }
                if preview.problems.count > 200 { FileHandle.standardError.write(Data("… and \(preview.problems.count - 200) more\n".utf8)) }
                await platform.database.close()
                FileHandle.standardError.write(Data("\(preview.problems.count) problem(s); nothing was imported.\n".utf8))
                throw ExitCode.failure
            }
            if dryRun {
                print(
                    "\(url.lastPathComponent): \(preview.rowCount) rows are valid: \(preview.creating) would be created, \(preview.updating) updated. Nothing was imported (--dry-run)."
                )
                await platform.database.close()
                return
            }
            let progress: @Sendable (Int, Int) -> Void = { done, total in
                if done == total || done % 100 == 0 { ProgressBar.draw(done: done, total: total, unit: "rows") }
            }
            let outcome =
                kind == "products"
                ? try await ProductImportService(platform: platform).commit(caller, batchId: batchId, progress: progress)
                : try await PartnerImportService(platform: platform).commit(caller, batchId: batchId, progress: progress)
            FileHandle.standardError.write(Data("\n".utf8))
            print(
                "Imported \(url.lastPathComponent): \(outcome.created) created, \(outcome.updated) updated, \(outcome.unchanged) unchanged, in \(String(format: "%.2f", Date().timeIntervalSince(started))) s."
            )
        } catch let error as ExitCode {
            throw error
        } catch {
            await platform.database.close()
            throw error
        }
        await platform.database.close()
    }

    static func describe(_ problem: FieldError.Problem) -> String {
        switch problem {
        case .required: "is required"
        case .notAllowed(let reason): reason
        case .notFound: "does not exist"
        case .duplicate: "is repeated"
        case .invalidFormat(let expected): "should be \(expected)"
        case .outOfRange(let minimum, let maximum): "must be between \(minimum) and \(maximum)"
        case .notOneOf(let allowed): "must be one of \(allowed.prefix(8).joined(separator: ", "))"
        case .tooLong(let maximum): "is longer than \(maximum) characters"
        case .tooShort(let minimum): "is shorter than \(minimum) characters"
        case .notWholeFen: "must be a whole number"
        case .mismatch: "is incorrect"
        case .amountOutOfRange(let minimumFen, let maximumFen):
            "must be an amount between \(Money(fen: minimumFen).formatted) and \(Money(fen: maximumFen).formatted)"
        case .rateOutOfRange(let minimumBasisPoints, let maximumBasisPoints):
            "must be between \(Rate(basisPoints: minimumBasisPoints).percentText) and \(Rate(basisPoints: maximumBasisPoints).percentText)"
        case .fileTooLarge(let maximumBytes): "is larger than \(maximumBytes) bytes"
        default: "\(problem)"
        }
    }
}
