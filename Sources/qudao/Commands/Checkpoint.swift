import ArgumentParser
import Foundation
import Logging
import QudaoApp
import QudaoCore
import QudaoStore
import QudaoWeb

struct Checkpoint: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a signed checkpoint of the audit log and voucher chains, for qudao verify --checkpoint.",
        discussion: """
            The file goes into --directory (default: QUDAO_CHECKPOINT_DIRECTORY or data/checkpoints), or to --output. \
            Ship it to storage the database's administrators cannot write: a later verify against it names rows removed \
            at the end, vouchers removed with the status set back, and rewritten chains.
            """)

    @OptionGroup var database: DatabaseOptions
    @Option(help: "The directory to write into.") var directory: String?
    @Option(help: "Write exactly this file instead (it must not exist).") var output: String?

    func run() async throws {
        let configuration = database.configuration()
        guard let keyMaterial = try PersonalDataCipher.existingKey(environmentValue: configuration.dataKey, keyFile: configuration.dataKeyFile)
        else {
            throw CommandFailure(
                "a checkpoint is signed with the data key: set QUDAO_DATA_KEY or QUDAO_DATA_KEY_FILE (\(configuration.dataKeyFile) is missing)")
        }
        let key = ChainKey(keyMaterial: keyMaterial)
        let opened = try await database.open(label: "qudao.checkpoint")
        let written: (URL, ChainCheckpoint)
        do {
            written = try await write(opened, key: key, configuration: configuration)
        } catch {
            await opened.close()
            throw error
        }
        await opened.close()
        let (file, checkpoint) = written
        print("wrote \(file.path): audit log up to row \(checkpoint.auditHeadSequence), vouchers of \(checkpoint.voucherHeads.count) orders")
    }

    private func write(_ opened: Database, key: ChainKey, configuration: AppConfiguration) async throws -> (URL, ChainCheckpoint) {
        let now = SystemClock().now()
        if let output {
            let target = URL(fileURLWithPath: output)
            guard !FileManager.default.fileExists(atPath: target.path) else {
                throw CommandFailure("\(output) exists; a checkpoint is never overwritten")
            }
            let checkpoint = try await opened.read { try await $0.takeCheckpoint(at: now) }
            try Data(checkpoint.encoded(key: key).utf8).write(to: target, options: .atomic)
            return (target, checkpoint)
        }
        guard let path = directory ?? configuration.checkpointDirectory else {
            throw CommandFailure("no checkpoint directory: pass --directory or --output (QUDAO_CHECKPOINT_DIRECTORY is off)")
        }
        return try await ChainCheckpointFiles.write(opened, key: key, directory: URL(fileURLWithPath: path), now: now)
    }
}
