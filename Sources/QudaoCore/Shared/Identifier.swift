/// Opaque identifiers for URLs and the API: a short type prefix and 20 random base-32 characters,
/// so ids reveal neither volume nor order (ARCHITECTURE "All ids in URLs are opaque").
public enum Identifier {
    private static let alphabet = Array("0123456789abcdefghjkmnpqrstvwxyz")

    /// A new random id such as `prt_5k2m…`.
    public static func make(prefix: String) -> String {
        var generator = SystemRandomNumberGenerator()
        return make(prefix: prefix, using: &generator)
    }

    /// A new id drawn from `generator` (tests pass a seeded generator).
    public static func make(prefix: String, using generator: inout some RandomNumberGenerator) -> String {
        var characters = ""
        for _ in 0..<20 {
            characters.append(alphabet[Int(generator.next(upperBound: UInt32(alphabet.count)))])
        }
        return "\(prefix)_\(characters)"
    }

    /// Whether `value` looks like an id with the given prefix; used to refuse junk before a lookup.
    public static func isWellFormed(_ value: String, prefix: String) -> Bool {
        guard value.hasPrefix(prefix + "_") else { return false }
        let body = value.dropFirst(prefix.count + 1)
        return body.count == 20 && body.allSatisfy { alphabet.contains($0) }
    }

    /// A referral code: 8 characters without the look-alikes 0/O and 1/I, random so that codes
    /// cannot be enumerated.
    public static func makeReferralCode() -> String {
        let alphabet = Array("23456789ABCDEFGHJKLMNPQRSTUVWXYZ")
        var generator = SystemRandomNumberGenerator()
        return String((0..<8).map { _ in alphabet[Int(generator.next(upperBound: UInt32(alphabet.count)))] })
    }

    /// A human-readable document number such as `PO-20261125-4821937`: a prefix, the business
    /// date, and seven digits drawn at random (so numbers do not reveal daily volume). Random
    /// numbers collide within a day or a month of many documents, so the store draws again until
    /// the number is unused (`SQLSession.unusedDocumentNumber`).
    public static func documentNumber(prefix: String, date: String, digits: Int) -> String {
        "\(prefix)-\(date)-\(digits)"
    }

    /// The range the seven random digits of a document number are drawn from.
    public static let documentDigits = 1_000_000...9_999_999
}
