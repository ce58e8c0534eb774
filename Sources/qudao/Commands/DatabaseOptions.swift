import ArgumentParser
import Foundation
import Hummingbird
import Logging
import QudaoApp
import QudaoCore
import QudaoFiles
import QudaoStore
import QudaoWeb

/// Options shared by every command that touches the database.
struct DatabaseOptions: ParsableArguments {
    @Option(
        name: .customLong("database-url"),
        help: "sqlite://PATH or postgres://USER:PASSWORD@HOST:PORT/DB (default: DATABASE_URL or sqlite://data/qudao.sqlite)")
    var databaseURL: String?

    func configuration() -> AppConfiguration {
        var configuration = AppConfiguration.fromEnvironment()
        if let databaseURL { configuration.databaseURL = databaseURL }
        return configuration
    }

    /// Opens the configured database without migrating it (for commands that inspect or migrate).
    func open(label: String) async throws -> Database {
        try await Database.open(try DatabaseLocation.parse(configuration().databaseURL), logger: Logger(label: label))
    }
}
