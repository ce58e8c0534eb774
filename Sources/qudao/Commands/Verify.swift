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

    func run() async throws {
        let opened = try await database.open(label: "qudao.verify")
        let report = try await InvariantChecker.check(opened)
        await opened.close()
        for line in report.lines { print(line) }
        if !report.violations.isEmpty {
            print("FAILED: \(report.violations.count) violation(s)")
            throw ExitCode(1)
        }
        print("OK: every invariant holds.")
    }
}
