import Foundation
import QudaoApp
import QudaoCore

struct ReturnLineRequest: Decodable {
    let lineNumber: Int?
    let quantity: IntegerInput?
}

struct ReturnRequest: Decodable {
    let lines: [ReturnLineRequest]?
    let reason: String?
}

struct ReturnResponse: Codable {
    struct Line: Codable {
        let lineNumber: Int
        let quantity: Int64
    }

    let id: String
    let number: String
    let orderId: String
    let status: ReturnStatus
    let reason: String
    let afterCompletion: Bool
    let lines: [Line]
    let refundFen: Int64?
    let rejectionReason: String?
    let requestedAt: Date

    init(_ request: ReturnRecord) {
        id = request.id
        number = request.number
        orderId = request.orderId
        status = request.status
        reason = request.reason
        afterCompletion = request.afterCompletion
        lines = request.quantities.sorted { $0.key < $1.key }.map { Line(lineNumber: $0.key, quantity: $0.value) }
        refundFen = request.refund?.fen
        rejectionReason = request.rejectionReason
        requestedAt = request.requestedAt
    }
}
