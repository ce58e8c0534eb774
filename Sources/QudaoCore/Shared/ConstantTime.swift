/// Comparison of secrets in time that does not depend on where they differ, so that an attacker
/// cannot find a token or signature a character at a time by timing the answers.
public enum ConstantTime {
    /// Whether two strings are equal, comparing every byte whatever the first difference.
    public static func equal(_ left: String, _ right: String) -> Bool {
        let left = Array(left.utf8)
        let right = Array(right.utf8)
        guard left.count == right.count else { return false }
        var difference: UInt8 = 0
        for index in left.indices { difference |= left[index] ^ right[index] }
        return difference == 0
    }
}
