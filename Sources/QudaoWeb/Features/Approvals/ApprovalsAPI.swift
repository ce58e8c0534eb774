import Foundation
import Hummingbird
import QudaoApp
import QudaoCore

/// The API of the second HQ approver: the requests and their decisions.
struct ApprovalsAPI {
    let services: WebServices

    var endpoints: [Endpoint] {
        [
            Endpoint(
                .get, "/api/v1/approvals",
                "Requests for a second HQ approver: waiting ones oldest first, then decided ones newest first (HQ finance view)",
                tag: .approvals,
                parameters: Endpoint.Parameter.paging + [
                    .query("status", oneOf: ApprovalRequest.Status.self), .query("action", oneOf: ApprovalAction.self),
                ], listApprovals),
            Endpoint(
                .get, "/api/v1/approvals/{id}", "One request, with the change it holds (a bank account masked)", tag: .approvals,
                parameters: [.id(prefix: "apr")], showApproval),
            Endpoint(
                .post, "/api/v1/approvals/{id}/approve",
                "Approve a waiting request and carry out its action in the same transaction (HQ finance or admin other than the requester)",
                tag: .approvals, parameters: [.id(prefix: "apr")], approve),
            Endpoint(
                .post, "/api/v1/approvals/{id}/reject",
                "Reject a waiting request, with an optional reason (HQ finance or admin other than the requester)",
                tag: .approvals, parameters: [.id(prefix: "apr")], optionalBody: ReasonRequest.self, reject),
            Endpoint(
                .post, "/api/v1/approvals/{id}/withdraw", "Withdraw one's own waiting request", tag: .approvals, parameters: [.id(prefix: "apr")],
                withdraw),
        ]
    }

    @Sendable func listApprovals(_ request: Request, _ context: QudaoRequestContext) async throws -> PageResponse<ApprovalResponse> {
        let caller = try context.caller
        let filter = ApprovalFilter(
            status: request.query("status").flatMap(ApprovalRequest.Status.init(rawValue:)),
            action: request.query("action").flatMap(ApprovalAction.init(rawValue:)))
        let list = try await services.approvals.requests(caller, filter: filter, page: request.pageRequest)
        let names = try await services.approvals.names(list.items)
        return PageResponse(list) { ApprovalResponse($0, names: names) }
    }

    @Sendable func showApproval(_ request: Request, _ context: QudaoRequestContext) async throws -> ApprovalResponse {
        let caller = try context.caller
        return try await respond(try await services.approvals.request(caller, id: try context.parameters.require("id")))
    }

    @Sendable func approve(_ request: Request, _ context: QudaoRequestContext) async throws -> ApprovalResponse {
        let caller = try context.caller
        return try await respond(try await services.approvals.approve(caller, id: try context.parameters.require("id")))
    }

    @Sendable func reject(_ request: Request, _ context: QudaoRequestContext, _ body: ReasonRequest?) async throws -> ApprovalResponse {
        let caller = try context.caller
        return try await respond(try await services.approvals.reject(caller, id: try context.parameters.require("id"), reason: body?.reason))
    }

    @Sendable func withdraw(_ request: Request, _ context: QudaoRequestContext) async throws -> ApprovalResponse {
        let caller = try context.caller
        return try await respond(try await services.approvals.withdraw(caller, id: try context.parameters.require("id")))
    }

    private func respond(_ approval: ApprovalRequest) async throws -> ApprovalResponse {
        try await services.approvalResponse(approval)
    }
}

extension WebServices {
    /// A request as the API shows it, with the names of the people and the partner it names.
    func approvalResponse(_ request: ApprovalRequest) async throws -> ApprovalResponse {
        ApprovalResponse(request, names: try await approvals.names([request]))
    }

    /// The answer of an action a second approver may hold: its result, or the waiting request.
    func held<Value, Output>(_ submission: Submission<Value>, _ transform: (Value) throws -> Output) async throws -> Held<Output> {
        switch submission {
        case .applied(let value): .done(try transform(value))
        case .awaitingApproval(let request): .awaitingApproval(try await approvalResponse(request))
        }
    }
}

/// A request for a second HQ approver.
struct ApprovalResponse: Codable {
    let id: String
    /// The number people use: AP-YYYYMMDD-NNNNNNN.
    let number: String
    let action: ApprovalAction
    let status: ApprovalRequest.Status
    let partnerId: String?
    /// The partner's code and name.
    let partnerName: String?
    /// The rule version to publish (commission rules).
    let commissionRule: RuleResponse?
    /// The payout settings to set, the account number masked (payout accounts).
    let payoutSettings: PayoutSettingsResponse?
    /// The credit to post (prepaid credits).
    let prepaidCredit: PrepaidCreditResponse?
    let note: String?
    let requestedByAccountId: String
    let requestedByName: String?
    let requestedAt: Date
    let decidedByAccountId: String?
    let decidedByName: String?
    let decidedAt: Date?
    let decisionNote: String?
    /// What the approval made: `v7` for a rule version, the partner code for payout settings, the
    /// adjustment reference for a credit.
    let result: String?

    init(_ request: ApprovalRequest, names: [String: String]) {
        id = request.id
        number = request.number
        action = request.change.action
        status = request.status
        partnerId = request.change.partnerId
        partnerName = request.change.partnerId.flatMap { names[$0] }
        switch request.change {
        case .commissionRule(let rule):
            commissionRule = RuleResponse(rule)
            payoutSettings = nil
            prepaidCredit = nil
        case .payoutAccount(_, let method, let accountName, let bankName, let accountNumber):
            commissionRule = nil
            payoutSettings = PayoutSettingsResponse(
                PayoutSettings(method: method, accountName: accountName, bankName: bankName, accountNumber: accountNumber))
            prepaidCredit = nil
        case .prepaidCredit(_, let amount, let reason):
            commissionRule = nil
            payoutSettings = nil
            prepaidCredit = PrepaidCreditResponse(amountFen: amount.fen, reason: reason)
        }
        note = request.note
        requestedByAccountId = request.requestedByAccountId
        requestedByName = names[request.requestedByAccountId]
        requestedAt = request.requestedAt
        decidedByAccountId = request.decidedByAccountId
        decidedByName = request.decidedByAccountId.flatMap { names[$0] }
        decidedAt = request.decidedAt
        decisionNote = request.decisionNote
        result = request.resultReference
    }
}

/// A direct prepaid credit waiting for approval.
struct PrepaidCreditResponse: Codable {
    let amountFen: Int64
    let reason: String
}
