import Crypto
import Foundation

/// The hash chain that makes the audit log (and later the vouchers) tamper-evident: each row
/// stores SHA-256 over the previous row's hash and its own content, so editing, removing or
/// reordering a row breaks every hash after it and `qudao verify` can name the first bad row.
public enum AuditChain {
    /// The hash the first row chains to.
    public static let genesisHash = String(repeating: "0", count: 64)

    /// The hash of a row: SHA-256 over the previous hash and each field, each prefixed by its
    /// length so that moving text between adjacent fields changes the hash.
    public static func hash(previousHash: String, fields: [String?]) -> String {
        var material = "v1|\(previousHash)"
        for field in fields {
            if let field {
                material += "|\(field.utf8.count):\(field)"
            } else {
                material += "|-"
            }
        }
        return SHA256.hash(data: Data(material.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
