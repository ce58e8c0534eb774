/// The rules of the partner tree (RULES §2): HQ is the root, every partner has one parent,
/// nobody sits below level `maximumLevels` (never more than 3), and the tree has no cycles.
public struct PartnerTreeRules: Sendable, Hashable {
    /// The deepest level allowed; compliance caps it at 3.
    public let maximumLevels: Int

    /// The absolute ceiling on `maximumLevels`: no multi-level chain deeper than three.
    public static let levelCeiling = 3

    /// Creates the rules for a configured depth.
    ///
    /// - Precondition: `maximumLevels` is 1, 2 or 3; configuration is validated before it gets here.
    public init(maximumLevels: Int = 3) {
        precondition((1...PartnerTreeRules.levelCeiling).contains(maximumLevels), "maximumLevels must be 1, 2 or 3")
        self.maximumLevels = maximumLevels
    }

    /// The level a new partner gets under `parent` (nil for HQ), or the error that forbids it.
    public func levelForNewPartner(under parent: TreeNode?) -> Result<Int, FieldError> {
        let level = (parent?.level ?? 0) + 1
        guard level <= maximumLevels else {
            return .failure(FieldError(field: "parentId", problem: .depthExceeded(maximumLevels: maximumLevels, resultingLevel: level)))
        }
        return .success(level)
    }

    /// Checks moving `partner` (whose subtree reaches `subtreeHeight` levels below it; 0 for a leaf)
    /// under `newParent` (nil for HQ). `newParentAncestorIds` are the ids on the path from HQ down to
    /// the new parent, inclusive, so a cycle is detected without loading the whole tree.
    ///
    /// Returns the partner's new level, or the error that forbids the move.
    public func levelAfterMove(
        of partner: TreeNode, subtreeHeight: Int, to newParent: TreeNode?, newParentAncestorIds: [String]
    ) -> Result<Int, FieldError> {
        if let newParent {
            if newParent.id == partner.id || newParentAncestorIds.contains(partner.id) {
                return .failure(FieldError(field: "parentId", problem: .cycle))
            }
        }
        let newLevel = (newParent?.level ?? 0) + 1
        let deepestLevel = newLevel + subtreeHeight
        guard deepestLevel <= maximumLevels else {
            return .failure(FieldError(field: "parentId", problem: .depthExceeded(maximumLevels: maximumLevels, resultingLevel: deepestLevel)))
        }
        return .success(newLevel)
    }

    /// Checks that lowering the configured depth to `maximumLevels` leaves nobody too deep.
    public static func canLimit(to maximumLevels: Int, deepestExistingLevel: Int) -> Bool {
        (1...levelCeiling).contains(maximumLevels) && deepestExistingLevel <= maximumLevels
    }
}

/// The commission beneficiary chain of RULES §5, computed from ancestor ids. It is used from
/// the foundation on to show a partner's upline and to prove the depth rule keeps chains short.
public enum BeneficiaryChain {
    /// The ids of up to three beneficiaries, nearest first.
    ///
    /// - Parameters:
    ///   - attributedPartnerId: the partner the order is attributed to.
    ///   - ancestorIds: that partner's ancestors from its parent upwards (HQ excluded).
    ///   - isReferralOrder: referral orders start at the partner itself; purchase orders at its parent.
    public static func beneficiaries(attributedPartnerId: String, ancestorIds: [String], isReferralOrder: Bool) -> [String] {
        let chain = isReferralOrder ? [attributedPartnerId] + ancestorIds : ancestorIds
        return Array(chain.prefix(3))
    }
}
