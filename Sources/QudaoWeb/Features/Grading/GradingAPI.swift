import Foundation
import Hummingbird
import QudaoApp
import QudaoCore

/// Grading, the channel policy and follow-up tasks through the API.
struct GradingAPI {
    let services: WebServices

    var grading: GradingService { services.grading }
    var followUps: FollowUpService { services.followUps }

    var endpoints: [Endpoint] {
        [
            Endpoint(.get, "/api/v1/grading", "How many partners hold each grade, and the latest grading runs (HQ)", tag: .grading, showGrading),
            Endpoint(
                .post, "/api/v1/grading/run",
                "Grade every active partner now (HQ admin or operations); grading the same day again replaces its grades, never doubles tasks or notifications",
                tag: .grading, optionalBody: DayRequest.self, runGrading),
            Endpoint(
                .get, "/api/v1/channel-policy", "Grading thresholds, replenishment lead time and review period, certificate blocking (HQ)",
                tag: .grading, showChannelPolicy),
            Endpoint(
                .put, "/api/v1/channel-policy", "Replace the channel policy (HQ admin or operations; audited)", tag: .grading,
                body: ChannelPolicyRequest.self, replaceChannelPolicy),
            Endpoint(
                .get, "/api/v1/partner-grades",
                "A partner's current grade, the figures of its latest grading and the days its grade changed (HQ: any partner; a partner: its own only)",
                tag: .grading,
                parameters: Endpoint.Parameter.paging + [
                    .query("partnerId", .string(), "HQ: the partner (id or code, required); a partner: omitted or its own")
                ], showPartnerGrades),
            Endpoint(
                .get, "/api/v1/follow-ups", "Follow-up tasks opened by warnings, open ones first (HQ: all; a partner: its own)", tag: .grading,
                parameters: Endpoint.Parameter.paging + [
                    .query("status", oneOf: FollowUpStatus.self), .query("partnerId"),
                    .query("mine", .enumeration(["1"]), "1: assigned to the caller"),
                ], listFollowUps),
            Endpoint(
                .get, "/api/v1/follow-ups/{id}", "One task with the grade that opened it and its notes", tag: .grading,
                parameters: [.id(prefix: "fut")], showFollowUp),
            Endpoint(
                .post, "/api/v1/follow-ups/{id}/assign",
                "Assign an open task to an HQ admin or operations account (login name or id; empty clears it)", tag: .grading,
                parameters: [.id(prefix: "fut")], body: AssignRequest.self, assignFollowUp),
            Endpoint(
                .post, "/api/v1/follow-ups/{id}/comments", "Add a note to an open task (HQ operations; the partner on its own task)", tag: .grading,
                parameters: [.id(prefix: "fut")], body: CommentRequest.self, status: .created, commentOnFollowUp),
            Endpoint(
                .post, "/api/v1/follow-ups/{id}/close", "Close an open task with its resolution (HQ admin or operations), once", tag: .grading,
                parameters: [.id(prefix: "fut")], body: ResolutionRequest.self, closeFollowUp),
        ]
    }

    @Sendable func showGrading(_ request: Request, _ context: QudaoRequestContext) async throws -> GradingOverviewResponse {
        let caller = try context.caller
        let overview = try await grading.overview(caller)
        return GradingOverviewResponse(
            distribution: Dictionary(uniqueKeysWithValues: Grade.allCases.map { ($0.rawValue, overview.distribution[$0] ?? 0) }),
            runs: overview.runs.map(GradingRunResponse.init))
    }

    @Sendable func runGrading(_ request: Request, _ context: QudaoRequestContext, _ body: DayRequest?) async throws -> GradingOutcomeResponse {
        let caller = try context.caller
        guard let outcome = try await grading.run(caller, day: body?.day) else {
            throw AppError.conflict(reason: .gradingRunInProgress)
        }
        return GradingOutcomeResponse(day: outcome.day, partnersGraded: outcome.partnersGraded, warningsEntered: outcome.warningsEntered)
    }

    @Sendable func showChannelPolicy(_ request: Request, _ context: QudaoRequestContext) async throws -> ChannelPolicyResponse {
        let caller = try context.caller
        guard caller.principal.kind == .hq else { throw AppError.forbidden }
        return ChannelPolicyResponse(try await grading.policy())
    }

    @Sendable func replaceChannelPolicy(
        _ request: Request, _ context: QudaoRequestContext, _ body: ChannelPolicyRequest
    ) async throws -> ChannelPolicyResponse {
        let caller = try context.caller
        return ChannelPolicyResponse(try await grading.setPolicy(caller, input: body.input))
    }

    @Sendable func showPartnerGrades(_ request: Request, _ context: QudaoRequestContext) async throws -> PartnerGradingResponse {
        let caller = try context.caller
        let view = try await grading.partnerGrading(caller, partnerId: request.query("partnerId"), page: request.pageRequest)
        return PartnerGradingResponse(view)
    }

    @Sendable func listFollowUps(_ request: Request, _ context: QudaoRequestContext) async throws -> PageResponse<FollowUpResponse> {
        let caller = try context.caller
        var filter = FollowUpFilter(
            status: request.query("status").flatMap(FollowUpStatus.init(rawValue:)), partnerId: request.query("partnerId"))
        if request.query("mine") == "1" { filter.assigneeAccountId = caller.principal.accountId }
        return PageResponse(try await followUps.list(caller, filter: filter, page: request.pageRequest), FollowUpResponse.init)
    }

    @Sendable func showFollowUp(_ request: Request, _ context: QudaoRequestContext) async throws -> FollowUpDetailResponse {
        let caller = try context.caller
        return FollowUpDetailResponse(try await followUps.view(caller, id: try context.parameters.require("id")))
    }

    @Sendable func assignFollowUp(_ request: Request, _ context: QudaoRequestContext, _ body: AssignRequest) async throws -> FollowUpResponse {
        let caller = try context.caller
        return FollowUpResponse(
            try await followUps.assign(caller, id: try context.parameters.require("id"), assignee: body.assignee, rowVersion: body.rowVersion)
        )
    }

    @Sendable func commentOnFollowUp(
        _ request: Request, _ context: QudaoRequestContext, _ body: CommentRequest
    ) async throws -> FollowUpCommentResponse {
        let caller = try context.caller
        let comment = try await followUps.comment(caller, id: try context.parameters.require("id"), body: body.body)
        return FollowUpCommentResponse(comment)
    }

    @Sendable func closeFollowUp(_ request: Request, _ context: QudaoRequestContext, _ body: ResolutionRequest) async throws -> FollowUpResponse {
        let caller = try context.caller
        return FollowUpResponse(try await followUps.close(caller, id: try context.parameters.require("id"), resolution: body.resolution))
    }
}
