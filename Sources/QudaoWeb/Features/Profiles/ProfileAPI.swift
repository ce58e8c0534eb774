import Foundation
import Hummingbird
import QudaoApp
import QudaoCore

/// Partner profiles through the API: certificates, credit ratings, monthly sales.
struct ProfileAPI {
    let services: WebServices

    var profiles: ProfileService { services.profiles }

    var endpoints: [Endpoint] {
        [
            Endpoint(
                .get, "/api/v1/partner-profile",
                "A partner's certificates (with their standing today), credit rating and history, and net sales of the last 12 months (HQ: any partner; a partner: its own only)",
                tag: .profiles, parameters: [.query("partnerId", .string(), "HQ: the partner (id or code, required); a partner: omitted or its own")],
                showPartnerProfile),
            Endpoint(
                .post, "/api/v1/partners/{id}/certificates", "Record a qualification certificate (HQ admin or operations; audited)", tag: .profiles,
                parameters: [.id(prefix: "prt")], body: CertificateRequest.self, bodySize: .base64File(maximumBytes: WebServices.maximumUploadBytes),
                status: .created, addCertificate),
            Endpoint(
                .put, "/api/v1/certificates/{id}", "Renew or correct a certificate (a new scan replaces the old; none keeps it)", tag: .profiles,
                parameters: [.id(prefix: "crt")], body: CertificateRequest.self, bodySize: .base64File(maximumBytes: WebServices.maximumUploadBytes),
                replaceCertificate),
            Endpoint(
                .delete, "/api/v1/certificates/{id}", "Remove a certificate from the profile (kept for the record; audited)", tag: .profiles,
                parameters: [.id(prefix: "crt")], deleteCertificate),
            Endpoint(
                .get, "/api/v1/certificates/{id}/file", "A certificate's scan (HQ, or the partner itself)", tag: .profiles,
                parameters: [.id(prefix: "crt")], produces: UploadedFile.acceptedContentTypes, downloadCertificate),
            Endpoint(
                .post, "/api/v1/partners/{id}/credit-rating",
                "Set a partner's credit rating with the reason (HQ admin, operations or finance; kept as history; audited)", tag: .profiles,
                parameters: [.id(prefix: "prt")], body: CreditRatingRequest.self, status: .created, rateCredit),
        ]
    }

    @Sendable func showPartnerProfile(_ request: Request, _ context: QudaoRequestContext) async throws -> ProfileResponse {
        let caller = try context.caller
        return ProfileResponse(try await profiles.details(caller, partnerId: request.query("partnerId")))
    }

    @Sendable func addCertificate(_ request: Request, _ context: QudaoRequestContext, _ body: CertificateRequest) async throws -> CertificateResponse
    {
        let caller = try context.caller
        let certificate = try await profiles.addCertificate(caller, partnerId: try context.parameters.require("id"), try body.input())
        return CertificateResponse(certificate, day: BusinessTime.dayText(services.platform.clock.now()))
    }

    @Sendable func replaceCertificate(
        _ request: Request, _ context: QudaoRequestContext, _ body: CertificateRequest
    ) async throws -> CertificateResponse {
        let caller = try context.caller
        let certificate = try await profiles.updateCertificate(caller, id: try context.parameters.require("id"), try body.input())
        return CertificateResponse(certificate, day: BusinessTime.dayText(services.platform.clock.now()))
    }

    @Sendable func deleteCertificate(_ request: Request, _ context: QudaoRequestContext) async throws -> NoContent {
        let caller = try context.caller
        try await profiles.removeCertificate(caller, id: try context.parameters.require("id"))
        return NoContent()
    }

    @Sendable func downloadCertificate(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        return FileResponse.make(try await profiles.certificateFile(caller, id: try context.parameters.require("id")))
    }

    @Sendable func rateCredit(_ request: Request, _ context: QudaoRequestContext, _ body: CreditRatingRequest) async throws -> CreditRatingResponse {
        let caller = try context.caller
        let record = try await profiles.setCreditRating(
            caller, partnerId: try context.parameters.require("id"), rating: body.rating, reason: body.reason)
        return CreditRatingResponse(record)
    }
}
