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

    /// Opens the configured database without migrating it (for commands that inspect or migrate),
    /// with the chain key when the data key is there, so keyed chains can be checked. A missing key
    /// is not created here: `qudao verify` then reports every keyed row as unverifiable.
    func open(label: String) async throws -> Database {
        let configuration = configuration()
        let database = try await Database.open(try DatabaseLocation.parse(configuration.databaseURL), logger: Logger(label: label))
        if let key = try PersonalDataCipher.existingKey(environmentValue: configuration.dataKey, keyFile: configuration.dataKeyFile) {
            database.useChainKey(ChainKey(keyMaterial: key))
        }
        return database
    }
}
