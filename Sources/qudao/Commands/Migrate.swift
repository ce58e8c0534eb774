import ArgumentParser
import Foundation
import Hummingbird
import Logging
import QudaoApp
import QudaoCore
import QudaoFiles
import QudaoStore
import QudaoWeb

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply pending database migrations.")

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let opened = try await database.open(label: "qudao.migrate")
        let applied = try await Migrator.migrate(opened, now: Date())
        print(applied.isEmpty ? "The database is up to date." : "Applied migrations: \(applied.map(String.init).joined(separator: ", "))")
        await opened.close()
    }
}
