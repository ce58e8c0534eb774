import Foundation
import Hummingbird
import QudaoApp
import QudaoCore

/// The audit log and the platform's settings.
struct AdminAPI {
    let services: WebServices

    var endpoints: [Endpoint] {
        [
            Endpoint(
                .get, "/api/v1/audit-log", "The operation audit log, newest first (HQ admin)", tag: .audit,
                parameters: Endpoint.Parameter.paging + [.query("username"), .query("action"), .query("entityType"), .query("entityId")], listAuditLog
            ),
            Endpoint(.get, "/api/v1/settings", "Platform settings (HQ)", tag: .settings, showSettings),
            Endpoint(
                .patch, "/api/v1/settings",
                "Change the tree depth, prepaid rules, retention, the second approver, order windows or the statements' automatic confirmation (HQ admin; prepaid rules and reconciliation: HQ finance too)",
                tag: .settings, body: SettingsRequest.self, updateSettings),
        ]
    }

    @Sendable func listAuditLog(_ request: Request, _ context: QudaoRequestContext) async throws -> PageResponse<AuditEntryResponse> {
        let caller = try context.caller
        let filter = AuditFilter(
            username: request.query("username"), action: request.query("action"), entityType: request.query("entityType"),
            entityId: request.query("entityId"))
        let page = try await services.auditLog.entries(caller, filter: filter, page: request.pageRequest)
        return PageResponse(page, AuditEntryResponse.init)
    }

    @Sendable func showSettings(_ request: Request, _ context: QudaoRequestContext) async throws -> SettingsResponse {
        let caller = try context.caller
        guard caller.principal.kind == .hq else { throw AppError.forbidden }
        return try await settingsBody()
    }

    @Sendable func updateSettings(_ request: Request, _ context: QudaoRequestContext, _ body: SettingsRequest) async throws -> SettingsResponse {
        let caller = try context.caller
        guard caller.principal.kind == .hq else { throw AppError.forbidden }
        if let maxLevels = body.maxLevels { try await services.partners.setMaximumLevels(caller, maxLevels) }
        if let prepaid = body.prepaid { try await services.settings.setPrepaidRules(caller, prepaid.rules) }
        if let retention = body.retention {
            try await services.settings.setRetention(
                caller, RetentionPolicy(orderPersonalDataDays: retention.orderPersonalDataDays, sessionRecordDays: retention.sessionRecordDays))
        }
        if let approvals = body.approvals { try await services.approvals.setPolicy(caller, approvals.policy) }
        if let reconciliation = body.reconciliation {
            try await services.settings.setReconciliation(caller, ReconciliationSettings(autoConfirmDays: reconciliation.autoConfirmDays))
        }
        var held: ApprovalRequest?
        if let windows = body.orderWindows {
            held = try await services.settings.setOrderWindows(
                caller, OrderWindows(autoReceiveDays: windows.autoReceiveDays, returnWindowDays: windows.returnWindowDays)
            ).awaitingApproval
        }
        var settings = try await settingsBody()
        if let held { settings.orderWindowsAwaitingApproval = try await services.approvalResponse(held) }
        return settings
    }

    func settingsBody() async throws -> SettingsResponse {
        let windows = try await services.settings.orderWindows()
        let retention = try await services.settings.retention()
        return SettingsResponse(
            maxLevels: try await services.partners.maximumLevels(), prepaid: PrepaidRulesBody(try await services.settings.prepaidRules()),
            orderWindows: OrderWindowsBody(autoReceiveDays: windows.autoReceiveDays, returnWindowDays: windows.returnWindowDays),
            retention: RetentionBody(
                orderPersonalDataDays: retention.orderPersonalDataDays, sessionRecordDays: retention.sessionRecordDays),
            approvals: ApprovalPolicyBody(try await services.approvals.policy()),
            reconciliation: ReconciliationSettingsBody(autoConfirmDays: try await services.settings.reconciliation().autoConfirmDays))
    }
}
