import Foundation
import QudaoCore
import QudaoStore

/// The daily signed checkpoint of the tamper-evident chains, written by `qudao serve`'s scheduler
/// into a directory outside the database (docs/OPERATIONS.md, decision 0011).
public struct CheckpointService: Sendable {
    let platform: Platform

    /// Creates the service.
    public init(platform: Platform) {
        self.platform = platform
    }

    /// Writes a checkpoint into `directory` when the newest there is a day old or there is none;
    /// returns the file written, if any.
    @discardableResult
    public func writeIfDue(directory: URL) async throws -> URL? {
        try await ChainCheckpointFiles.writeIfDue(
            platform.database, key: platform.cipher.chainKey, directory: directory, now: platform.clock.now())
    }
}
