import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// An exclusive `flock` on a file, released when it is released or when its process dies.
final class FileLock: @unchecked Sendable {
    private let descriptor: Int32

    /// Takes the lock without waiting, or returns nil when another holder has it.
    init?(path: String) {
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return nil }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            return nil
        }
        self.descriptor = descriptor
    }

    /// Releases the lock.
    func release() {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}

/// Names of exclusive locks held by this process, so two tasks of one process exclude each other too.
actor HeldLocks {
    private var names: Set<String> = []

    func take(_ name: String) -> Bool {
        names.insert(name).inserted
    }

    func release(_ name: String) {
        names.remove(name)
    }
}
