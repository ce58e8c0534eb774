import Foundation

/// The sizes of period the sales rollups are kept at: every payment is added to its day, its
/// week and its month, so a long range reads a few months instead of hundreds of days.
public enum RollupGrain: String, Sendable, Codable, CaseIterable, Comparable {
    case day
    case week
    case month

    /// The first day of the period of this grain that holds `date`.
    public func periodStart(of date: BusinessDate) -> BusinessDate {
        switch self {
        case .day: date
        case .week: date.weekStart
        case .month: date.monthStart
        }
    }

    /// The last day of the period of this grain that starts on `start`.
    public func periodEnd(startingOn start: BusinessDate) -> BusinessDate {
        switch self {
        case .day: start
        case .week: start.adding(days: 6)
        case .month: start.monthEnd
        }
    }

    private var order: Int {
        switch self {
        case .day: 0
        case .week: 1
        case .month: 2
        }
    }

    public static func < (lhs: RollupGrain, rhs: RollupGrain) -> Bool { lhs.order < rhs.order }
}

/// One rollup row key: a period of a grain, named by its first day.
public struct RollupPiece: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let grain: RollupGrain
    public let start: BusinessDate

    public init(grain: RollupGrain, start: BusinessDate) {
        self.grain = grain
        self.start = start
    }

    /// The last day the piece covers.
    public var end: BusinessDate { grain.periodEnd(startingOn: start) }

    public var description: String { "\(grain.rawValue):\(start)" }

    public static func < (lhs: RollupPiece, rhs: RollupPiece) -> Bool { (lhs.start, lhs.grain) < (rhs.start, rhs.grain) }
}

/// An inclusive range of business dates.
public struct DateRange: Sendable, Hashable, Codable, CustomStringConvertible {
    public let first: BusinessDate
    public let last: BusinessDate

    /// Creates the range; `first` must not be after `last`.
    public init(first: BusinessDate, last: BusinessDate) {
        precondition(first <= last, "a range starts on or before its end")
        self.first = first
        self.last = last
    }

    /// How many days it holds.
    public var dayCount: Int { last.dayNumber - first.dayNumber + 1 }

    /// The range of the same length that ends the day before this one starts: what a change is measured against.
    public var previous: DateRange {
        DateRange(first: first.adding(days: -dayCount), last: first.adding(days: -1))
    }

    public var description: String { first == last ? first.description : "\(first) ~ \(last)" }

    /// Few rollup rows that add up to exactly this range: the whole months inside it, and the
    /// whole weeks inside what is left at either end, then single days. Weeks never cross into
    /// a month that is read whole, so nothing is counted twice and nothing is left out (a
    /// property test checks it for arbitrary ranges); five years take at most about 90 rows.
    public var cover: [RollupPiece] {
        let firstWholeMonth = first.monthStart == first ? first : first.monthEnd.adding(days: 1)
        var monthPieces: [RollupPiece] = []
        var cursor = firstWholeMonth
        while cursor <= last, cursor.monthEnd <= last {
            monthPieces.append(RollupPiece(grain: .month, start: cursor))
            cursor = cursor.monthEnd.adding(days: 1)
        }
        guard let firstMonth = monthPieces.first, let lastMonth = monthPieces.last else {
            return Self.weeksAndDays(from: first, through: last)
        }
        return Self.weeksAndDays(from: first, through: firstMonth.start.adding(days: -1)) + monthPieces
            + Self.weeksAndDays(from: lastMonth.end.adding(days: 1), through: last)
    }

    /// Whole Monday-to-Sunday weeks inside the days from `start` through `end`, and single days
    /// around them; nothing when `end` is before `start`.
    private static func weeksAndDays(from start: BusinessDate, through end: BusinessDate) -> [RollupPiece] {
        var pieces: [RollupPiece] = []
        var cursor = start
        while cursor <= end {
            let week = RollupPiece(grain: .week, start: cursor)
            let piece = cursor.weekday == 1 && week.end <= end ? week : RollupPiece(grain: .day, start: cursor)
            pieces.append(piece)
            cursor = piece.end.adding(days: 1)
        }
        return pieces
    }

    /// The range split into buckets of `grain` for a trend: the first and last bucket are cut
    /// to the range, so their totals hold only days inside it.
    public func buckets(_ grain: RollupGrain) -> [DateRange] {
        var buckets: [DateRange] = []
        var cursor = first
        while cursor <= last {
            let end = min(grain.periodEnd(startingOn: grain.periodStart(of: cursor)), last)
            buckets.append(DateRange(first: cursor, last: end))
            cursor = end.adding(days: 1)
        }
        return buckets
    }
}

/// The time ranges a dashboard offers, counted back from today.
public enum DashboardRangePreset: String, Sendable, Codable, CaseIterable {
    case today
    case yesterday
    case last7Days = "last7"
    case last30Days = "last30"
    case last90Days = "last90"
    case thisMonth = "month"
    case lastMonth = "lastMonth"
    case thisQuarter = "quarter"
    case thisYear = "year"
    case last12Months = "last12Months"
    case custom

    /// The dates the preset means on `today` (custom ranges are given by the caller).
    public func range(today: BusinessDate) -> DateRange? {
        switch self {
        case .today: DateRange(first: today, last: today)
        case .yesterday: DateRange(first: today.adding(days: -1), last: today.adding(days: -1))
        case .last7Days: DateRange(first: today.adding(days: -6), last: today)
        case .last30Days: DateRange(first: today.adding(days: -29), last: today)
        case .last90Days: DateRange(first: today.adding(days: -89), last: today)
        case .thisMonth: DateRange(first: today.monthStart, last: today)
        case .lastMonth: DateRange(first: today.monthStart.adding(days: -1).monthStart, last: today.monthStart.adding(days: -1))
        case .thisQuarter: DateRange(first: today.quarterStart, last: today)
        case .thisYear: DateRange(first: today.yearStart, last: today)
        case .last12Months:
            DateRange(first: BusinessDate(containing: (0..<11).reduce(today.month) { month, _ in month.previous }.start), last: today)
        case .custom: nil
        }
    }
}

/// What a dashboard or report is filtered by, as the URL and the API spell it.
public struct DashboardFilter: Sendable, Hashable, Codable {
    /// The dates counted.
    public var range: DateRange
    /// How the range was chosen (a preset, or custom dates).
    public var preset: DashboardRangePreset
    /// The size of a trend bucket.
    public var granularity: RollupGrain
    /// Only partners in this province.
    public var province: String?
    /// Only partners at this level (1 … 3).
    public var level: Int?
    /// Only partners currently in this grade.
    public var grade: Grade?
    /// Only partners of this type.
    public var partnerType: PartnerType?

    /// The longest range a dashboard or report covers: five years, so a query stays bounded.
    public static let maximumDays = 1_830
    /// The longest range a trend may show day by day (more would be an unreadable chart).
    public static let maximumDailyTrendDays = 92
    /// The longest range a trend may show week by week.
    public static let maximumWeeklyTrendDays = 371

    public init(
        range: DateRange, preset: DashboardRangePreset = .custom, granularity: RollupGrain? = nil, province: String? = nil, level: Int? = nil,
        grade: Grade? = nil, partnerType: PartnerType? = nil
    ) {
        self.range = range
        self.preset = preset
        self.granularity = granularity ?? Self.defaultGranularity(for: range)
        self.province = province
        self.level = level
        self.grade = grade
        self.partnerType = partnerType
    }

    /// Day by day up to two months, week by week up to half a year, then month by month.
    public static func defaultGranularity(for range: DateRange) -> RollupGrain {
        range.dayCount <= 62 ? .day : range.dayCount <= 184 ? .week : .month
    }

    /// Whether any partner attribute narrows the figures.
    public var narrowsPartners: Bool { province != nil || level != nil || grade != nil || partnerType != nil }

    /// Reads a filter from query parameters (`range`, `from`, `to`, `granularity`, `province`,
    /// `level`, `grade`, `type`), checking every one, with today's presets. Empty values mean
    /// "not filtered"; the default range is the last 30 days.
    public static func parse(_ parameters: [String: String], today: BusinessDate) throws -> DashboardFilter {
        var validator = Validator()
        func value(_ name: String) -> String? {
            guard let raw = parameters[name]?.trimmingWhitespace(), !raw.isEmpty else { return nil }
            return raw
        }
        var preset = DashboardRangePreset.last30Days
        if let text = value("range") {
            if let chosen = DashboardRangePreset(rawValue: text) {
                preset = chosen
            } else {
                validator.add("range", .notOneOf(allowed: DashboardRangePreset.allCases.map(\.rawValue)))
            }
        }
        let fromText = value("from")
        let toText = value("to")
        if value("range") == nil, fromText != nil || toText != nil { preset = .custom }
        // With a preset, its dates win over any sent along (the page's form sends the dates it
        // shows; its script switches the preset to "custom" when a date is changed by hand).
        var range = preset.range(today: today) ?? DateRange(first: today.adding(days: -29), last: today)
        if preset == .custom {
            let from = fromText.flatMap(BusinessDate.init)
            let to = toText.flatMap(BusinessDate.init)
            if fromText == nil {
                validator.add("from", .required)
            } else if from == nil {
                validator.add("from", .invalidFormat(expected: .date))
            }
            if toText == nil { validator.add("to", .required) } else if to == nil { validator.add("to", .invalidFormat(expected: .date)) }
            if let from, let to {
                if from > to {
                    validator.add("to", .notAllowed(reason: .notBeforeFirstDay))
                } else if to > today {
                    validator.add("to", .notAllowed(reason: .notInFuture))
                } else if to.dayNumber - from.dayNumber + 1 > maximumDays {
                    validator.add("from", .outOfRange(minimum: 1, maximum: Int64(maximumDays)))
                } else {
                    range = DateRange(first: from, last: to)
                }
            }
        }
        var granularity: RollupGrain?
        if let text = value("granularity") {
            if let grain = RollupGrain(rawValue: text) {
                let limit = grain == .day ? maximumDailyTrendDays : grain == .week ? maximumWeeklyTrendDays : maximumDays
                if range.dayCount > limit {
                    validator.add("granularity", .notAllowed(reason: .rangeTooLong(maximumDays: limit)))
                } else {
                    granularity = grain
                }
            } else {
                validator.add("granularity", .notOneOf(allowed: RollupGrain.allCases.map(\.rawValue)))
            }
        }
        let province = value("province")
        if let province, !Province.all.contains(province) { validator.add("province", .notOneOf(allowed: Province.all)) }
        var level: Int?
        if let text = value("level") {
            if let number = Int(text), (1...3).contains(number) {
                level = number
            } else {
                validator.add("level", .outOfRange(minimum: 1, maximum: 3))
            }
        }
        var grade: Grade?
        if let text = value("grade") {
            if let chosen = Grade(rawValue: text) {
                grade = chosen
            } else {
                validator.add("grade", .notOneOf(allowed: Grade.allCases.map(\.rawValue)))
            }
        }
        var partnerType: PartnerType?
        if let text = value("type") {
            if let chosen = PartnerType(rawValue: text) {
                partnerType = chosen
            } else {
                validator.add("type", .notOneOf(allowed: PartnerType.allCases.map(\.rawValue)))
            }
        }
        if !validator.errors.isEmpty { throw ValidationFailure(validator.errors) }
        return DashboardFilter(
            range: range, preset: preset, granularity: granularity, province: province, level: level, grade: grade, partnerType: partnerType)
    }

    /// The filter as query parameters, in a fixed order, for links, bookmarks and exports.
    public var queryItems: [(name: String, value: String)] {
        var items: [(String, String)] = [("range", preset.rawValue)]
        if preset == .custom {
            items.append(("from", range.first.description))
            items.append(("to", range.last.description))
        }
        if granularity != Self.defaultGranularity(for: range) { items.append(("granularity", granularity.rawValue)) }
        if let province { items.append(("province", province)) }
        if let level { items.append(("level", String(level))) }
        if let grade { items.append(("grade", grade.rawValue)) }
        if let partnerType { items.append(("type", partnerType.rawValue)) }
        return items
    }
}
