import Foundation
import Hummingbird
import QudaoApp
import QudaoCore
import QudaoFiles

/// The formats a dashboard or report exports to.
enum ReportFormat: String, Sendable {
    case xlsx
    case pdf

    var contentType: String {
        switch self {
        case .xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        case .pdf: "application/pdf"
        }
    }

    /// The bytes of `document` in this format, dated `instant`, under the brand's name.
    func data(_ document: ReportDocument, at instant: Date, brand: String) throws -> Data {
        var branded = document
        branded.brand = brand
        switch self {
        case .xlsx: return try branded.workbook(modifiedAt: instant)
        case .pdf: return try PDFWriter.data(branded, createdAt: instant)
        }
    }
}
