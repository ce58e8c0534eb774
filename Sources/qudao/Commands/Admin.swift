import ArgumentParser
import Foundation
import Logging
import QudaoApp
import QudaoCore
import QudaoWeb

#if canImport(Glibc)
    import Glibc
#endif

/// `qudao admin`: HQ admin accounts from the server's own command line, for going live without
/// the demo and for a forgotten password. Passwords are never a flag (they would stay in the shell's
/// history and the process list): they are read from the terminal without echo, or from standard
/// input when it is not a terminal, for scripts.
struct Admin: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create HQ admins and reset passwords (passwords are read from the terminal or standard input).",
        subcommands: [AdminCreate.self, AdminResetPassword.self])
}

struct AdminCreate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create", abstract: "Create an HQ admin account; any first-run setup link stops working.")

    @OptionGroup var database: DatabaseOptions
    @Option(help: "The login name: 3–64 lower-case letters, digits, dots, hyphens or underscores.") var username: String
    @Option(name: .customLong("display-name"), help: "The name shown in the header and the audit log (default: the login name).")
    var displayName: String?

    func run() async throws {
        let password = try PasswordPrompt.read(confirm: true)
        let platform = try await openPlatform(database.configuration(), logger: Logger(label: "qudao.admin"))
        do {
            let account = try await AccountService(platform: platform).createAdministrator(
                username: username, displayName: displayName ?? username, password: password, origin: PasswordPrompt.origin("qudao admin create"))
            await platform.database.close()
            print("Created the HQ admin \(account.username). Sign in at /login.")
        } catch AppError.validation(let failure) {
            await platform.database.close()
            throw CommandFailure(PasswordPrompt.describe(failure))
        }
    }
}

struct AdminResetPassword: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reset-password", abstract: "Set a new password for an account; its sessions end and its sign-in lock is lifted.")

    @OptionGroup var database: DatabaseOptions
    @Argument(help: "The account's login name.") var username: String

    func run() async throws {
        let password = try PasswordPrompt.read(confirm: true)
        let platform = try await openPlatform(database.configuration(), logger: Logger(label: "qudao.admin"))
        do {
            let account = try await AccountService(platform: platform).resetPasswordFromCommandLine(
                username: username, password: password, origin: PasswordPrompt.origin("qudao admin reset-password"))
            await platform.database.close()
            print("The password of \(account.username) was changed; its sessions were signed out.")
        } catch AppError.validation(let failure) {
            await platform.database.close()
            throw CommandFailure(PasswordPrompt.describe(failure))
        }
    }
}
