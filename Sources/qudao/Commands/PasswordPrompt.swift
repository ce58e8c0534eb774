import ArgumentParser
import Foundation
import Logging
import QudaoApp
import QudaoCore
import QudaoWeb

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
