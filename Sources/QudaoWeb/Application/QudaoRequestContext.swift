import Foundation
import Hummingbird
import NIOCore
import QudaoApp
import QudaoCore

/// The per-request context: who is signed in, in which language, and from where.
public struct QudaoRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The connected peer.
    public let remoteAddress: SocketAddress?
    /// The signed-in account and session, set by the authentication middleware.
    public var authenticated: Authenticated?
    /// The interface language, from the `lang` cookie or `Accept-Language`.
    public var language: Language = .chinese
    /// The client address as the audit log records it.
    public var sourceIP: String = "unknown"
    /// The signed-in reader's unread notifications, read for pages (the header's badge and banner).
    public var notificationCounts: NotificationCounts = .none
    /// The brand's profile, read for pages (the header, the consumer's order page).
    public var company: CompanyProfile = .unset

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.remoteAddress = source.channel.remoteAddress
    }

    /// Request bodies are bounded; uploads get their own limit where they exist.
    public var maxUploadSize: Int { 1_048_576 }

    /// The caller, or an authentication error when nobody is signed in.
    public func caller(userAgent: String) throws(AppError) -> Caller {
        guard let authenticated else { throw AppError.unauthenticated }
        return Caller(principal: authenticated.account.principal, origin: RequestOrigin(sourceIP: sourceIP, userAgent: userAgent))
    }
}
