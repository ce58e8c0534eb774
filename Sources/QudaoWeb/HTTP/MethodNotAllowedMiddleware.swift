import Foundation
import HTTPTypes
import Hummingbird

/// Answers 405 with `Allow` when a path exists but not for the request's method (RFC 9110 §15.5.6),
/// where the router alone answers 404, which tells a client the resource does not exist at all.
struct MethodNotAllowedMiddleware: RouterMiddleware {
    let routes: RouteTable

    func handle(
        _ request: Request, context: QudaoRequestContext, next: (Request, QudaoRequestContext) async throws -> Response
    ) async throws
        -> Response
    {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            let allowed = routes.methods(forPath: request.uri.path)
            guard !allowed.isEmpty, !allowed.contains(request.method) else { throw error }
            var headers: HTTPFields = [:]
            headers[.allow] = allowed.map(\.rawValue).sorted().joined(separator: ", ")
            throw HTTPError(.methodNotAllowed, headers: headers)
        }
    }
}

/// The registered routes, to tell which methods a path answers. It is filled once, after every route
/// is registered (the middleware that reads it is added before the routes).
final class RouteTable: @unchecked Sendable {
    private struct Route {
        let segments: [Segment]
        let methods: Set<HTTPRequest.Method>
    }

    private enum Segment: Equatable {
        case literal(String)
        case parameter
        case remainder
    }

    private let lock = NSLock()
    private var routes: [Route] = []

    /// Records the routes as `(method, path)` pairs, paths spelt as the router prints them.
    func load(_ pairs: [(method: HTTPRequest.Method, path: String)]) {
        var byPath: [String: Set<HTTPRequest.Method>] = [:]
        for pair in pairs { byPath[pair.path, default: []].insert(pair.method) }
        let built = byPath.map { path, methods in Route(segments: Self.segments(path), methods: methods) }
        lock.lock()
        routes = built
        lock.unlock()
    }

    /// The methods of the route the router would pick for `path`: like the router, a literal segment
    /// wins over a parameter and a parameter over a trailing wildcard, segment by segment.
    func methods(forPath path: String) -> Set<HTTPRequest.Method> {
        lock.lock()
        let all = routes
        lock.unlock()
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        var best: (rank: [Int], methods: Set<HTTPRequest.Method>)?
        for route in all {
            guard let rank = Self.rank(route.segments, parts) else { continue }
            if let current = best, rank == current.rank {
                best = (rank, current.methods.union(route.methods))
            } else if best == nil || rank.lexicographicallyPrecedes(best!.rank) {
                best = (rank, route.methods)
            }
        }
        return best?.methods ?? []
    }

    /// How specifically a route matches the parts of a path (lower is more specific), or nil.
    private static func rank(_ segments: [Segment], _ parts: [String]) -> [Int]? {
        var rank: [Int] = []
        for (index, segment) in segments.enumerated() {
            switch segment {
            case .remainder:
                guard parts.count > index else { return nil }
                return rank + [2]
            case .parameter:
                guard index < parts.count else { return nil }
                rank.append(1)
            case .literal(let text):
                guard index < parts.count, parts[index] == text else { return nil }
                rank.append(0)
            }
        }
        return parts.count == segments.count ? rank : nil
    }

    private static func segments(_ path: String) -> [Segment] {
        path.split(separator: "/", omittingEmptySubsequences: true).map { part in
            if part == "**" { return .remainder }
            if part == "*" || part.hasPrefix(":") || (part.hasPrefix("{") && part.hasSuffix("}")) { return .parameter }
            return .literal(String(part))
        }
    }
}
