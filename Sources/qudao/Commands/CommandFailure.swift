import ArgumentParser
import Foundation
import Logging
import QudaoApp
import QudaoCore
import QudaoWeb

/// A command that could not do its work: ArgumentParser prints "Error: …" and exits with 1,
/// without the usage text that belongs to mistyped arguments.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
