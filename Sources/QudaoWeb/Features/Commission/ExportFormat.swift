import Foundation
import Hummingbird
import QudaoApp
import QudaoCore
import QudaoFiles

/// The file formats of statements and payout files.
enum ExportFormat: String, CaseIterable {
    case xlsx
    case csv
    case pdf

    /// The format a request asks for (`format` query value; Excel when absent), checked before anything is written.
    static func requested(_ request: Request, allowed: [ExportFormat] = allCases) throws -> ExportFormat {
        try named(request.query("format"), allowed: allowed)
    }

    /// The format `text` names (Excel when absent), if it is one of `allowed`.
    static func named(_ text: String?, allowed: [ExportFormat] = allCases) throws -> ExportFormat {
        guard let text else { return .xlsx }
        guard let format = ExportFormat(rawValue: text), allowed.contains(format) else {
            throw AppError.invalid("format", .notOneOf(allowed: allowed.map(\.rawValue)))
        }
        return format
    }

    /// A bank's payout file is a spreadsheet to import, never a PDF.
    static let payoutFormats: [ExportFormat] = [.xlsx, .csv]
}
