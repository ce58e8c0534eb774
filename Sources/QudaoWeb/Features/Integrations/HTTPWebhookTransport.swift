import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import QudaoApp
import QudaoCore

#if canImport(Glibc)
    import Glibc
#endif

/// Sends webhooks with a real HTTP client: redirects are not followed (a redirect to an internal
/// address would go round the check), every attempt has a deadline, at most 4 KiB of the answer
/// is read, and, unless the operator allows internal targets, a host that resolves to this
/// machine or a private network is refused before any connection (server-side request forgery).
public final class HTTPWebhookTransport: WebhookTransport {
    private let client: HTTPClient
    private let allowsInternalTargets: Bool

    /// Creates a transport; `allowsInternalTargets` lifts the address check (closed networks, tests).
    public init(allowsInternalTargets: Bool) {
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow, timeout: .init(connect: .seconds(5), read: .seconds(WebhookPolicy.requestTimeoutSeconds)))
        configuration.decompression = .disabled
        configuration.connectionPool = .init(idleTimeout: .seconds(30))
        self.client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        self.allowsInternalTargets = allowsInternalTargets
    }

    /// Closes the client's connections; call once, when the worker stops.
    public func shutdown() async {
        try? await client.shutdown()
    }

    public func post(url: String, headers: [(String, String)], body: String, timeoutSeconds: Int64) async -> WebhookAnswer {
        guard let components = URLComponents(string: url), let host = components.host, !host.isEmpty else {
            return WebhookAnswer(statusCode: nil, excerpt: "not a URL")
        }
        if !allowsInternalTargets {
            let addresses = Self.resolve(host)
            if addresses.isEmpty { return WebhookAnswer(statusCode: nil, excerpt: "the host \(host) does not resolve") }
            if let inside = addresses.first(where: \.isInternal) {
                return WebhookAnswer(statusCode: nil, excerpt: "refused: \(host) resolves to the internal address \(inside)")
            }
        }
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(string: body))
        do {
            let response = try await client.execute(request, timeout: .seconds(timeoutSeconds))
            var excerpt = ByteBuffer()
            for try await var chunk in response.body {
                excerpt.writeBuffer(&chunk)
                if excerpt.readableBytes >= 4_096 { break }
            }
            let text = String(decoding: excerpt.readableBytesView.prefix(WebhookPolicy.responseExcerptBytes), as: UTF8.self)
            return WebhookAnswer(statusCode: Int(response.status.code), excerpt: text)
        } catch {
            return WebhookAnswer(statusCode: nil, excerpt: String(describing: error).prefix(300).description)
        }
    }

    /// Every address `host` names: the address itself when it is one, else what the resolver answers.
    static func resolve(_ host: String) -> [NetworkAddress] {
        if let literal = NetworkAddress(host) { return [literal] }
        #if canImport(Glibc)
            var hints = addrinfo()
            hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
            var results: UnsafeMutablePointer<addrinfo>?
            guard getaddrinfo(host, nil, &hints, &results) == 0, let first = results else { return [] }
            defer { freeaddrinfo(first) }
            var addresses: [NetworkAddress] = []
            var cursor: UnsafeMutablePointer<addrinfo>? = first
            while let entry = cursor {
                var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
                if entry.pointee.ai_family == AF_INET, let raw = entry.pointee.ai_addr {
                    var address = raw.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee.sin_addr }
                    inet_ntop(AF_INET, &address, &buffer, socklen_t(buffer.count))
                } else if entry.pointee.ai_family == AF_INET6, let raw = entry.pointee.ai_addr {
                    var address = raw.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { $0.pointee.sin6_addr }
                    inet_ntop(AF_INET6, &address, &buffer, socklen_t(buffer.count))
                }
                let text = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
                if let parsed = NetworkAddress(text) { addresses.append(parsed) }
                cursor = entry.pointee.ai_next
            }
            return addresses
        #else
            return []
        #endif
    }
}
