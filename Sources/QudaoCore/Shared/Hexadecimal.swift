/// Bytes as lower-case hexadecimal, by table: `String(format: "%02x")` per byte goes through
/// Foundation's variadic formatting, far too slow for a fingerprint per line of a 50,000-line file.
public enum Hexadecimal {
    private static let digits = Array("0123456789abcdef".utf8)

    /// `bytes` as hexadecimal text, two digits a byte.
    public static func text<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var characters: [UInt8] = []
        characters.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            characters.append(digits[Int(byte >> 4)])
            characters.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: characters, as: UTF8.self)
    }
}
