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

/// Reading a password without showing it.
enum PasswordPrompt {
    /// Most bytes read from standard input for a password (bcrypt reads 72).
    static let maximumLineBytes = 1_024

    /// Where a command-line change came from, for the audit log: the machine's user.
    static func origin(_ command: String) -> RequestOrigin {
        let user = ProcessInfo.processInfo.environment["USER"] ?? ProcessInfo.processInfo.environment["LOGNAME"] ?? "unknown"
        return RequestOrigin(sourceIP: "local", userAgent: "\(command) (os user \(user))")
    }

    /// The password from the terminal (asked twice, without echo) or the first line of standard input.
    static func read(confirm: Bool) throws -> String {
        guard isatty(STDIN_FILENO) == 1 else {
            guard let line = readLine(strippingNewline: true), !line.isEmpty else {
                throw CommandFailure("no password on standard input (give it as the first line)")
            }
            guard line.utf8.count <= maximumLineBytes else { throw CommandFailure("the password line is too long") }
            return line
        }
        let first = try readHidden(prompt: "Password: ")
        if confirm {
            let second = try readHidden(prompt: "Repeat the password: ")
            guard first == second else { throw CommandFailure("the two passwords differ; nothing was changed") }
        }
        return first
    }

    private static func readHidden(prompt: String) throws -> String {
        FileHandle.standardError.write(Data(prompt.utf8))
        var original = termios()
        guard tcgetattr(STDIN_FILENO, &original) == 0 else { throw CommandFailure("cannot read the terminal's settings") }
        var silent = original
        silent.c_lflag &= ~tcflag_t(ECHO)
        guard tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent) == 0 else { throw CommandFailure("cannot turn the terminal's echo off") }
        defer {
            _ = tcsetattr(STDIN_FILENO, TCSAFLUSH, &original)
            FileHandle.standardError.write(Data("\n".utf8))
        }
        return readLine(strippingNewline: true) ?? ""
    }

    /// Every field's problem in one line, as the command line reports it.
    static func describe(_ failure: ValidationFailure) -> String {
        failure.errors.map { "\($0.field) \(Import.describe($0.problem))" }.joined(separator: "; ")
    }
}

/// A command that could not do its work: ArgumentParser prints "Error: …" and exits with 1,
/// without the usage text that belongs to mistyped arguments.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
