import Crypto
import Foundation
import QudaoCore

/// The hash chain that makes the audit log and the order vouchers tamper-evident: each row stores
/// a hash over the previous row's hash and its own content, so editing, removing or reordering a
/// row breaks every hash after it and `qudao verify` can name the first bad row.
///
/// Rows are hashed with HMAC-SHA-256 under a ``ChainKey`` derived from the data key, which lives
/// outside the database (`k1:` before the hex). Someone who can write to the database but does not
/// hold the key (a DBA, whoever restores a stolen backup) can no longer recompute the hashes after
/// an edit or forge a row. Rows written before the key was used keep plain SHA-256; the first keyed
/// row covers their last hash, so they cannot be rewritten either, and no plain row may follow a keyed one.
public enum AuditChain {
    /// The hash the first row chains to.
    public static let genesisHash = String(repeating: "0", count: 64)

    /// The prefix of a keyed row hash.
    public static let keyedPrefix = "k1:"

    /// The hash of a row: over the previous hash and each field, each prefixed by its length so
    /// that moving text between adjacent fields changes the hash; keyed when `key` is given.
    public static func hash(previousHash: String, fields: [String?], key: ChainKey?) -> String {
        let material = material(previousHash: previousHash, fields: fields)
        guard let key else { return Hexadecimal.text(SHA256.hash(data: Data(material.utf8))) }
        return keyedPrefix + key.code(material)
    }

    /// Why a row's stored hash does not hold, or nil when it does. `unkeyedAllowed` says whether the
    /// row may carry a plain hash: only a row written before chains were keyed, with no keyed row
    /// before it in its chain; anywhere else a plain hash was made without the key, by a forger.
    public static func problem(rowHash: String, previousHash: String, fields: [String?], key: ChainKey?, unkeyedAllowed: Bool) -> String? {
        if rowHash.hasPrefix(keyedPrefix) {
            guard let key else { return "is keyed and cannot be checked without the data key (QUDAO_DATA_KEY or its file)" }
            return hash(previousHash: previousHash, fields: fields, key: key) == rowHash
                ? nil : "content does not match its keyed hash (the row was edited or forged)"
        }
        if !unkeyedAllowed { return "has an unkeyed hash where every row is keyed (written without the key: forged)" }
        return hash(previousHash: previousHash, fields: fields, key: nil) == rowHash ? nil : "content does not match row_hash (the row was edited)"
    }

    static func material(previousHash: String, fields: [String?]) -> String {
        var material = "v1|\(previousHash)"
        for field in fields {
            if let field {
                material += "|\(field.utf8.count):\(field)"
            } else {
                material += "|-"
            }
        }
        return material
    }
}

/// The key of the tamper-evident chains, derived from the data key (never stored in the database).
public struct ChainKey: Sendable {
    private let keyBytes: Data
    private let checkpointKeyBytes: Data

    /// Derives the chain key, and the key that signs checkpoints, from the 32 bytes of the data key.
    public init(keyMaterial: Data) {
        keyBytes = Self.derive(keyMaterial, label: "qudao tamper-evident chains")
        checkpointKeyBytes = Self.derive(keyMaterial, label: "qudao chain checkpoints")
    }

    /// HMAC-SHA-256 of `material`, in hexadecimal.
    public func code(_ material: String) -> String {
        Self.authenticationCode(material, keyBytes)
    }

    /// The signature of a checkpoint file's text (HMAC-SHA-256 under its own derived key, so a row
    /// hash can never pass for a signature), in hexadecimal.
    public func checkpointSignature(_ text: String) -> String {
        Self.authenticationCode(text, checkpointKeyBytes)
    }

    private static func derive(_ keyMaterial: Data, label: String) -> Data {
        HKDF<SHA256>.deriveKey(inputKeyMaterial: SymmetricKey(data: keyMaterial), info: Data(label.utf8), outputByteCount: 32)
            .withUnsafeBytes { Data($0) }
    }

    private static func authenticationCode(_ text: String, _ keyBytes: Data) -> String {
        Hexadecimal.text(Data(HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: SymmetricKey(data: keyBytes))))
    }
}
