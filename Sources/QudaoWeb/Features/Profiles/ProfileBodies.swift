import Foundation
import Hummingbird
import QudaoApp
import QudaoCore

struct CertificateRequest: Decodable {
    struct File: Decodable {
        let fileName: String?
        let contentType: String?
        let contentBase64: String?
    }

    let certificateType: String?
    let number: String?
    let issuer: String?
    let validFrom: String?
    let validTo: String?
    let required: Bool?
    let file: File?
    let rowVersion: Int64?

    func input() throws -> CertificateInput {
        var upload: UploadedFile?
        if let file {
            guard let base64 = file.contentBase64, let content = Data(base64Encoded: base64) else {
                throw AppError.invalid("file.contentBase64", .invalidFormat(expected: .base64))
            }
            upload = UploadedFile(
                fileName: file.fileName ?? "certificate", contentType: file.contentType ?? "application/octet-stream", content: content)
        }
        return CertificateInput(
            type: certificateType, number: number, issuer: issuer, validFrom: validFrom, validTo: validTo, required: required ?? true, file: upload,
            rowVersion: rowVersion)
    }
}

struct CertificateResponse: Codable {
    let id: String
    let partnerId: String
    let certificateType: String
    let number: String
    let issuer: String
    let validFrom: String
    let validTo: String
    let required: Bool
    let standing: PartnerCertificate.Standing
    let hasFile: Bool
    let rowVersion: Int64

    init(_ certificate: PartnerCertificate, day: String) {
        id = certificate.id
        partnerId = certificate.partnerId
        certificateType = certificate.type.rawValue
        number = certificate.number
        issuer = certificate.issuer
        validFrom = certificate.validFrom
        validTo = certificate.validTo
        required = certificate.required
        standing = certificate.standing(on: day)
        hasFile = certificate.fileId != nil
        rowVersion = certificate.rowVersion
    }
}

struct CreditRatingRequest: Decodable {
    let rating: String?
    let reason: String?
}

struct CreditRatingResponse: Codable {
    let rating: CreditRating
    let reason: String
    let setBy: String
    let setAt: Date

    init(_ record: CreditRatingRecord) {
        rating = record.rating
        reason = record.reason
        setBy = record.setBy
        setAt = record.setAt
    }
}

struct ProfileResponse: Codable {
    struct Month: Codable {
        let month: String
        let salesFen: Int64
        let orderCount: Int64
    }

    let partnerId: String
    let certificates: [CertificateResponse]
    let creditRating: CreditRating?
    let creditHistory: [CreditRatingResponse]
    let monthlySales: [Month]

    init(_ details: PartnerProfileDetails) {
        partnerId = details.partner.id
        certificates = details.certificates.map { CertificateResponse($0, day: details.day) }
        creditRating = details.creditRating?.rating
        creditHistory = details.creditRatings.map(CreditRatingResponse.init)
        monthlySales = details.monthlySales.map { Month(month: $0.month, salesFen: $0.sales.fen, orderCount: $0.orderCount) }
    }
}
