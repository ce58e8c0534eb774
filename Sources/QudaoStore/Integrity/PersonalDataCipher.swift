import Crypto
import Foundation
import QudaoCore

/// Encrypts personal data at rest (AES-256-GCM) and derives keyed lookup hashes (HMAC-SHA-256)
/// so that a phone number can be searched without being stored in plain text.
public struct PersonalDataCipher: Sendable {
    // Raw bytes rather than `SymmetricKey`, which is not `Sendable` in this version of swift-crypto.
    private let encryptionKeyBytes: Data
    private let lookupKeyBytes: Data
    private let signingKeyBytes: Data
    /// The key of the tamper-evident chains, derived from the same data key.
    public let chainKey: ChainKey

    private var encryptionKey: SymmetricKey { SymmetricKey(data: encryptionKeyBytes) }
    private var lookupKey: SymmetricKey { SymmetricKey(data: lookupKeyBytes) }

    /// Creates a cipher from 32 bytes of key material; the encryption and lookup keys are derived
    /// from it separately so that one cannot be used as the other.
    public init(keyMaterial: Data) {
        precondition(keyMaterial.count == 32, "the data key must be 32 bytes")
        let master = SymmetricKey(data: keyMaterial)
        chainKey = ChainKey(keyMaterial: keyMaterial)
        encryptionKeyBytes = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: master, info: Data("qudao personal data encryption".utf8), outputByteCount: 32
        ).withUnsafeBytes { Data($0) }
        lookupKeyBytes = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: master, info: Data("qudao personal data lookup".utf8), outputByteCount: 32
        ).withUnsafeBytes { Data($0) }
        signingKeyBytes = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: master, info: Data("qudao signed tokens".utf8), outputByteCount: 32
        ).withUnsafeBytes { Data($0) }
    }

    /// A keyed signature (HMAC-SHA-256, hexadecimal) of `message` exactly as given, for tokens the
    /// server hands out and must later recognise as its own, such as a browser's device token.
    public func signature(of message: String) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: Data(message.utf8), using: SymmetricKey(data: signingKeyBytes))
        return Data(code).map { String(format: "%02x", $0) }.joined()
    }

    /// Encrypts `plaintext`; the result is base64 text (nonce, ciphertext and tag).
    public func encrypt(_ plaintext: String) throws -> String {
        let sealed = try AES.GCM.seal(Data(plaintext.utf8), using: encryptionKey)
        guard let combined = sealed.combined else { throw PersonalDataError.cannotEncrypt }
        return "v1:" + combined.base64EncodedString()
    }

    /// Decrypts text made by ``encrypt(_:)``.
    public func decrypt(_ stored: String) throws -> String {
        guard stored.hasPrefix("v1:"), let combined = Data(base64Encoded: String(stored.dropFirst(3))) else {
            throw PersonalDataError.unreadable
        }
        let box = try AES.GCM.SealedBox(combined: combined)
        let plaintext = try AES.GCM.open(box, using: encryptionKey)
        guard let text = String(data: plaintext, encoding: .utf8) else { throw PersonalDataError.unreadable }
        return text
    }

    /// A keyed hash of a normalized value for equality search.
    public func lookupHash(_ value: String) -> String {
        let normalized = value.filter { $0.isNumber || $0.isLetter }.lowercased()
        let code = HMAC<SHA256>.authenticationCode(for: Data(normalized.utf8), using: lookupKey)
        return Hexadecimal.text(Data(code))
    }

    /// The lookup hash of a phone number as people write it: `+86 138-0000-1234`, `8613800001234`
    /// and `13800001234` are one number.
    public func phoneLookupHash(_ phone: String) -> String {
        lookupHash(Self.nationalDigits(phone))
    }

    /// A phone's digits without the country code 86 of a mobile number.
    public static func nationalDigits(_ phone: String) -> String {
        let digits = phone.filter { $0.isASCII && $0.isNumber }
        if digits.count == 13 && digits.hasPrefix("86") { return String(digits.dropFirst(2)) }
        if digits.count == 15 && digits.hasPrefix("0086") { return String(digits.dropFirst(4)) }
        return digits
    }

    /// The data key if one is configured (`QUDAO_DATA_KEY`) or its file exists; never creates one.
    public static func existingKey(environmentValue: String?, keyFile: String) throws -> Data? {
        if let environmentValue, !environmentValue.isEmpty { return try loadKey(environmentValue: environmentValue, keyFile: keyFile) }
        guard FileManager.default.fileExists(atPath: keyFile) else { return nil }
        return try loadKey(environmentValue: nil, keyFile: keyFile)
    }

    /// Loads the data key: from `QUDAO_DATA_KEY` (64 hex characters or base64 of 32 bytes) when set,
    /// otherwise from `keyFile`, creating it with owner-only permissions on first start.
    public static func loadKey(environmentValue: String?, keyFile: String) throws -> Data {
        if let environmentValue, !environmentValue.isEmpty {
            if let data = Data(hexadecimal: environmentValue), data.count == 32 { return data }
            if let data = Data(base64Encoded: environmentValue), data.count == 32 { return data }
            throw PersonalDataError.invalidKey("QUDAO_DATA_KEY must be 32 bytes as 64 hexadecimal characters or base64")
        }
        let manager = FileManager.default
        if manager.fileExists(atPath: keyFile) {
            let text = try String(contentsOfFile: keyFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            guard let data = Data(hexadecimal: text), data.count == 32 else {
                throw PersonalDataError.invalidKey("\(keyFile) does not hold a 32-byte key in hexadecimal")
            }
            return data
        }
        let folder = URL(fileURLWithPath: keyFile).deletingLastPathComponent()
        try manager.createDirectory(at: folder, withIntermediateDirectories: true)
        let key = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
        let hex = Hexadecimal.text(key)
        // Created with 0600 from the start so the key is never readable by others, even briefly.
        guard manager.createFile(atPath: keyFile, contents: Data((hex + "\n").utf8), attributes: [.posixPermissions: 0o600]) else {
            throw PersonalDataError.invalidKey("cannot create the data key file \(keyFile)")
        }
        return key
    }
}

/// Failures of personal-data encryption.
public enum PersonalDataError: Error, CustomStringConvertible {
    case cannotEncrypt
    case unreadable
    case invalidKey(String)

    public var description: String {
        switch self {
        case .cannotEncrypt: "personal data could not be encrypted"
        case .unreadable: "stored personal data could not be decrypted with the configured key"
        case .invalidKey(let reason): reason
        }
    }
}

extension Data {
    /// Bytes from hexadecimal text, or nil if the text is not an even run of hex digits.
    init?(hexadecimal text: String) {
        guard text.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.count / 2)
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(index, offsetBy: 2)
            guard let byte = UInt8(text[index..<next], radix: 16) else { return nil }
            bytes.append(byte)
            index = next
        }
        self.init(bytes)
    }
}
