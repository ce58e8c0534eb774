/// Addresses written the way couriers and people read them: province, city, district and street
/// once each, even when the street part was typed with its own city in front (广州市天河路 after
/// 广东省广州市 must not read 广东省广州市广州市天河路).
public enum PostalAddress {
    /// The parts joined, each leading part left out of the next when the next already begins with it.
    public static func line(_ parts: [String]) -> String {
        var written = ""
        for part in parts.map({ $0.trimmingWhitespace() }) where !part.isEmpty {
            var rest = Substring(part)
            // The street part may repeat any of the parts before it (its province, its city or both).
            var trimmed = true
            while trimmed {
                trimmed = false
                for earlier in parts.map({ $0.trimmingWhitespace() }) where !earlier.isEmpty && earlier != part && rest.hasPrefix(earlier) {
                    if written.contains(earlier) {
                        rest = rest.dropFirst(earlier.count)
                        trimmed = true
                    }
                }
            }
            written += rest
        }
        return written
    }
}

extension PartnerRecord {
    /// The partner's address on one line: province, city and street, the city never twice.
    public var formattedAddress: String { PostalAddress.line([province, city, address]) }
}
