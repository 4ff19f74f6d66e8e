#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Thin wrappers over the POSIX calls the workspace uses.
enum Posix {
    /// `strerror` for an error number.
    static func message(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }

    /// `realpath`, or the error number.
    static func realPath(_ path: String) -> Result<String, PosixCode> {
        guard let resolved = realpath(path, nil) else { return .failure(PosixCode(errno)) }
        defer { free(resolved) }
        return .success(String(cString: resolved))
    }

    /// `lstat`-style information through a directory descriptor, without following a final symbolic link.
    static func status(_ directory: Int32, _ name: String, follow: Bool = false) -> stat? {
        var info = stat()
        let flags = follow ? 0 : AT_SYMLINK_NOFOLLOW
        guard fstatat(directory, name, &info, flags) == 0 else { return nil }
        return info
    }

    static func isDirectory(_ info: stat) -> Bool { info.st_mode & S_IFMT == S_IFDIR }
    static func isRegular(_ info: stat) -> Bool { info.st_mode & S_IFMT == S_IFREG }
    static func isSymbolicLink(_ info: stat) -> Bool { info.st_mode & S_IFMT == S_IFLNK }

    /// Opens a directory below `directory` without following symbolic links.
    static func openDirectory(_ directory: Int32, _ name: String) -> Int32 {
        openat(directory, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
    }

    /// Writes all of `bytes`, retrying on interruption; returns the error number on failure.
    static func writeAll(_ descriptor: Int32, _ bytes: [UInt8]) -> Int32? {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                write(descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += written
        }
        return nil
    }
}

/// An error number from a failed call.
struct PosixCode: Error {
    let code: Int32
    init(_ code: Int32) { self.code = code }
    var message: String { Posix.message(code) }
}
