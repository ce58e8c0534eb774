import ArgumentParser
import Foundation
import Hummingbird
import Logging
import QudaoApp
import QudaoCore
import QudaoFiles
import QudaoStore
import QudaoWeb

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Load the demo dataset (safe to run again: nothing is duplicated).")

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        var configuration = database.configuration()
        configuration.migrateOnStart = true
        let platform = try await openPlatform(configuration, logger: Logger(label: "qudao.demo"))
        let summary: DemoData.LoadSummary
        do {
            summary = try await DemoData.load(platform)
        } catch let refused as DemoDataRefused {
            await platform.database.close()
            throw CommandFailure(refused.description)
        }
        print(
            "Demo data: \(summary.partnersCreated) partners, \(summary.accountsCreated) accounts, \(summary.categoriesCreated) categories, \(summary.productsCreated) products and \(summary.ordersCreated) orders created."
        )
        await platform.database.close()
    }
}
