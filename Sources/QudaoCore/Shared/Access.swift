/// Whether an account belongs to HQ or to a partner.
public enum AccountKind: String, Sendable, Codable, CaseIterable {
    case hq
    case partner
}

/// HQ staff roles (PRODUCT.md "Who uses it").
public enum HQRole: String, Sendable, Codable, CaseIterable {
    /// The partner tree, rules, accounts, audit.
    case admin
    /// Prepaid top-ups, settlements, payouts, reconciliation, exports.
    case finance
    /// Products, stock, orders, partner grades and alerts.
    case operations
    /// Reads everything HQ may read, changes nothing.
    case viewer
}

/// What a partner owner can grant a sub-account.
public enum PartnerPermission: String, Sendable, Codable, CaseIterable {
    /// Place purchase orders.
    case ordering
    /// See the prepaid balance, commissions and statements.
    case financeView = "finance_view"
    /// See the downline and manage the partner's sub-accounts.
    case teamManagement = "team_management"
}

/// Things an account may do. Use cases ask for one of these before they act.
public enum Capability: String, Sendable, CaseIterable {
    case viewPartners
    case managePartners
    case viewProducts
    case manageProducts
    case viewAccounts
    case manageAccounts
    case viewAuditLog
    case revealPersonalData
    case viewOrders
    case manageOrders
    case viewFinance
    case manageFinance
    case manageStock
    case manageSettings
    case partnerOrdering
    case partnerFinanceView
    case partnerTeamView
    case partnerManageSubAccounts
}

/// Who is acting: the account, its kind and what it was granted.
public struct Principal: Sendable, Hashable {
    /// The account id.
    public let accountId: String
    /// The login name, kept with audit rows so they stay readable after an account is renamed.
    public let username: String
    /// HQ or partner.
    public let kind: AccountKind
    /// The HQ role, for HQ accounts.
    public let hqRole: HQRole?
    /// The partner the account belongs to, for partner accounts.
    public let partnerId: String?
    /// Whether this is the partner's master (owner) account.
    public let isOwner: Bool
    /// What the owner granted, for sub-accounts; owners hold every permission.
    public let permissions: Set<PartnerPermission>

    /// Creates a principal.
    public init(
        accountId: String, username: String, kind: AccountKind, hqRole: HQRole?, partnerId: String?, isOwner: Bool,
        permissions: Set<PartnerPermission>
    ) {
        self.accountId = accountId
        self.username = username
        self.kind = kind
        self.hqRole = hqRole
        self.partnerId = partnerId
        self.isOwner = isOwner
        self.permissions = isOwner ? Set(PartnerPermission.allCases) : permissions
    }

    /// Whether this principal may do `capability`.
    public func can(_ capability: Capability) -> Bool {
        switch kind {
        case .hq:
            guard let role = hqRole else { return false }
            switch capability {
            case .viewPartners, .viewProducts:
                return true
            case .managePartners, .manageProducts:
                return role == .admin || role == .operations
            case .viewAccounts, .manageAccounts, .viewAuditLog, .revealPersonalData, .manageSettings:
                return role == .admin
            case .viewOrders, .viewFinance:
                return true
            case .manageOrders, .manageStock:
                return role == .admin || role == .operations
            case .manageFinance:
                return role == .admin || role == .finance
            case .partnerOrdering, .partnerFinanceView, .partnerTeamView, .partnerManageSubAccounts:
                return false
            }
        case .partner:
            switch capability {
            case .partnerOrdering: return permissions.contains(.ordering)
            case .partnerFinanceView: return permissions.contains(.financeView)
            case .partnerTeamView, .partnerManageSubAccounts: return permissions.contains(.teamManagement)
            case .viewProducts: return true
            default: return false
            }
        }
    }
}

/// Personal data shown on screens and in exports is masked unless a permitted user reveals it.
public enum PersonalDataMask {
    /// Masks a phone number as `138****1234`: the first three and last four digits stay.
    /// Shorter numbers keep only their last two characters.
    public static func phone(_ value: String) -> String {
        let characters = Array(value)
        if characters.count >= 8 {
            return String(characters.prefix(3)) + "****" + String(characters.suffix(4))
        }
        if characters.count > 2 {
            return String(repeating: "*", count: characters.count - 2) + String(characters.suffix(2))
        }
        return String(repeating: "*", count: characters.count)
    }

    /// Masks an identifier such as a licence number, keeping the first and last four characters.
    public static func identifier(_ value: String) -> String {
        let characters = Array(value)
        guard characters.count > 8 else { return phone(value) }
        return String(characters.prefix(4)) + String(repeating: "*", count: characters.count - 8) + String(characters.suffix(4))
    }
}

/// Formats of identifiers people type.
public enum InputFormat {
    /// A partner code: 3 to 32 upper-case letters, digits and hyphens, starting with a letter or digit.
    public static func isPartnerCode(_ value: String) -> Bool {
        guard (3...32).contains(value.count), let first = value.unicodeScalars.first else { return false }
        let allowed = value.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
        return allowed && first != "-"
    }

    /// A login name: 3 to 64 lower-case letters, digits, dots, hyphens and underscores.
    public static func isUsername(_ value: String) -> Bool {
        guard (3...64).contains(value.count), let first = value.unicodeScalars.first else { return false }
        let allowed = value.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" || $0 == "."
        }
        return allowed && (("a"..."z").contains(first) || ("0"..."9").contains(first))
    }

    /// A mainland China contact number: a mobile number (`13812345678`, `+86 138 1234 5678`) or a
    /// landline with its area code (`0755-86001234`, `010 6512 3456`, `020-87654321-803`, an
    /// extension after `-` or `转`). Spaces and hyphens between digit groups are allowed.
    public static func isPhone(_ value: String) -> Bool {
        guard value.count <= 24 else { return false }
        return isMobile(value) || isLandline(value)
    }

    /// A number a company's customer service answers: any ``isPhone(_:)`` number, or a nationwide
    /// 400/800 number (`400-810-8888`) or a 95 short number (`95555`).
    public static func isServicePhone(_ value: String) -> Bool {
        if isPhone(value) { return true }
        guard value.count <= 16, let digits = separatedDigits(value) else { return false }
        if digits.count == 10 && (digits.hasPrefix("400") || digits.hasPrefix("800")) { return true }
        return (5...6).contains(digits.count) && digits.hasPrefix("95")
    }

    /// A mobile number: 11 digits starting 13–19, with an optional +86 or 86 country code.
    static func isMobile(_ value: String) -> Bool {
        var text = value.trimmingWhitespace()
        if text.hasPrefix("+86") { text = String(text.dropFirst(3)) } else if text.hasPrefix("0086") { text = String(text.dropFirst(4)) }
        guard var digits = separatedDigits(text) else { return false }
        if digits.count == 13 && digits.hasPrefix("86") { digits = String(digits.dropFirst(2)) }
        let scalars = Array(digits.unicodeScalars)
        return scalars.count == 11 && scalars[0] == "1" && ("3"..."9").contains(scalars[1])
    }

    /// A landline: area code 010, 02x or a four-digit 03xx–09xx, then 7 or 8 digits not starting
    /// with 0 or 1, then an optional extension of up to 6 digits.
    static func isLandline(_ value: String) -> Bool {
        var text = value.trimmingWhitespace()
        guard !text.contains("--"), !text.contains("  ") else { return false }
        var extensionDigits = ""
        if let range = text.range(of: "转") {
            extensionDigits = String(text[range.upperBound...])
            text = String(text[..<range.lowerBound])
        }
        var groups = text.split(whereSeparator: { $0 == "-" || $0 == " " }).map(String.init)
        guard groups.allSatisfy({ !$0.isEmpty && $0.unicodeScalars.allSatisfy { ("0"..."9").contains($0) } }) else { return false }
        if extensionDigits.isEmpty, groups.count >= 3, let last = groups.last, (1...6).contains(last.count),
            groups.dropLast().joined().count >= 10
        {
            extensionDigits = last
            groups.removeLast()
        }
        guard extensionDigits.count <= 6, extensionDigits.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) }) else { return false }
        let digits = groups.joined()
        guard digits.hasPrefix("0"), (10...12).contains(digits.count) else { return false }
        let areaLength = digits.hasPrefix("010") || digits.hasPrefix("02") ? 3 : 4
        let subscriber = Array(digits.dropFirst(areaLength).unicodeScalars)
        guard (7...8).contains(subscriber.count), let first = subscriber.first, first != "0", first != "1" else { return false }
        let area = Array(digits.unicodeScalars)
        return areaLength == 3 || area[1] != "0" && area[1] != "1" && area[1] != "2"
    }

    /// The digits of a number typed in groups separated by single spaces or hyphens; nil for anything else.
    static func separatedDigits(_ value: String) -> String? {
        let text = value.trimmingWhitespace()
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last,
            ("0"..."9").contains(first), ("0"..."9").contains(last), !text.contains("--"), !text.contains("  ")
        else { return nil }
        guard text.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) || $0 == "-" || $0 == " " }) else { return nil }
        return text.filter { $0.isNumber }
    }

    /// A SKU: 2 to 40 letters, digits, hyphens, underscores and dots.
    public static func isSku(_ value: String) -> Bool {
        guard (2...40).contains(value.count) else { return false }
        return value.unicodeScalars.allSatisfy {
            ("A"..."Z").contains($0) || ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" || $0 == "."
        }
    }

    /// A unified social credit code (统一社会信用代码) or older licence number: 15 to 18 letters and digits.
    public static func isBusinessLicenceNumber(_ value: String) -> Bool {
        guard (15...18).contains(value.count) else { return false }
        return value.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) || ("0"..."9").contains($0) }
    }
}

/// Password rules: long enough to resist guessing, short enough for bcrypt's 72-byte input.
public enum PasswordPolicy {
    /// Fewest characters a password may have.
    public static let minimumCharacters = 8
    /// Most UTF-8 bytes bcrypt reads.
    public static let maximumBytes = 72

    /// The problem with `password`, if any.
    public static func problem(with password: String) -> FieldError.Problem? {
        if password.isEmpty { return .required }
        if password.count < minimumCharacters { return .tooShort(minimumCharacters: minimumCharacters) }
        if password.utf8.count > maximumBytes { return .tooLong(maximumCharacters: maximumBytes) }
        return nil
    }
}
