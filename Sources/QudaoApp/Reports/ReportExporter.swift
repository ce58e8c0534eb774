import Foundation
import QudaoCore
import QudaoFiles

/// Exports for the command line (`qudao export`): the same documents the pages download.
public enum ReportExporter {
    /// What can be exported: the dashboard and every report.
    public static let names = ["dashboard"] + ReportKind.allCases.map(\.rawValue)

    /// Builds the export of `name` ("dashboard" or a report) for the filter in `parameters` (the
    /// URL's names), as "xlsx" or "pdf", in `language` ("zh-CN" or "en"). Audited as the caller's.
    public static func export(
        platform: Platform, caller: Caller, name: String, parameters: [String: String], format: String, language: String,
        progress: (@Sendable (Int, Int) -> Void)? = nil
    ) async throws -> (data: Data, fileName: String, rowCount: Int) {
        guard let format = ReportFormat(rawValue: format) else { throw AppError.invalid("format", .notOneOf(allowed: ["xlsx", "pdf"])) }
        return try await export(
            platform: platform, caller: caller, name: name, filter: try DashboardService(platform: platform).filter(parameters), format: format,
            language: Language(rawValue: language) ?? .chinese, progress: progress)
    }

    /// The export the pages download and the command line writes: the document of `name`, in
    /// `format`, recorded in the audit log.
    public static func export(
        platform: Platform, caller: Caller, name: String, filter: DashboardFilter, format: ReportFormat, language: Language,
        progress: (@Sendable (Int, Int) -> Void)? = nil
    ) async throws -> (data: Data, fileName: String, rowCount: Int) {
        let dashboard = DashboardService(platform: platform)
        let document: ReportDocument
        let instant: Date
        if name == "dashboard" {
            let view = try await dashboard.load(caller, filter: filter)
            document = DashboardExport.document(view, language: language)
            instant = view.generatedAt
        } else {
            guard let kind = ReportKind(rawValue: name) else { throw AppError.invalid("report", .notOneOf(allowed: names)) }
            let result = try await ReportService(platform: platform).all(caller, kind: kind, filter: filter, progress: progress)
            let notes =
                DashboardText.filterLines(language, filter) + [language.reportMeaning(kind)]
                + (result.collection.map { [language.collectionLine(current: $0.current, previous: $0.previous)] } ?? [])
                + [language.generatedLine(result.generatedAt)]
            document = ReportDocument(title: language.report(kind), notes: notes, tables: [ReportTables.table(result, language: language)])
            instant = result.generatedAt
        }
        try await dashboard.recordExport(caller, report: name, format: format.rawValue, filter: filter)
        let profile = try await CompanyService(platform: platform).profile()
        return (
            try format.data(document, at: instant, brand: profile.exportBrand), "\(name)-\(BusinessTime.dateStamp(instant)).\(format.rawValue)",
            document.tables.map(\.rows.count).reduce(0, +)
        )
    }
}
