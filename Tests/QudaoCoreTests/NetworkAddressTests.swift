import Foundation
import QudaoCore
import Testing

/// Addresses and ranges as API keys' allowed addresses and the webhook guard read them.
@Suite("Network addresses")
struct NetworkAddressTests {
    @Test(
        "addresses parse strictly: IPv4 without leading zeros, IPv6 with :: and a dotted tail, host names never",
        arguments: [
            ("203.0.113.7", "203.0.113.7"), ("0.0.0.0", "0.0.0.0"), ("2001:db8::1", "2001:db8:0:0:0:0:0:1"), ("::1", "0:0:0:0:0:0:0:1"),
            ("::ffff:10.0.0.1", "10.0.0.1"), ("[fe80::1]", "fe80:0:0:0:0:0:0:1"), ("1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8"),
        ])
    func parses(text: String, expected: String) {
        #expect(NetworkAddress(text)?.description == expected)
    }

    @Test(
        "anything else is refused",
        arguments: [
            "", "localhost", "203.0.113", "203.0.113.7.1", "256.1.1.1", "010.0.0.1", "1.2.3.-4", "2001:db8:::1", "1:2:3:4:5:6:7:8:9",
            "12345::", "::g", "1::2::3", "example.com", "203.0.113.7/24",
        ])
    func refuses(text: String) {
        #expect(NetworkAddress(text) == nil)
    }

    @Test(
        "a range holds the addresses under its prefix, in its own family only",
        arguments: [
            ("203.0.113.0/24", "203.0.113.255", true), ("203.0.113.0/24", "203.0.114.0", false), ("198.51.100.7", "198.51.100.7", true),
            ("198.51.100.7", "198.51.100.8", false), ("0.0.0.0/0", "8.8.8.8", true), ("0.0.0.0/0", "2001:db8::1", false),
            ("2001:db8::/32", "2001:db8:ffff::1", true), ("2001:db8::/32", "2001:db9::1", false), ("10.0.0.0/8", "::ffff:10.1.2.3", true),
            ("172.16.0.0/12", "172.31.255.255", true), ("172.16.0.0/12", "172.32.0.0", false),
        ])
    func ranges(range: String, address: String, contained: Bool) throws {
        let parsed = try #require(NetworkRange(range))
        let candidate = try #require(NetworkAddress(address))
        #expect(parsed.contains(candidate) == contained)
    }

    @Test(
        "range texts: bad prefixes are refused, and a range prints as it is typed",
        arguments: ["10.0.0.0/33", "10.0.0.0/", "::/129", "10.0.0.0/8/8", "10.0.0.0/x"])
    func badRanges(text: String) {
        #expect(NetworkRange(text) == nil)
        #expect(NetworkRange("203.0.113.0/24")?.description == "203.0.113.0/24" && NetworkRange("198.51.100.7")?.description == "198.51.100.7")
    }

    @Test(
        "internal addresses (loopback, private, link-local, shared, unspecified) are told from public ones",
        arguments: [
            ("127.0.0.1", true), ("10.20.30.40", true), ("172.16.5.4", true), ("192.168.1.1", true), ("169.254.169.254", true),
            ("100.64.0.1", true), ("0.0.0.0", true), ("::1", true), ("::", true), ("fd00::1", true), ("fe80::1", true),
            ("::ffff:127.0.0.1", true), ("203.0.113.7", false), ("8.8.8.8", false), ("2001:db8::1", false), ("172.32.0.1", false),
        ])
    func internalAddresses(text: String, isInternal: Bool) throws {
        #expect(try #require(NetworkAddress(text)).isInternal == isInternal)
    }
}
