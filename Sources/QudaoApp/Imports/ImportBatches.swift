import Foundation
import QudaoCore
import QudaoStore

/// Stored import batches, whichever sheet they came from.
public enum ImportBatches {
    /// The kind of sheet (`products`, `partners`) a stored batch holds; an unknown id is not found.
    public static func kind(of batchId: String, _ platform: Platform) async throws -> String {
        guard Identifier.isWellFormed(batchId, prefix: "imp"), let batch = try await platform.database.read({ try await $0.importBatch(id: batchId) })
        else { throw AppError.notFound(entity: "import") }
        return batch.kind
    }
}
