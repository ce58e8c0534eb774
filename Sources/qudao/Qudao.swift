import ArgumentParser
import Foundation
import Hummingbird
import Logging
import QudaoApp
import QudaoCore
import QudaoFiles
import QudaoStore
import QudaoWeb

/// The `qudao` command line: serve the platform, migrate the database, load demo data, verify invariants and checkpoint the chains.
@main
struct Qudao: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qudao",
        abstract: "Qudao (渠道) distribution management platform.",
        subcommands: [Serve.self, Migrate.self, Admin.self, Demo.self, Verify.self, Checkpoint.self, Settle.self, Import.self, Export.self],
        defaultSubcommand: Serve.self)
}
