import Foundation

/// How loudly a notification asks for attention (PRODUCT.md capability 11).
public enum NotificationPriority: String, Sendable, Codable, CaseIterable {
    /// Money arrived or something needs action: shown in a banner on every page until read.
    case urgent
    /// Worth knowing: counted in the inbox only.
    case normal
}

/// What a notification is about. The kind decides its default priority, so the same event is
/// never urgent for one partner and normal for another.
public enum NotificationKind: String, Sendable, Codable, CaseIterable {
    /// Commission was paid out (to the prepaid balance, or by bank transfer).
    case commissionCredited = "commission_credited"
    /// A top-up was confirmed and credited.
    case topUpConfirmed = "top_up_confirmed"
    /// A top-up request was rejected.
    case topUpRejected = "top_up_rejected"
    /// A partner entered the warning grade.
    case gradeWarning = "grade_warning"
    /// A follow-up task was assigned to the reader, or commented on.
    case followUpTask = "follow_up_task"
    /// A qualification certificate expires within 30 days.
    case certificateExpiring = "certificate_expiring"
    /// A required qualification certificate has expired.
    case certificateExpired = "certificate_expired"
    /// A back-ordered purchase order got its stock.
    case backOrderFilled = "back_order_filled"
    /// A promotion the partner may use started.
    case promotion
    /// A sensitive HQ action waits for a second approver, or was decided.
    case approval
    /// A monthly partner statement (对账单) was issued, disputed or answered.
    case partnerStatement = "partner_statement"
    /// A partner disputed its statement (for HQ finance), or HQ answered the dispute (for the partner).
    case statementDispute = "statement_dispute"
    /// A notice from the platform.
    case system

    /// The priority events of this kind carry.
    public var priority: NotificationPriority {
        switch self {
        case .commissionCredited, .gradeWarning, .certificateExpired, .statementDispute: .urgent
        case .topUpConfirmed, .topUpRejected, .followUpTask, .certificateExpiring, .backOrderFilled, .promotion, .approval, .partnerStatement,
            .system:
            .normal
        }
    }
}

/// Who reads a notification. Every account in the audience sees it and has its own read mark.
public enum NotificationAudience: Sendable, Hashable {
    /// The accounts of one partner; with a permission, only those granted it (owners hold all).
    case partner(id: String, permission: PartnerPermission?)
    /// HQ accounts with one of these roles.
    case hq(roles: Set<HQRole>)
    /// One account.
    case account(id: String)

    /// HQ operations, the people who act on grades, alerts and stock (admins see it too).
    public static let hqOperations = NotificationAudience.hq(roles: [.admin, .operations])
    /// HQ finance, the people who answer partners' statements and disputes (admins see it too).
    public static let hqFinance = NotificationAudience.hq(roles: [.admin, .finance])
}

/// A notification about to be sent, in both interface languages.
public struct NotificationDraft: Sendable, Hashable {
    public let kind: NotificationKind
    public let titleChinese: String
    public let titleEnglish: String
    public let bodyChinese: String
    public let bodyEnglish: String
    /// A page inside the product where the reader acts on it (a path such as `/portal/statements`).
    public let link: String
    /// The event's identity: the same key is sent once, however often the event is seen.
    public let eventKey: String

    /// Creates a draft.
    public init(
        kind: NotificationKind, titleChinese: String, titleEnglish: String, bodyChinese: String, bodyEnglish: String, link: String,
        eventKey: String
    ) {
        precondition(link.hasPrefix("/") || link.isEmpty, "a notification links inside the product")
        self.kind = kind
        self.titleChinese = String(titleChinese.prefix(200))
        self.titleEnglish = String(titleEnglish.prefix(200))
        self.bodyChinese = String(bodyChinese.prefix(1_000))
        self.bodyEnglish = String(bodyEnglish.prefix(1_000))
        self.link = link
        self.eventKey = String(eventKey.prefix(200))
    }
}

/// A notification as one reader sees it.
public struct NotificationItem: Sendable, Hashable {
    public let id: String
    public let kind: NotificationKind
    public let priority: NotificationPriority
    public let titleChinese: String
    public let titleEnglish: String
    public let bodyChinese: String
    public let bodyEnglish: String
    public let link: String
    public let createdAt: Date
    /// When this reader read it; nil while unread.
    public let readAt: Date?

    /// Creates an item.
    public init(
        id: String, kind: NotificationKind, priority: NotificationPriority, titleChinese: String, titleEnglish: String, bodyChinese: String,
        bodyEnglish: String, link: String, createdAt: Date, readAt: Date?
    ) {
        self.id = id
        self.kind = kind
        self.priority = priority
        self.titleChinese = titleChinese
        self.titleEnglish = titleEnglish
        self.bodyChinese = bodyChinese
        self.bodyEnglish = bodyEnglish
        self.link = link
        self.createdAt = createdAt
        self.readAt = readAt
    }
}

/// Unread notifications of one reader.
public struct NotificationCounts: Sendable, Hashable {
    public let unread: Int64
    public let unreadUrgent: Int64

    /// Creates counts.
    public init(unread: Int64, unreadUrgent: Int64) {
        self.unread = unread
        self.unreadUrgent = unreadUrgent
    }

    /// Nothing unread.
    public static let none = NotificationCounts(unread: 0, unreadUrgent: 0)
}

/// Which notifications an inbox lists.
public struct NotificationFilter: Sendable, Hashable {
    public var unreadOnly: Bool
    public var priority: NotificationPriority?
    public var kind: NotificationKind?

    /// Creates a filter.
    public init(unreadOnly: Bool = false, priority: NotificationPriority? = nil, kind: NotificationKind? = nil) {
        self.unreadOnly = unreadOnly
        self.priority = priority
        self.kind = kind
    }
}
