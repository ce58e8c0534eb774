/// What a field's value should look like, for the "wrong format" message. Each language's
/// wording is written once, in `Language.text(_:)`.
public enum FormatExpectation: String, Sendable, Hashable, Codable, CaseIterable {
    /// A partner code: 3–32 capital letters, digits or hyphens.
    case partnerCode
    /// A login name: 3–64 lower-case letters, digits, dots, hyphens or underscores.
    case loginName
    /// A SKU or category code: 2–40 letters, digits, hyphens, underscores or dots.
    case productCode
    /// A mainland mobile or a fixed line with area code.
    case phone
    /// A customer service number (400 or a fixed line).
    case servicePhone
    /// An 18-character unified social credit code.
    case creditCode
    /// A bank account number of 8–30 digits.
    case bankAccountNumber
    /// A bank account number of 8–34 digits (a partner's payout account).
    case payoutAccountNumber
    /// An amount in yuan with at most two decimals.
    case yuanAmount
    /// A percentage with at most two decimals.
    case percentage
    /// A whole number of basis points (the API's rate fields).
    case wholeBasisPoints
    /// A whole number.
    case wholeNumber
    /// A whole number of units.
    case wholeUnits
    /// A date as yyyy-MM-dd.
    case date
    /// A month as yyyy-MM.
    case month
    /// An ISO 8601 instant.
    case isoTime
    /// A local time as a form types it, or ISO 8601.
    case localTime
    /// Text without control characters.
    case plainText
    /// Base64 data.
    case base64
    /// A JPEG, PNG or PDF file.
    case proofFile
    /// A JPEG or PNG image.
    case image
    /// An .xlsx or .csv file.
    case spreadsheet
    /// A sell-out file's header row.
    case sellOutHeader
    /// A payment password: six digits.
    case paymentPassword
    /// An IPv4 or IPv6 address, with an optional prefix length (`203.0.113.0/24`).
    case networkAddress
    /// An `http://` or `https://` URL.
    case webhookURL
    /// An `https://` URL.
    case httpsURL
}
