import Foundation
import Hummingbird
import QudaoApp
import QudaoCore

/// The API of commission and settlement: rules and simulation, records with explanations,
/// settlement preview and run, statements with downloads, bank payouts and payout settings.
struct CommissionAPI {
    let services: WebServices
    let helper: APIRoutes

    func register(on api: RouterGroup<QudaoRequestContext>) {
        registerRules(on: api)
        registerRecords(on: api)
        registerSettlement(on: api)
        registerStatements(on: api)
    }

    func registerRules(on api: RouterGroup<QudaoRequestContext>) {
        api.get("commission/rules") { request, context in
            let caller = try services.caller(request, context)
            let (current, versions) = try await services.commissions.rules(caller)
            return try JSONResponse.make(RulesResponse(current: RuleResponse(current), versions: versions.map(RuleResponse.init)))
        }
        api.post("commission/rules") { request, context in
            let caller = try services.caller(request, context)
            let body = try await helper.decode(RuleRequest.self, request, context)
            return try JSONResponse.make(RuleResponse(try await services.commissions.publish(caller, body.input)), status: .created)
        }
        api.post("commission/rules/simulate") { request, context in
            let caller = try services.caller(request, context)
            let body = try await helper.decode(RuleRequest.self, request, context)
            return try JSONResponse.make(SimulationResponse(try await services.commissions.simulate(caller, body.input, month: body.month)))
        }
    }

    func registerRecords(on api: RouterGroup<QudaoRequestContext>) {
        api.get("commission/summary") { request, context in
            let caller = try services.caller(request, context)
            return try JSONResponse.make(SummaryResponse(try await services.commissions.summary(caller)))
        }
        api.get("commissions") { request, context in
            let caller = try services.caller(request, context)
            let filter = try CommissionViews.filter(request, partnerId: request.query("partnerId"))
            let list = try await services.commissions.records(caller, filter: filter, page: helper.pageRequest(request))
            let numbers = try await services.commissions.documentNumbers(orderIds: list.items.compactMap(\.orderId), statementIds: list.items.compactMap(\.statementId))
            return try JSONResponse.make(PageResponse(list) { CommissionRecordResponse($0, numbers: numbers) })
        }
        api.get("commissions/{id}") { request, context in
            let caller = try services.caller(request, context)
            let view = try await services.commissions.record(caller, id: try context.parameters.require("id"))
            return try JSONResponse.make(CommissionDetailResponse(view))
        }
    }

    func registerSettlement(on api: RouterGroup<QudaoRequestContext>) {
        api.get("settlements") { request, context in
            let caller = try services.caller(request, context)
            return try JSONResponse.make(ItemsResponse(items: try await services.settlement.runs(caller).map(RunResponse.init)))
        }
        api.get("settlements/{month}/preview") { request, context in
            let caller = try services.caller(request, context)
            let month = try BusinessMonth.parse(try context.parameters.require("month"))
            return try JSONResponse.make(PreviewResponse(try await services.settlement.preview(caller, month: month)))
        }
        api.post("settlements/{month}/run") { request, context in
            let caller = try services.caller(request, context)
            let month = try BusinessMonth.parse(try context.parameters.require("month"))
            guard let outcome = try await services.settlement.run(caller, month: month) else {
                throw AppError.conflict(reason: .settlementRunInProgress)
            }
            // A month settled before is reported, never run again.
            if outcome.alreadyComplete { throw AppError.conflict(reason: .monthSettled(month: month.description)) }
            return try JSONResponse.make(OutcomeResponse(outcome))
        }
    }

    func registerStatements(on api: RouterGroup<QudaoRequestContext>) {
        api.get("statements") { request, context in
            let caller = try services.caller(request, context)
            var validator = Validator()
            let status = validator.oneOf("status", request.query("status"), as: StatementRecord.Status.self, required: false)
            if let month = request.query("month"), BusinessMonth(month) == nil {
                validator.add("month", .invalidFormat(expected: .month))
            }
            if !validator.errors.isEmpty { throw AppError.validation(ValidationFailure(validator.errors)) }
            let list = try await services.settlement.statements(
                caller, partnerId: request.query("partnerId"), month: request.query("month"), status: status, page: helper.pageRequest(request))
            return try JSONResponse.make(PageResponse(list, StatementResponse.init))
        }
        api.get("statements/{id}") { request, context in
            let caller = try services.caller(request, context)
            let detail = try await services.settlement.statement(caller, id: try context.parameters.require("id"))
            let numbers = try await services.commissions.documentNumbers(orderIds: detail.records.compactMap(\.orderId), statementIds: [detail.statement.id])
            return try JSONResponse.make(
                StatementDetailResponse(
                    statement: StatementResponse(detail.statement), records: detail.records.map { CommissionRecordResponse($0, numbers: numbers) }))
        }
        api.get("statements/{id}/download") { request, context in
            let caller = try services.caller(request, context)
            return try await StatementPage(services: services).download(request, context, caller: caller)
        }
        api.post("statements/{id}/mark-paid") { request, context in
            let caller = try services.caller(request, context)
            return try JSONResponse.make(
                StatementResponse(try await services.settlement.markPaid(caller, statementId: try context.parameters.require("id"))))
        }
        api.post("statements/{id}/mark-failed") { request, context in
            let caller = try services.caller(request, context)
            let body = try await helper.decode(ReasonRequest.self, request, context)
            return try JSONResponse.make(
                StatementResponse(
                    try await services.settlement.markFailed(caller, statementId: try context.parameters.require("id"), reason: body.reason)))
        }
        api.post("statements/{id}/retry") { request, context in
            let caller = try services.caller(request, context)
            return try JSONResponse.make(
                StatementResponse(try await services.settlement.retry(caller, statementId: try context.parameters.require("id"))))
        }
        api.post("payouts/export") { request, context in
            let caller = try services.caller(request, context)
            let format = try ExportFormat.requested(request, allowed: ExportFormat.payoutFormats)
            let lines = try await services.settlement.exportPayouts(caller)
            return try CommissionViews.payoutFile(lines, format: format, language: context.language, at: services.platform.clock.now())
        }
        api.get("payout-settings") { request, context in
            let caller = try services.caller(request, context)
            return try JSONResponse.make(
                PayoutSettingsResponse(try await services.settlement.payoutSettings(caller, partnerId: request.query("partnerId"))))
        }
        api.put("payout-settings") { request, context in
            let caller = try services.caller(request, context)
            let body = try await helper.decode(PayoutSettingsRequest.self, request, context)
            let settings = try await services.settlement.setPayoutSettings(
                caller, partnerId: body.partnerId, method: body.method, accountName: body.accountName, bankName: body.bankName,
                accountNumber: body.accountNumber)
            return try JSONResponse.make(PayoutSettingsResponse(settings))
        }
    }
}

// MARK: - Bodies
