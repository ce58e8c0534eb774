/// How long personal data is kept once its purpose is served (PIPL Art. 19 and 47), a setting HQ
/// changes. Amounts, dates and document numbers are financial records and are never aged out; only
/// the names, phones and addresses on them are.
public struct RetentionPolicy: Sendable, Hashable, Codable {
    /// Days after an order is completed or cancelled before its recipient's name, phone and address
    /// are anonymised. The default, three years, is the least the E-commerce Law (电子商务法 §31)
    /// asks transaction information to be kept.
    public var orderPersonalDataDays: Int
    /// Days after a sign-in session ended before its record (source address, browser) is deleted.
    public var sessionRecordDays: Int

    /// The defaults: 1,095 and 180 days.
    public static let defaults = RetentionPolicy(orderPersonalDataDays: 1_095, sessionRecordDays: 180)

    /// The allowed range of ``orderPersonalDataDays``: from three years to thirty.
    public static let orderPersonalDataDaysRange: ClosedRange<Int64> = 1_095...10_950
    /// The allowed range of ``sessionRecordDays``.
    public static let sessionRecordDaysRange: ClosedRange<Int64> = 30...3_650

    /// Creates a policy.
    public init(orderPersonalDataDays: Int, sessionRecordDays: Int) {
        self.orderPersonalDataDays = orderPersonalDataDays
        self.sessionRecordDays = sessionRecordDays
    }

    /// The problems with this policy, by field.
    public func problems() -> [FieldError] {
        var errors: [FieldError] = []
        for (field, value, range) in [
            ("orderPersonalDataDays", orderPersonalDataDays, Self.orderPersonalDataDaysRange),
            ("sessionRecordDays", sessionRecordDays, Self.sessionRecordDaysRange),
        ] where !range.contains(Int64(value)) {
            errors.append(FieldError(field: field, problem: .outOfRange(minimum: range.lowerBound, maximum: range.upperBound)))
        }
        return errors
    }
}
