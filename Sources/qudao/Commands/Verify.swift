import ArgumentParser
import Foundation
import Hummingbird
import Logging
import QudaoApp
import QudaoCore
import QudaoFiles
import QudaoStore
import QudaoWeb

struct Verify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Check every invariant over the whole database; exits non-zero on any violation.")

    @OptionGroup var database: DatabaseOptions
    @Option(
        name: .customLong("checkpoint"),
        help: "A checkpoint file (qudao checkpoint) the chains must extend; may be given more than once.")
    var checkpointFiles: [String] = []

    func run() async throws {
        let configuration = database.configuration()
        var checkpoints: [ChainCheckpoint] = []
        if !checkpointFiles.isEmpty {
            guard
                let keyMaterial = try PersonalDataCipher.existingKey(environmentValue: configuration.dataKey, keyFile: configuration.dataKeyFile)
            else {
                throw CommandFailure("a checkpoint's signature is checked with the data key: set QUDAO_DATA_KEY or QUDAO_DATA_KEY_FILE")
            }
            for path in checkpointFiles {
                do {
                    checkpoints.append(try ChainCheckpointFiles.read(URL(fileURLWithPath: path), key: ChainKey(keyMaterial: keyMaterial)))
                } catch let error as CheckpointFileError {
                    print("FAIL  checkpoint \(path): \(error)")
                    print("FAILED: the checkpoint cannot be believed")
                    throw ExitCode(1)
                } catch {
                    throw CommandFailure("checkpoint \(path) cannot be read: \(error.localizedDescription)")
                }
            }
        }
        let opened = try await database.open(label: "qudao.verify")
        let report: InvariantReport
        do {
            report = try await InvariantChecker.check(opened, checkpoints: checkpoints)
        } catch {
            await opened.close()
            throw error
        }
        await opened.close()
        for line in report.lines { print(line) }
        if !report.violations.isEmpty {
            print("FAILED: \(report.violations.count) violation(s)")
            throw ExitCode(1)
        }
        print("OK: every invariant holds.")
    }
}
