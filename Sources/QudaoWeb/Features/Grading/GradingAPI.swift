import Foundation
import Hummingbird
import QudaoApp
import QudaoCore

/// Grading, the channel policy and follow-up tasks through the API.
struct GradingAPI {
    let services: WebServices
    let helper: APIRoutes

    func register(on api: RouterGroup<QudaoRequestContext>) {
        let grading = services.grading
        let followUps = services.followUps
        api.get("grading") { request, context in
            let caller = try services.caller(request, context)
            let overview = try await grading.overview(caller)
            return try JSONResponse.make(
                GradingOverviewResponse(
                    distribution: Dictionary(uniqueKeysWithValues: Grade.allCases.map { ($0.rawValue, overview.distribution[$0] ?? 0) }),
                    runs: overview.runs.map(GradingRunResponse.init)))
        }
        api.post("grading/run") { request, context in
            let caller = try services.caller(request, context)
            let body = try await helper.decodeOptional(DayRequest.self, request, context)
            guard let outcome = try await grading.run(caller, day: body?.day) else {
                throw AppError.conflict(reason: .gradingRunInProgress)
            }
            return try JSONResponse.make(
                GradingOutcomeResponse(day: outcome.day, partnersGraded: outcome.partnersGraded, warningsEntered: outcome.warningsEntered))
        }
        api.get("channel-policy") { request, context in
            let caller = try services.caller(request, context)
            guard caller.principal.kind == .hq else { throw AppError.forbidden }
            return try JSONResponse.make(ChannelPolicyResponse(try await grading.policy()))
        }
        api.put("channel-policy") { request, context in
            let caller = try services.caller(request, context)
            let body = try await helper.decode(ChannelPolicyRequest.self, request, context)
            return try JSONResponse.make(ChannelPolicyResponse(try await grading.setPolicy(caller, input: body.input)))
        }
        api.get("partner-grades") { request, context in
            let caller = try services.caller(request, context)
            let view = try await grading.partnerGrading(caller, partnerId: request.query("partnerId"), page: helper.pageRequest(request))
            return try JSONResponse.make(PartnerGradingResponse(view))
        }
        api.get("follow-ups") { request, context in
            let caller = try services.caller(request, context)
            var filter = FollowUpFilter(
                status: request.query("status").flatMap(FollowUpStatus.init(rawValue:)), partnerId: request.query("partnerId"))
            if request.query("mine") == "1" { filter.assigneeAccountId = caller.principal.accountId }
            return try JSONResponse.make(
                PageResponse(try await followUps.list(caller, filter: filter, page: helper.pageRequest(request)), FollowUpResponse.init))
        }
        api.get("follow-ups/{id}") { request, context in
            let caller = try services.caller(request, context)
            return try JSONResponse.make(FollowUpDetailResponse(try await followUps.view(caller, id: try context.parameters.require("id"))))
        }
        api.post("follow-ups/{id}/assign") { request, context in
            let caller = try services.caller(request, context)
            let body = try await helper.decode(AssignRequest.self, request, context)
            return try JSONResponse.make(
                FollowUpResponse(
                    try await followUps.assign(caller, id: try context.parameters.require("id"), assignee: body.assignee, rowVersion: body.rowVersion)
                ))
        }
        api.post("follow-ups/{id}/comments") { request, context in
            let caller = try services.caller(request, context)
            let body = try await helper.decode(CommentRequest.self, request, context)
            let comment = try await followUps.comment(caller, id: try context.parameters.require("id"), body: body.body)
            return try JSONResponse.make(FollowUpCommentResponse(comment), status: .created)
        }
        api.post("follow-ups/{id}/close") { request, context in
            let caller = try services.caller(request, context)
            let body = try await helper.decode(ResolutionRequest.self, request, context)
            return try JSONResponse.make(
                FollowUpResponse(try await followUps.close(caller, id: try context.parameters.require("id"), resolution: body.resolution)))
        }
    }
}
