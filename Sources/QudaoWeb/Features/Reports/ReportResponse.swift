import Foundation
import Hummingbird
import QudaoApp
import QudaoCore
import QudaoFiles

/// A report document as a download.
enum ReportResponse {
    static func make(_ document: ReportDocument, format: ReportFormat, fileName: String, at instant: Date, brand: String) throws -> Response {
        FileResponse.make(
            try format.data(document, at: instant, brand: brand), fileName: fileName + "." + format.rawValue, contentType: format.contentType)
    }
}
