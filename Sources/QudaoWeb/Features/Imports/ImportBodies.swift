import Foundation
import Hummingbird
import QudaoApp
import QudaoCore
import QudaoFiles

struct ImportFileRequest: Decodable {
    let fileName: String?
    let contentBase64: String?
}

struct ImportPreviewResponse: Codable {
    let batchId: String?
    let fileName: String
    let rowCount: Int
    let creating: Int
    let updating: Int

    init(_ preview: ImportPreview) {
        batchId = preview.batchId
        fileName = preview.fileName
        rowCount = preview.rowCount
        creating = preview.creating
        updating = preview.updating
    }
}

struct ImportOutcomeResponse: Codable {
    let batchId: String
    let created: Int
    let updated: Int
    let unchanged: Int
}
