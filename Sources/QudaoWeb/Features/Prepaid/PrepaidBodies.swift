import Foundation
import QudaoApp
import QudaoCore

/// A file sent in a JSON body: its name, type and content in base64 (a top-up's proof, a dispute's attachment).
struct ProofRequest: Decodable {
    let fileName: String?
    let contentType: String?
    let contentBase64: String?

    /// The upload, or a 422 on `<field>.contentBase64` when the content is not base64.
    func uploadedFile(field: String, defaultName: String) throws -> UploadedFile {
        guard let base64 = contentBase64, let content = Data(base64Encoded: base64) else {
            throw AppError.invalid("\(field).contentBase64", .invalidFormat(expected: .base64))
        }
        return UploadedFile(fileName: fileName ?? defaultName, contentType: contentType ?? "application/octet-stream", content: content)
    }
}

struct TopUpRequest: Decodable {
    let amountFen: IntegerInput?
    let bankReference: String?
    let note: String?
    let partnerId: String?
    let proof: ProofRequest?
}

struct AdjustmentRequest: Decodable {
    let partnerId: String?
    let amountFen: IntegerInput?
    let direction: String?
    let reason: String?
}

struct TopUpResponse: Codable {
    let id: String
    let number: String
    let partnerId: String
    let amountFen: Int64
    let bonusFen: Int64
    let bankReference: String
    let hasProof: Bool
    let note: String
    let status: TopUpRecord.Status
    let requestedAt: Date
    let decidedAt: Date?
    let rejectionReason: String?

    init(_ topUp: TopUpRecord) {
        id = topUp.id
        number = topUp.number
        partnerId = topUp.partnerId
        amountFen = topUp.amount.fen
        bonusFen = topUp.bonus.fen
        bankReference = topUp.bankReference
        hasProof = topUp.proofFileId != nil
        note = topUp.note
        status = topUp.status
        requestedAt = topUp.requestedAt
        decidedAt = topUp.decidedAt
        rejectionReason = topUp.rejectionReason
    }
}

struct BalanceResponse: Codable {
    let partnerId: String
    let balanceFen: Int64
    let topUpsInWindowFen: Int64
    let discountRateBp: Int64

    init(_ position: PrepaidPosition) {
        partnerId = position.partner.id
        balanceFen = position.balance.fen
        topUpsInWindowFen = position.topUpsInWindow.fen
        discountRateBp = position.discountRate.basisPoints
    }
}

struct StatementLineResponse: Codable {
    let entryId: Int64
    let kind: String
    let reference: String
    let memo: String
    let changeFen: Int64
    let balanceAfterFen: Int64
    let postedAt: Date

    init(_ line: StatementLine) {
        entryId = line.entryId
        kind = line.kind.rawValue
        reference = line.reference
        memo = line.memo
        changeFen = line.change.fen
        balanceAfterFen = line.balanceAfter.fen
        postedAt = line.postedAt
    }
}
