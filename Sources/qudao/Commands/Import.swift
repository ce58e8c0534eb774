import ArgumentParser
import Foundation
import Hummingbird
import Logging
import QudaoApp
import QudaoCore
import QudaoFiles
import QudaoStore
import QudaoWeb

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
            case "csv": rows = try CSVReader.rows(content, keepsBlankLines: true)
            default: throw ValidationError("\(file): expected a .xlsx or .csv file")
            }
        } catch let error as TableReadError {
            throw ValidationError("\(file): \(Language.english.text(error.reason))")
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

    /// A field problem in the command line's short English wording.
    static func describe(_ problem: FieldError.Problem) -> String {
        switch problem {
        case .required: "is required"
        case .notAllowed(let reason): Language.english.text(reason)
        case .notFound: "does not exist"
        case .duplicate: "is repeated"
        case .invalidFormat(let expected): "should be \(Language.english.text(expected))"
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
