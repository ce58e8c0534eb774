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

/// Password rules after OWASP ASVS 2.1 and NIST SP 800-63B: at least 12 characters, any
/// characters allowed (spaces and Chinese too), no composition rules, but not a password from the
/// lists attackers try first, not one character or pattern repeated, and not the login name; and
/// at most the 72 bytes bcrypt reads, said in bytes because a Chinese character takes three.
public enum PasswordPolicy {
    /// Fewest characters a password may have.
    public static let minimumCharacters = 12
    /// Most UTF-8 bytes bcrypt reads.
    public static let maximumBytes = 72
    /// Fewest different characters: `aaaaaaaaaaaa` and `121212121212` are not passwords.
    public static let minimumDistinctCharacters = 5

    /// The problem with `password`, if any; `loginName` (and the person's `displayName`) must not be in it.
    public static func problem(with password: String, loginName: String? = nil, displayName: String? = nil) -> FieldError.Problem? {
        if password.isEmpty { return .required }
        if password.count < minimumCharacters { return .tooShort(minimumCharacters: minimumCharacters) }
        if password.utf8.count > maximumBytes { return .notAllowed(reason: .passwordTooManyBytes(maximumBytes: maximumBytes)) }
        let folded = password.lowercased()
        if Set(folded).count < minimumDistinctCharacters || CommonPasswords.contains(folded) {
            return .notAllowed(reason: .passwordTooCommon)
        }
        for name in [loginName, displayName].compactMap({ $0?.lowercased() }) where name.count >= 3 && folded.contains(name) {
            return .notAllowed(reason: .passwordContainsLoginName)
        }
        return nil
    }
}

/// Passwords of twelve characters or more that lead the public lists of leaked passwords, and this
/// product's own words, which a guesser tries first. Compared after lower-casing; the shorter ones
/// of those lists already fail the length rule.
enum CommonPasswords {
    static func contains(_ folded: String) -> Bool {
        if list.contains(folded) { return true }
        // The product's and the demo's words with anything appended or prepended are as guessable.
        let core = folded.filter { $0.isLetter }
        return productWords.contains { core == $0 || core.hasPrefix($0) && core.count <= $0.count + 2 }
    }

    static let productWords = ["qudao", "qudaodemo", "demo", "password", "admin", "hqadmin", "welcome", "changeme", "qwerty"]

    static let list: Set<String> = [
        "123456789012", "1234567890123", "12345678901234", "123456789123", "1234567890qwe", "123456789abc", "1234567890abc",
        "1234567891011", "123123123123", "123321123321", "111111111111", "000000000000", "987654321098", "012345678910",
        "qwertyuiop12", "qwertyuiop123", "qwertyuiopasdfgh", "1q2w3e4r5t6y", "1q2w3e4r5t6y7u", "q1w2e3r4t5y6", "qazwsxedcrfv",
        "1qaz2wsx3edc", "1qaz2wsx3edc4rfv", "zaq12wsxcde3", "asdfghjkl123", "zxcvbnm12345", "abcdefghijkl", "abc123456789",
        "abcd12345678", "aa1234567890", "password1234", "password12345", "password123456", "passwordpassword", "p@ssw0rd1234",
        "p@ssword1234", "iloveyou1234", "woaini1314520", "woaini123456", "5201314520", "woaiwojia123", "woshishui123",
        "qwe123456789", "qq1234567890", "a123456789012", "aa123456789", "admin1234567", "administrator", "administrator1",
        "welcome12345", "letmein12345", "football1234", "baseball1234", "sunshine1234", "princess1234", "trustno11234",
        "starwars1234", "superman1234", "changeme1234", "monkey123456", "dragon123456", "master123456", "shadow123456",
        "michael12345", "jennifer1234", "computer1234", "internet1234", "whatever1234", "qwertyqwerty", "asdfasdfasdf",
        "zxcvzxcvzxcv", "1234qwerasdf", "qwerasdfzxcv", "1234abcd1234", "abcd1234abcd", "123qweasdzxc", "qweasdzxc123",
        "1234567890-=", "!@#$%^&*()_+", "!qaz@wsx#edc", "qudao-demo123", "qudao1234567", "qudaoqudao12", "channel12345",
        "distributor1", "hq-admin1234", "hqadmin12345",
    ]
}
