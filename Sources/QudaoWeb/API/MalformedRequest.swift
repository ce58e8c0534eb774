import Foundation

/// A request body that cannot be read as the endpoint's JSON.
struct MalformedRequest: Error {
    let detail: String
}
