/// The problem documents an operation may answer with, each described once in the document's
/// `components/responses` and referred to by every operation that may send it.
enum ProblemResponse: String, CaseIterable, Sendable {
    case malformed = "Malformed"
    case unauthenticated = "Unauthenticated"
    case forbidden = "Forbidden"
    case notFound = "NotFound"
    case conflict = "Conflict"
    case invalid = "Invalid"
    case tooManyRequests = "TooManyRequests"
    case unavailable = "Unavailable"

    var status: Int {
        switch self {
        case .malformed: 400
        case .unauthenticated: 401
        case .forbidden: 403
        case .notFound: 404
        case .conflict: 409
        case .invalid: 422
        case .tooManyRequests: 429
        case .unavailable: 503
        }
    }

    var description: String {
        switch self {
        case .malformed: "Malformed request: the body is not JSON, or a value has the wrong type (the field is named)"
        case .unauthenticated: "Not signed in: send `Authorization: Bearer <token>` with a token or an API key (`qd_live_…`)"
        case .forbidden: "The caller's role, or an API key's scopes or allowed addresses, may not do this"
        case .notFound: "Not found, or not visible to the caller (another partner's id answers 404)"
        case .conflict: "Conflict: the state changed meanwhile, or a request with the same Idempotency-Key is in progress"
        case .invalid: "Invalid input: every field's problem is listed in `errors`"
        case .tooManyRequests: "Too many attempts, or an API key over its requests a minute: wait for `Retry-After` seconds"
        case .unavailable: "The database cannot be reached"
        }
    }
}

/// The groups operations are listed under in the document.
enum APITag: String, CaseIterable, Sendable {
    case operations
    case auth
    case partners
    case catalogue
    case accounts
    case audit
    case settings
    case prepaid
    case orders
    case addresses
    case stock
    case commission
    case settlement
    case approvals
    case reconciliation
    case notifications
    case partnerStock = "partner stock"
    case grading
    case dashboard
    case replenishment
    case profiles
    case promotions
    case imports
    case integrations
    case testClock = "test clock"

    var description: String {
        switch self {
        case .operations: "Health of the service and this document"
        case .auth: "Tokens for the API and the signed-in account"
        case .partners: "The channel tree: distributors, agents and stores"
        case .catalogue: "Categories and products with their level prices"
        case .accounts: "People's accounts and their sessions"
        case .audit: "The tamper-evident record of sensitive actions"
        case .settings: "The platform's rules: levels, prepaid rules, order windows"
        case .prepaid: "Prepaid balances (预存款), statements and top-ups"
        case .orders: "Quotes, purchase and referral orders, fulfilment, returns"
        case .addresses: "A partner's saved delivery addresses"
        case .stock: "HQ's warehouse stock"
        case .commission: "Commission rules, simulations and records"
        case .settlement: "Monthly settlement runs, statements and payouts"
        case .approvals: "Sensitive HQ actions held for a second HQ approver (双人复核)"
        case .reconciliation: "Monthly partner statements (对账单) partners confirm"
        case .notifications: "A person's notifications"
        case .partnerStock: "Stock held by partners and their sell-out reports"
        case .grading: "Partner grading, channel policy and follow-ups"
        case .dashboard: "HQ's dashboard and reports"
        case .replenishment: "Suggested replenishment plans"
        case .profiles: "Partner profiles and authorisation certificates"
        case .promotions: "Promotions and their effect on order lines"
        case .imports: "Spreadsheet imports: template, check, commit"
        case .integrations: "API keys for other systems (ERP, logistics, a store's till) and signed webhooks that tell them what happened"
        case .testClock: "Only with `--test-clock`: read and advance the platform's clock"
        }
    }
}
