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
    /// The client's `User-Agent`, as the audit log records it.
    public var userAgent: String = ""
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

    /// Where the request came from, as the audit log records it.
    public var origin: RequestOrigin { RequestOrigin(sourceIP: sourceIP, userAgent: userAgent) }

    /// The signed-in caller a use case acts for, or an authentication error when nobody is signed
    /// in. Handlers read it here (`try context.caller`) rather than rebuilding it from the request.
    public var caller: Caller {
        get throws(AppError) {
            guard let authenticated else { throw AppError.unauthenticated }
            return Caller(principal: authenticated.principal, origin: origin)
        }
    }
}
