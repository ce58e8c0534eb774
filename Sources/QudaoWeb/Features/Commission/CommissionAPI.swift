import Foundation
import Hummingbird
import QudaoApp
import QudaoCore

/// The API of commission and settlement: rules and simulation, records with explanations,
/// settlement preview and run, statements with downloads, bank payouts and payout settings.
struct CommissionAPI {
    let services: WebServices

    var endpoints: [Endpoint] {
        [
            Endpoint(.get, "/api/v1/commission/rules", "The commission rule in force and every version (HQ)", tag: .commission, listCommissionRules),
            Endpoint(
                .post, "/api/v1/commission/rules",
                "Publish a new rule version (HQ admin or finance): rates 0–10000 bp, their sum within the cap, bonus tiers strictly increasing, effective now or later and not before a scheduled version; 202 when the second approver covers rules",
                tag: .commission, body: RuleRequest.self, status: .created, publishCommissionRule),
            Endpoint(
                .post, "/api/v1/commission/rules/simulate", "Recompute a past month's paid orders under a draft rule; nothing is written (HQ)",
                tag: .commission, body: RuleRequest.self, simulateCommissionRule),
            Endpoint(
                .get, "/api/v1/commission/summary", "The caller's partner's commission: frozen, settleable, settled (a partner with finance view)",
                tag: .commission, showCommissionSummary),
            Endpoint(
                .get, "/api/v1/commissions", "Commission records (HQ finance: all; a partner: its own), newest first", tag: .commission,
                parameters: Endpoint.Parameter.paging + [
                    .query("state", oneOf: CommissionState.self), .query("kind", oneOf: CommissionKind.self),
                    .query("month", .string(example: "2026-10"), "Records settleable (or, when frozen, created) in this month"),
                    .query("orderNumber"), .query("partnerId", .string(), "HQ only"), .query("statementId"),
                ], listCommissions),
            Endpoint(
                .get, "/api/v1/commissions/{id}", "One record with its explanation: every line's base and rate, the sum and the rounding",
                tag: .commission, parameters: [.id(prefix: "com")], showCommission),
            Endpoint(.get, "/api/v1/settlements", "Settlement runs, newest month first (HQ finance)", tag: .settlement, listSettlements),
            Endpoint(
                .get, "/api/v1/settlements/{month}/preview", "What the run for a month would settle, without writing (HQ finance)", tag: .settlement,
                parameters: [.month()], previewSettlement),
            Endpoint(
                .post, "/api/v1/settlements/{month}/run",
                "Run or resume a month's settlement now (HQ finance); 409 when the month is already settled or another run holds the lock, 422 for a month that has not ended",
                tag: .settlement, parameters: [.month()], runSettlement),
            Endpoint(
                .get, "/api/v1/statements", "Settlement statements (HQ finance: all; a partner: its own)", tag: .settlement,
                parameters: Endpoint.Parameter.paging + [
                    .query("month", .string(example: "2026-10")), .query("status", oneOf: StatementRecord.Status.self),
                    .query("partnerId", .string(), "HQ only"),
                ], listStatements),
            Endpoint(
                .get, "/api/v1/statements/{id}", "One statement with its records", tag: .settlement, parameters: [.id(prefix: "stm")], showStatement),
            Endpoint(
                .get, "/api/v1/statements/{id}/download", "A statement as .xlsx (summary and records) or .csv (records)", tag: .settlement,
                parameters: [.id(prefix: "stm"), .query("format", .enumeration(["xlsx", "csv"]))],
                produces: ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "text/csv"], downloadStatement),
            Endpoint(
                .post, "/api/v1/statements/{id}/mark-paid", "The bank paid a payout (HQ finance): once, never twice", tag: .settlement,
                parameters: [.id(prefix: "stm")], markStatementPaid),
            Endpoint(
                .post, "/api/v1/statements/{id}/mark-failed", "The bank refused a payout, with its reason (HQ finance)", tag: .settlement,
                parameters: [.id(prefix: "stm")], body: ReasonRequest.self, markStatementFailed),
            Endpoint(
                .post, "/api/v1/statements/{id}/retry", "Try a failed payout again (HQ finance)", tag: .settlement, parameters: [.id(prefix: "stm")],
                retryStatementPayout),
            Endpoint(
                .post, "/api/v1/payouts/export",
                "The bank payout file of every statement awaiting payout, with full account numbers (HQ finance; audited)", tag: .settlement,
                parameters: [.query("format", .enumeration(["xlsx", "csv"]))],
                produces: ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "text/csv"], exportPayouts),
            Endpoint(
                .get, "/api/v1/payout-settings", "Where a partner's commission goes (HQ finance: any partner; a partner: its own)", tag: .settlement,
                parameters: [.query("partnerId")], showPayoutSettings),
            Endpoint(
                .put, "/api/v1/payout-settings",
                "Set the payout method: prepaid balance, or a bank account (HQ finance, or the partner's owner with the payment password; audited); HQ setting a bank account answers 202 while the second approver covers payout accounts",
                tag: .settlement,
                body: PayoutSettingsRequest.self, replacePayoutSettings),
        ]
    }

    @Sendable func listCommissionRules(_ request: Request, _ context: QudaoRequestContext) async throws -> RulesResponse {
        let caller = try context.caller
        let (current, versions) = try await services.commissions.rules(caller)
        return RulesResponse(current: RuleResponse(current), versions: versions.map(RuleResponse.init))
    }

    @Sendable func publishCommissionRule(_ request: Request, _ context: QudaoRequestContext, _ body: RuleRequest) async throws -> Held<RuleResponse> {
        let caller = try context.caller
        let submission = try await services.commissions.publish(caller, body.input)
        return try await services.held(submission, RuleResponse.init)
    }

    @Sendable func simulateCommissionRule(_ request: Request, _ context: QudaoRequestContext, _ body: RuleRequest) async throws -> SimulationResponse
    {
        let caller = try context.caller
        return SimulationResponse(try await services.commissions.simulate(caller, body.input, month: body.month))
    }

    @Sendable func showCommissionSummary(_ request: Request, _ context: QudaoRequestContext) async throws -> SummaryResponse {
        let caller = try context.caller
        return SummaryResponse(try await services.commissions.summary(caller))
    }

    @Sendable func listCommissions(_ request: Request, _ context: QudaoRequestContext) async throws -> PageResponse<CommissionRecordResponse> {
        let caller = try context.caller
        let filter = try CommissionViews.filter(request, partnerId: request.query("partnerId"))
        let list = try await services.commissions.records(caller, filter: filter, page: request.pageRequest)
        let numbers = try await services.commissions.documentNumbers(
            orderIds: list.items.compactMap(\.orderId), statementIds: list.items.compactMap(\.statementId))
        return PageResponse(list) { CommissionRecordResponse($0, numbers: numbers) }
    }

    @Sendable func showCommission(_ request: Request, _ context: QudaoRequestContext) async throws -> CommissionDetailResponse {
        let caller = try context.caller
        let view = try await services.commissions.record(caller, id: try context.parameters.require("id"))
        return CommissionDetailResponse(view)
    }

    @Sendable func listSettlements(_ request: Request, _ context: QudaoRequestContext) async throws -> ItemsResponse<RunResponse> {
        let caller = try context.caller
        return ItemsResponse(items: try await services.settlement.runs(caller).map(RunResponse.init))
    }

    @Sendable func previewSettlement(_ request: Request, _ context: QudaoRequestContext) async throws -> PreviewResponse {
        let caller = try context.caller
        let month = try BusinessMonth.parse(try context.parameters.require("month"))
        return PreviewResponse(try await services.settlement.preview(caller, month: month))
    }

    @Sendable func runSettlement(_ request: Request, _ context: QudaoRequestContext) async throws -> OutcomeResponse {
        let caller = try context.caller
        let month = try BusinessMonth.parse(try context.parameters.require("month"))
        guard let outcome = try await services.settlement.run(caller, month: month) else {
            throw AppError.conflict(reason: .settlementRunInProgress)
        }
        // A month settled before is reported, never run again.
        if outcome.alreadyComplete { throw AppError.conflict(reason: .monthSettled(month: month.description)) }
        return OutcomeResponse(outcome)
    }

    @Sendable func listStatements(_ request: Request, _ context: QudaoRequestContext) async throws -> PageResponse<StatementResponse> {
        let caller = try context.caller
        var validator = Validator()
        let status = validator.oneOf("status", request.query("status"), as: StatementRecord.Status.self, required: false)
        if let month = request.query("month"), BusinessMonth(month) == nil {
            validator.add("month", .invalidFormat(expected: .month))
        }
        if !validator.errors.isEmpty { throw AppError.validation(ValidationFailure(validator.errors)) }
        let list = try await services.settlement.statements(
            caller, partnerId: request.query("partnerId"), month: request.query("month"), status: status, page: request.pageRequest)
        return PageResponse(list, StatementResponse.init)
    }

    @Sendable func showStatement(_ request: Request, _ context: QudaoRequestContext) async throws -> StatementDetailResponse {
        let caller = try context.caller
        let detail = try await services.settlement.statement(caller, id: try context.parameters.require("id"))
        let numbers = try await services.commissions.documentNumbers(
            orderIds: detail.records.compactMap(\.orderId), statementIds: [detail.statement.id])
        return StatementDetailResponse(
            statement: StatementResponse(detail.statement), records: detail.records.map { CommissionRecordResponse($0, numbers: numbers) })
    }

    @Sendable func downloadStatement(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        return try await StatementPage(services: services).download(request, context, caller: caller)
    }

    @Sendable func markStatementPaid(_ request: Request, _ context: QudaoRequestContext) async throws -> StatementResponse {
        let caller = try context.caller
        return StatementResponse(try await services.settlement.markPaid(caller, statementId: try context.parameters.require("id")))
    }

    @Sendable func markStatementFailed(_ request: Request, _ context: QudaoRequestContext, _ body: ReasonRequest) async throws -> StatementResponse {
        let caller = try context.caller
        return StatementResponse(
            try await services.settlement.markFailed(caller, statementId: try context.parameters.require("id"), reason: body.reason))
    }

    @Sendable func retryStatementPayout(_ request: Request, _ context: QudaoRequestContext) async throws -> StatementResponse {
        let caller = try context.caller
        return StatementResponse(try await services.settlement.retry(caller, statementId: try context.parameters.require("id")))
    }

    @Sendable func exportPayouts(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        let format = try ExportFormat.requested(request, allowed: ExportFormat.payoutFormats)
        let lines = try await services.settlement.exportPayouts(caller)
        return try CommissionViews.payoutFile(lines, format: format, language: context.language, at: services.platform.clock.now())
    }

    @Sendable func showPayoutSettings(_ request: Request, _ context: QudaoRequestContext) async throws -> PayoutSettingsResponse {
        let caller = try context.caller
        return PayoutSettingsResponse(try await services.settlement.payoutSettings(caller, partnerId: request.query("partnerId")))
    }

    @Sendable func replacePayoutSettings(
        _ request: Request, _ context: QudaoRequestContext, _ body: PayoutSettingsRequest
    ) async throws -> Held<PayoutSettingsResponse> {
        let caller = try context.caller
        let submission = try await services.settlement.setPayoutSettings(
            caller, partnerId: body.partnerId, method: body.method, accountName: body.accountName, bankName: body.bankName,
            accountNumber: body.accountNumber, paymentPassword: body.paymentPassword)
        return try await services.held(submission, PayoutSettingsResponse.init)
    }

}

// MARK: - Bodies
