import Foundation

/// Settlement planning (RULES §7): which records a partner's statement for a month includes, and
/// whether there is a statement at all.
public enum SettlementPlanner {
    /// A record as the planner sees it.
    public struct Candidate: Sendable, Hashable {
        public let id: String
        public let amount: Money
        public let settleableAt: Date

        /// Creates a candidate.
        public init(id: String, amount: Money, settleableAt: Date) {
            self.id = id
            self.amount = amount
            self.settleableAt = settleableAt
        }
    }

    /// The outcome for one partner and month.
    public enum Outcome: Sendable, Hashable {
        /// A statement of `net` made of these records.
        case statement(net: Money, recordIds: [String])
        /// Nothing settles; the records carry over (net below the minimum, or negative).
        case carryOver(net: Money)
    }

    /// Plans a partner's statement for the month ending at `monthEnd` (exclusive): every settleable
    /// record whose settleable time is before the end of the month; a statement when the net reaches
    /// the minimum payout.
    public static func plan(candidates: [Candidate], monthEnd: Date, minimumPayout: Money) -> Outcome {
        let included = candidates.filter { $0.settleableAt < monthEnd }
        let net = included.map(\.amount).sum()
        guard !included.isEmpty, net >= minimumPayout else { return .carryOver(net: net) }
        return .statement(net: net, recordIds: included.map(\.id).sorted())
    }
}
