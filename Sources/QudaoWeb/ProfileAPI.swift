import Foundation
import Hummingbird
import QudaoApp
import QudaoCore
import QudaoStore

/// Partner profiles through the API: certificates, credit ratings, monthly sales.
struct ProfileAPI {
    let services: WebServices
    let helper: APIRoutes

    func register(on api: RouterGroup<QudaoRequestContext>) {
        let profiles = ProfileService(platform: services.platform)
        api.get("partner-profile") { request, context in
            let caller = try services.caller(request, context)
            return try JSONResponse.make(ProfileBody(try await profiles.details(caller, partnerId: request.query("partnerId"))))
        }
        api.post("partners/{id}/certificates") { request, context in
            let caller = try services.caller(request, context)
            let body = try await decodeLarge(CertificateBody.self, request, context)
            let certificate = try await profiles.addCertificate(caller, partnerId: try context.parameters.require("id"), try body.input())
            return try JSONResponse.make(CertificateResponse(certificate, day: BusinessTime.dayText(services.platform.clock.now())), status: .created)
        }
        api.put("certificates/{id}") { request, context in
            let caller = try services.caller(request, context)
            let body = try await decodeLarge(CertificateBody.self, request, context)
            let certificate = try await profiles.updateCertificate(caller, id: try context.parameters.require("id"), try body.input())
            return try JSONResponse.make(CertificateResponse(certificate, day: BusinessTime.dayText(services.platform.clock.now())))
        }
        api.delete("certificates/{id}") { request, context in
            let caller = try services.caller(request, context)
            try await profiles.removeCertificate(caller, id: try context.parameters.require("id"))
            return Response(status: .noContent)
        }
        api.get("certificates/{id}/file") { request, context in
            let caller = try services.caller(request, context)
            return FileResponse.make(try await profiles.certificateFile(caller, id: try context.parameters.require("id")))
        }
        api.post("partners/{id}/credit-rating") { request, context in
            let caller = try services.caller(request, context)
            let body = try await helper.decode(CreditRatingBody.self, request, context)
            let record = try await profiles.setCreditRating(
                caller, partnerId: try context.parameters.require("id"), rating: body.rating, reason: body.reason)
            return try JSONResponse.make(CreditRatingResponse(record), status: .created)
        }
    }

    /// Certificates may carry a scan, so their bodies get the upload limit.
    func decodeLarge<Body: Decodable>(_ type: Body.Type, _ request: Request, _ context: QudaoRequestContext) async throws -> Body {
        try await MoneyPathAPI(services: services, helper: helper).decodeLarge(type, request, context)
    }
}

struct CertificateBody: Decodable {
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
                throw AppError.invalid("file.contentBase64", .invalidFormat(expected: "base64"))
            }
            upload = UploadedFile(
                fileName: file.fileName ?? "certificate", contentType: file.contentType ?? "application/octet-stream", content: content)
        }
        return CertificateInput(
            type: certificateType, number: number, issuer: issuer, validFrom: validFrom, validTo: validTo, required: required ?? true, file: upload,
            rowVersion: rowVersion)
    }
}

struct CertificateResponse: Encodable {
    let id: String
    let partnerId: String
    let certificateType: String
    let number: String
    let issuer: String
    let validFrom: String
    let validTo: String
    let required: Bool
    let standing: String
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
        standing = certificate.standing(on: day).rawValue
        hasFile = certificate.fileId != nil
        rowVersion = certificate.rowVersion
    }
}

struct CreditRatingBody: Decodable {
    let rating: String?
    let reason: String?
}

struct CreditRatingResponse: Encodable {
    let rating: String
    let reason: String
    let setBy: String
    let setAt: Date

    init(_ record: CreditRatingRecord) {
        rating = record.rating.rawValue
        reason = record.reason
        setBy = record.setBy
        setAt = record.setAt
    }
}

struct ProfileBody: Encodable {
    struct Month: Encodable {
        let month: String
        let salesFen: Int64
        let orderCount: Int64
    }

    let partnerId: String
    let certificates: [CertificateResponse]
    let creditRating: String?
    let creditHistory: [CreditRatingResponse]
    let monthlySales: [Month]

    init(_ details: PartnerProfileDetails) {
        partnerId = details.partner.id
        certificates = details.certificates.map { CertificateResponse($0, day: details.day) }
        creditRating = details.creditRating?.rating.rawValue
        creditHistory = details.creditRatings.map(CreditRatingResponse.init)
        monthlySales = details.monthlySales.map { Month(month: $0.month, salesFen: $0.sales.fen, orderCount: $0.orderCount) }
    }
}
