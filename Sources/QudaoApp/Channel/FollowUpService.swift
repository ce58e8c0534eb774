import Foundation
import QudaoCore
import QudaoStore

/// A follow-up task with what its page shows.
public struct FollowUpView: Sendable {
    public let task: FollowUpTask
    public let partner: PartnerRecord
    public let grade: PartnerGradeRecord?
    public let assignee: AccountRecord?
    public let comments: [FollowUpComment]
}

/// Follow-up tasks opened by grade warnings (RULES §9): HQ operations assign them, comment and
/// close them with a resolution; the partner reads its own and answers in the comments.
/// Every change is audited.
public struct FollowUpService: Sendable {
    let platform: Platform

    /// Comments shown on a task (the most a page lists).
    public static let maximumComments = 200

    /// Creates the service.
    public init(platform: Platform) {
        self.platform = platform
    }

    /// Tasks: HQ sees all (filtered), a partner only its own.
    public func list(_ caller: Caller, filter: FollowUpFilter, page: PageRequest) async throws -> Page<FollowUpTask> {
        try await platform.database.read { session in
            var scoped = filter
            switch caller.principal.kind {
            case .hq: try caller.require(.viewPartners)
            case .partner: scoped.partnerId = try await PartnerService(platform: self.platform).ownPartner(caller, session).id
            }
            return try await session.followUpTasks(filter: scoped, page: page)
        }
    }

    /// One task with its partner, grade, assignee and comments; another partner's task is not found.
    public func view(_ caller: Caller, id: String) async throws -> FollowUpView {
        try await platform.database.read { try await self.visibleView(caller, id: id, $0) }
    }

    func visibleView(_ caller: Caller, id: String, _ session: SQLSession) async throws -> FollowUpView {
        guard Identifier.isWellFormed(id, prefix: "fut"), let task = try await session.followUpTask(id: id) else {
            throw AppError.notFound(entity: "follow_up_task")
        }
        switch caller.principal.kind {
        case .hq: try caller.require(.viewPartners)
        case .partner: guard caller.principal.partnerId == task.partnerId else { throw AppError.notFound(entity: "follow_up_task") }
        }
        guard let partner = try await session.partner(id: task.partnerId, cipher: platform.cipher) else { throw AppError.notFound(entity: "partner") }
        let grade = try await task.gradeId.asyncFlatMap { try await session.partnerGrade(id: $0) }
        let assignee = try await task.assigneeAccountId.asyncFlatMap { try await session.account(id: $0) }
        let comments = try await session.followUpComments(taskId: task.id, limit: Self.maximumComments)
        return FollowUpView(task: task, partner: partner, grade: grade, assignee: assignee, comments: comments)
    }

    /// HQ operations assign an open task to an HQ account (by login name or id), or clear it.
    public func assign(_ caller: Caller, id: String, assignee reference: String?, rowVersion: Int64? = nil) async throws -> FollowUpTask {
        try caller.require(.managePartners)
        guard caller.principal.kind == .hq else { throw AppError.forbidden }
        return try await platform.database.write { session in
            let view = try await self.visibleView(caller, id: id, session)
            guard view.task.status == .open else { throw AppError.conflict(reason: .taskClosed) }
            var assignee: AccountRecord?
            if let reference = reference?.trimmingWhitespace(), !reference.isEmpty {
                let found: AccountRecord? =
                    if let byId = try await session.account(id: reference) { byId } else {
                        try await session.account(username: reference.lowercased())
                    }
                guard let found, found.kind == .hq, found.status == .active, found.principal.can(.managePartners) else {
                    throw AppError.invalid("assignee", .notAllowed(reason: .assigneeNotActive))
                }
                assignee = found
            }
            let now = self.platform.clock.now()
            guard try await session.assignFollowUpTask(id: id, accountId: assignee?.id, rowVersion: rowVersion, at: now) else {
                throw AppError.conflict(reason: .changedMeanwhile(.task))
            }
            try await session.audit(
                caller, at: now, action: "follow_up.assign", entityType: "follow_up_task", entityId: id,
                before: AuditSnapshot.json(["assignee": .optionalText(view.assignee?.username)]),
                after: AuditSnapshot.json(["assignee": .optionalText(assignee?.username)]))
            guard let updated = try await session.followUpTask(id: id) else { throw AppError.notFound(entity: "follow_up_task") }
            if let assignee, assignee.id != caller.principal.accountId {
                try await NotificationService.send(
                    .followUpAssigned(task: updated, partner: view.partner), to: .account(id: assignee.id), at: now, session)
            }
            return updated
        }
    }

    /// Adds a comment: HQ operations on any task, the partner's accounts on its own open task.
    public func comment(_ caller: Caller, id: String, body rawBody: String?) async throws -> FollowUpComment {
        if caller.principal.kind == .hq { try caller.require(.managePartners) }
        var validator = Validator()
        let body = validator.text("body", rawBody, maximumCharacters: 1_000)
        try validator.throwIfInvalidAsAppError()
        guard let body else { preconditionFailure("validated above") }
        return try await platform.database.write { session in
            let view = try await self.visibleView(caller, id: id, session)
            guard view.task.status == .open else { throw AppError.conflict(reason: .taskClosed) }
            let now = self.platform.clock.now()
            let comment = FollowUpComment(
                id: Identifier.make(prefix: "fuc"), taskId: id, accountId: caller.auditAccountId, author: caller.principal.username, body: body,
                createdAt: now)
            try await session.insertFollowUpComment(comment)
            try await session.audit(
                caller, at: now, action: "follow_up.comment", entityType: "follow_up_task", entityId: id, before: nil,
                after: AuditSnapshot.json(["comment": .text(body)]))
            return comment
        }
    }

    /// HQ operations close an open task with a resolution (once: a second close is a conflict).
    public func close(_ caller: Caller, id: String, resolution rawResolution: String?) async throws -> FollowUpTask {
        try caller.require(.managePartners)
        guard caller.principal.kind == .hq else { throw AppError.forbidden }
        var validator = Validator()
        let resolution = validator.text("resolution", rawResolution, maximumCharacters: 500, minimumCharacters: 2)
        try validator.throwIfInvalidAsAppError()
        guard let resolution else { preconditionFailure("validated above") }
        return try await platform.database.write { session in
            let view = try await self.visibleView(caller, id: id, session)
            let now = self.platform.clock.now()
            guard try await session.closeFollowUpTask(id: id, by: caller.principal.username, resolution: resolution, at: now) else {
                throw AppError.conflict(reason: .taskClosed)
            }
            try await session.audit(
                caller, at: now, action: "follow_up.close", entityType: "follow_up_task", entityId: id,
                before: AuditSnapshot.json(["status": .text(view.task.status.rawValue)]),
                after: AuditSnapshot.json(["status": .text("closed"), "resolution": .text(resolution)]))
            guard let updated = try await session.followUpTask(id: id) else { throw AppError.notFound(entity: "follow_up_task") }
            return updated
        }
    }
}
