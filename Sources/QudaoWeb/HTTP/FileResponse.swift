import Foundation
import Hummingbird
import QudaoApp
import QudaoCore

/// A stored file as a download. Only the kinds accepted at upload are ever served, as attachments.
/// Files sent as downloads. Never cached: proofs, statements and payout files hold money and bank details.
enum FileResponse {
    static func make(_ file: StoredFile) -> Response {
        make(Data(file.content), fileName: file.fileName, contentType: file.contentType, fallbackName: "proof")
    }

    static func make(_ data: Data, fileName: String, contentType: String, fallbackName: String = "download") -> Response {
        let safeName = fileName.filter { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" || $0 == "_" }
        var headers: HTTPFields = [:]
        headers[.contentType] = contentType
        headers[.contentDisposition] = "attachment; filename=\"\(safeName.isEmpty ? fallbackName : safeName)\""
        headers[.cacheControl] = "private, no-store"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(data: data)))
    }
}
