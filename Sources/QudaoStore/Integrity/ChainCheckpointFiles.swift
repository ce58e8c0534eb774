import Foundation
import QudaoCore

/// Checkpoint files in a directory outside the database: written by `qudao checkpoint` and daily
/// by `qudao serve`, read by `qudao verify --checkpoint`. The operator ships them to storage the
/// database's administrators cannot write (see docs/OPERATIONS.md); a checkpoint kept only beside
/// the server guards against someone who holds the database, not against someone who holds the machine.
public enum ChainCheckpointFiles {
    /// How often the server writes one.
    public static let intervalSeconds: TimeInterval = 86_400
    /// How many files the daily job keeps in its directory (older ones are removed, oldest first).
    public static let maximumFilesKept = 400
    static let prefix = "qudao-checkpoint-"
    static let suffix = ".txt"

    /// Takes a checkpoint and writes it into `directory` (created if missing), atomically, as
    /// `qudao-checkpoint-<milliseconds>-<audit row>.txt`; returns the file and what it holds.
    @discardableResult
    public static func write(_ database: Database, key: ChainKey, directory: URL, now: Date) async throws -> (URL, ChainCheckpoint) {
        let checkpoint = try await database.read { try await $0.takeCheckpoint(at: now) }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent(
            "\(prefix)\(Timestamp.milliseconds(now))-\(checkpoint.auditHeadSequence)\(suffix)")
        try Data(checkpoint.encoded(key: key).utf8).write(to: file, options: .atomic)
        return (file, checkpoint)
    }

    /// Writes one when the newest in `directory` is a day old or there is none, then keeps the
    /// newest ``maximumFilesKept``. Several instances sharing a directory may each write one at
    /// the same moment; that is harmless. Returns the file written, if any.
    @discardableResult
    public static func writeIfDue(_ database: Database, key: ChainKey, directory: URL, now: Date) async throws -> URL? {
        let existing = try files(in: directory)
        if let newest = existing.last, now.timeIntervalSince(newest.takenAt) < intervalSeconds { return nil }
        let (file, _) = try await write(database, key: key, directory: directory, now: now)
        for old in try files(in: directory).dropLast(maximumFilesKept) { try? FileManager.default.removeItem(at: old.url) }
        return file
    }

    /// The checkpoint files in `directory`, oldest first, by the time in their names.
    public static func files(in directory: URL) throws -> [(url: URL, takenAt: Date)] {
        guard FileManager.default.fileExists(atPath: directory.path) else { return [] }
        return try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil).compactMap { url in
            let name = url.lastPathComponent
            guard name.hasPrefix(prefix), name.hasSuffix(suffix) else { return nil }
            let stamp = name.dropFirst(prefix.count).prefix { $0 != "-" }
            guard let milliseconds = Int64(stamp) else { return nil }
            return (url, Timestamp.date(milliseconds))
        }.sorted { $0.takenAt < $1.takenAt }
    }

    /// Reads and checks the signature of a checkpoint file.
    public static func read(_ file: URL, key: ChainKey) throws -> ChainCheckpoint {
        let attributes = try FileManager.default.attributesOfItem(atPath: file.path)
        if let size = attributes[.size] as? Int, size > ChainCheckpoint.maximumFileBytes {
            throw CheckpointFileError(line: nil, problem: "is larger than \(ChainCheckpoint.maximumFileBytes / 1_048_576) MB")
        }
        guard let text = String(data: try Data(contentsOf: file), encoding: .utf8) else {
            throw CheckpointFileError(line: nil, problem: "is not UTF-8 text")
        }
        return try ChainCheckpoint.decode(text, key: key)
    }
}
