import Foundation
import Hummingbird
import QudaoApp
import QudaoCore

/// PIPL rights through the API: a person's copy (Art. 45) and erasure (Art. 47).
struct PrivacyAPI {
    let services: WebServices

    var endpoints: [Endpoint] {
        [
            Endpoint(
                .post, "/api/v1/personal-data/copy", "A copy of the personal data held about the person with a phone number (HQ admin), audited",
                tag: .accounts, body: PersonalDataRequest.self, copyPersonalData),
            Endpoint(
                .post, "/api/v1/personal-data/erase",
                "Anonymise the person with a phone number (HQ admin): names, phones and addresses go, amounts and document numbers stay",
                tag: .accounts, body: PersonalDataRequest.self, erasePersonalData),
            Endpoint(
                .get, "/api/v1/personal-data/own", "A copy of the personal data held about the caller's partner's contact (the owner)",
                tag: .accounts, ownPersonalData),
        ]
    }

    @Sendable func copyPersonalData(
        _ request: Request, _ context: QudaoRequestContext, _ body: PersonalDataRequest
    ) async throws -> PersonalDataCopyResponse {
        let caller = try context.caller
        return PersonalDataCopyResponse(try await services.personalData.copy(caller, phone: body.phone))
    }

    @Sendable func erasePersonalData(
        _ request: Request, _ context: QudaoRequestContext, _ body: PersonalDataRequest
    ) async throws -> PersonalDataErasureResponse {
        let caller = try context.caller
        return PersonalDataErasureResponse(try await services.personalData.erase(caller, phone: body.phone))
    }

    @Sendable func ownPersonalData(_ request: Request, _ context: QudaoRequestContext) async throws -> PersonalDataCopyResponse {
        let caller = try context.caller
        return PersonalDataCopyResponse(try await services.personalData.ownCopy(caller))
    }
}
