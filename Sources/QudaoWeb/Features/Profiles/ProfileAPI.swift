import Foundation
import Hummingbird
import QudaoApp
import QudaoCore

/// Partner profiles through the API: certificates, credit ratings, monthly sales.
struct ProfileAPI {
    let services: WebServices
    let helper: APIRoutes

    func register(on api: RouterGroup<QudaoRequestContext>) {
        let profiles = services.profiles
        api.get("partner-profile") { request, context in
            let caller = try services.caller(request, context)
            return try JSONResponse.make(ProfileResponse(try await profiles.details(caller, partnerId: request.query("partnerId"))))
        }
        api.post("partners/{id}/certificates") { request, context in
            let caller = try services.caller(request, context)
            let body = try await helper.decodeLarge(CertificateRequest.self, request, context)
            let certificate = try await profiles.addCertificate(caller, partnerId: try context.parameters.require("id"), try body.input())
            return try JSONResponse.make(CertificateResponse(certificate, day: BusinessTime.dayText(services.platform.clock.now())), status: .created)
        }
        api.put("certificates/{id}") { request, context in
            let caller = try services.caller(request, context)
            let body = try await helper.decodeLarge(CertificateRequest.self, request, context)
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
            let body = try await helper.decode(CreditRatingRequest.self, request, context)
            let record = try await profiles.setCreditRating(
                caller, partnerId: try context.parameters.require("id"), rating: body.rating, reason: body.reason)
            return try JSONResponse.make(CreditRatingResponse(record), status: .created)
        }
    }
}
