import Foundation

/// An IPv4 or IPv6 address, parsed without the system's resolver so that a host name is never
/// mistaken for an address. IPv4 is held as an IPv4-mapped IPv6 address (`::ffff:a.b.c.d`), so one
/// comparison serves both families.
public struct NetworkAddress: Sendable, Hashable, CustomStringConvertible {
    /// The 16 bytes, network order.
    public let bytes: [UInt8]

    /// Parses `text` (`203.0.113.7`, `2001:db8::1`, `::ffff:10.0.0.1`); nil for anything else.
    public init?(_ text: String) {
        var value = text.trimmingCharacters(in: [" ", "\t"])
        if value.hasPrefix("[") && value.hasSuffix("]") { value = String(value.dropFirst().dropLast()) }
        if let four = Self.parseIPv4(value) {
            bytes = Array(repeating: 0, count: 10) + [0xff, 0xff] + four
        } else if let six = Self.parseIPv6(value) {
            bytes = six
        } else {
            return nil
        }
    }

    /// Whether it is an IPv4 address.
    public var isIPv4: Bool { bytes.prefix(12) == ArraySlice(Array(repeating: 0, count: 10) + [0xff, 0xff]) }

    public var description: String {
        if isIPv4 { return bytes.suffix(4).map(String.init).joined(separator: ".") }
        return stride(from: 0, to: 16, by: 2).map { String(UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]), radix: 16) }
            .joined(separator: ":")
    }

    /// Whether requests to it stay on this machine or its private networks: loopback, private
    /// (RFC 1918, unique local), link-local, carrier-grade NAT, unspecified and multicast ranges.
    /// Webhook deliveries refuse them unless an operator allows them (server-side request forgery).
    public var isInternal: Bool {
        Self.internalRanges.contains { $0.contains(self) }
    }

    private static let internalRanges: [NetworkRange] = [
        "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24",
        "192.168.0.0/16", "198.18.0.0/15", "224.0.0.0/4", "240.0.0.0/4", "::/128", "::1/128", "fc00::/7", "fe80::/10", "ff00::/8",
        "64:ff9b::/96",
    ].compactMap(NetworkRange.init)

    static func parseIPv4(_ text: String) -> [UInt8]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var result: [UInt8] = []
        for part in parts {
            // Leading zeros are refused: `010` is octal to some parsers and decimal to others.
            guard (1...3).contains(part.count), part.allSatisfy(\.isASCIIDigit), part.count == 1 || part.first != "0",
                let number = UInt8(part)
            else { return nil }
            result.append(number)
        }
        return result
    }

    static func parseIPv6(_ text: String) -> [UInt8]? {
        guard text.contains(":"), text.count <= 45 else { return nil }
        var head = text
        var tailIPv4: [UInt8] = []
        // A trailing dotted IPv4 part (`::ffff:10.0.0.1`) stands for the last two groups.
        if let lastColon = text.lastIndex(of: ":"), text[text.index(after: lastColon)...].contains(".") {
            guard let four = parseIPv4(String(text[text.index(after: lastColon)...])) else { return nil }
            tailIPv4 = four
            head = String(text[...lastColon])
            if head.hasSuffix(":") && !head.hasSuffix("::") { head.removeLast() }
        }
        let halves = head.components(separatedBy: "::")
        guard halves.count <= 2 else { return nil }
        func groups(_ part: String) -> [UInt16]? {
            if part.isEmpty { return [] }
            var found: [UInt16] = []
            for group in part.split(separator: ":", omittingEmptySubsequences: false) {
                guard (1...4).contains(group.count), let value = UInt16(group, radix: 16) else { return nil }
                found.append(value)
            }
            return found
        }
        guard let left = groups(halves[0]) else { return nil }
        let right = halves.count == 2 ? groups(halves[1]) : []
        guard let right else { return nil }
        let available = 8 - tailIPv4.count / 2
        let all: [UInt16]
        if halves.count == 2 {
            guard left.count + right.count < available else { return nil }
            all = left + Array(repeating: 0, count: available - left.count - right.count) + right
        } else {
            guard left.count == available else { return nil }
            all = left
        }
        return all.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xff)] } + tailIPv4
    }
}

/// An address range: an address and a prefix length (`203.0.113.0/24`, `2001:db8::/32`); a bare
/// address is a range of one.
public struct NetworkRange: Sendable, Hashable, CustomStringConvertible {
    public let base: NetworkAddress
    /// The prefix length over all 128 bits (an IPv4 `/24` is 120).
    public let prefixBits: Int

    /// Parses `203.0.113.0/24`, `198.51.100.7` or `2001:db8::/32`; nil for anything else.
    public init?(_ text: String) {
        let parts = text.trimmingCharacters(in: [" ", "\t"]).split(separator: "/", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let base = NetworkAddress(String(parts[0])) else { return nil }
        let familyBits = base.isIPv4 ? 32 : 128
        var length = familyBits
        if parts.count == 2 {
            guard (1...3).contains(parts[1].count), parts[1].allSatisfy(\.isASCIIDigit), let given = Int(parts[1]),
                (0...familyBits).contains(given)
            else { return nil }
            length = given
        }
        self.base = base
        self.prefixBits = length + (base.isIPv4 ? 96 : 0)
    }

    /// Whether `address` is in the range.
    public func contains(_ address: NetworkAddress) -> Bool {
        var remaining = prefixBits
        for index in 0..<16 where remaining > 0 {
            let bits = min(8, remaining)
            let mask = UInt8(truncatingIfNeeded: 0xff << (8 - bits))
            if base.bytes[index] & mask != address.bytes[index] & mask { return false }
            remaining -= bits
        }
        return true
    }

    public var description: String {
        let familyBits = base.isIPv4 ? 32 : 128
        let length = prefixBits - (base.isIPv4 ? 96 : 0)
        return length == familyBits ? base.description : "\(base)/\(length)"
    }
}
