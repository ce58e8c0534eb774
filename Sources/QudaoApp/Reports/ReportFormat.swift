import Foundation
import QudaoCore
import QudaoFiles

/// The formats a dashboard or report exports to.
public enum ReportFormat: String, Sendable, CaseIterable {
    case xlsx
    case pdf

    /// The MIME type of the format.
    public var contentType: String {
        switch self {
        case .xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        case .pdf: "application/pdf"
        }
    }

    /// The bytes of `document` in this format, dated `instant`, under the brand's name.
    public func data(_ document: ReportDocument, at instant: Date, brand: String) throws -> Data {
        var branded = document
        branded.brand = brand
        switch self {
        case .xlsx: return try branded.workbook(modifiedAt: instant)
        case .pdf: return try PDFWriter.data(branded, createdAt: instant)
        }
    }
}
