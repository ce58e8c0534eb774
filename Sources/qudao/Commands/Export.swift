import ArgumentParser
import Foundation
import Hummingbird
import Logging
import QudaoApp
import QudaoCore
import QudaoFiles
import QudaoStore
import QudaoWeb

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
