import Foundation
import Hummingbird
import QudaoApp
import QudaoCore

/// The partner's payment password (支付密码): whether it is set, and setting it (the owner).
struct PaymentPasswordAPI {
    let services: WebServices

    var endpoints: [Endpoint] {
        [
            Endpoint(
                .get, "/api/v1/payment-password", "Whether the caller's partner has a payment password and when it is asked for", tag: .accounts,
                showPaymentPassword),
            Endpoint(
                .put, "/api/v1/payment-password", "Set or change the partner's payment password (the owner, with the sign-in password)",
                tag: .accounts, body: PaymentPasswordRequest.self, replacePaymentPassword),
        ]
    }

    @Sendable func showPaymentPassword(_ request: Request, _ context: QudaoRequestContext) async throws -> PaymentPasswordResponse {
        let caller = try context.caller
        return PaymentPasswordResponse(try await services.paymentPasswords.status(caller))
    }

    @Sendable func replacePaymentPassword(
        _ request: Request, _ context: QudaoRequestContext, _ body: PaymentPasswordRequest
    ) async throws -> PaymentPasswordResponse {
        let caller = try context.caller
        try await services.paymentPasswords.set(
            caller, signInPassword: body.currentPassword, newPassword: body.newPaymentPassword, confirmation: body.paymentPasswordConfirmation)
        return PaymentPasswordResponse(try await services.paymentPasswords.status(caller))
    }
}

struct PaymentPasswordRequest: Decodable {
    /// The owner's sign-in password, confirming it is the owner.
    let currentPassword: String?
    /// Six digits.
    let newPaymentPassword: String?
    /// The same six digits again.
    let paymentPasswordConfirmation: String?
}

struct PaymentPasswordResponse: Codable {
    let isSet: Bool
    let updatedAt: Date?
    /// Prepaid purchase orders above this need the payment password; absent when none do.
    let requiredAboveFen: Int64?
    let callerMaySet: Bool

    init(_ status: PaymentPasswordStatus) {
        isSet = status.isSet
        updatedAt = status.updatedAt
        requiredAboveFen = status.requiredAbove?.fen
        callerMaySet = status.callerMaySet
    }
}
