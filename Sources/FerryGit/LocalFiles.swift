#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The few file operations the adapter needs, on POSIX calls directly (no Foundation): private
/// directories, files written with an explicit mode, recursive removal and advisory locks.
enum LocalFiles {
    /// Creates a fresh directory `<parent>/<prefix>XXXXXX` with mode 0700 and returns its path.
    static func makeTemporaryDirectory(in parent: String, prefix: String) throws(GitError) -> String {
        var template = Array("\(parent)/\(prefix)XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer -> Bool in
            guard let base = buffer.baseAddress else { return false }
            return mkdtemp(base) != nil
        }
        guard made else { throw .local("could not create a temporary directory under \(parent): \(errorText())") }
        return template.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { preconditionFailure("invariant: template buffer has storage") }
            return String(cString: base)
        }
    }

    /// The directory for temporary files: `$TMPDIR`, else `/tmp`.
    static var temporaryRoot: String {
        if let value = getenv("TMPDIR"), value.pointee != 0 {
            let text = String(cString: value)
            return text.count > 1 && text.hasSuffix("/") ? String(text.dropLast()) : text
        }
        return "/tmp"
    }

    /// Creates a directory and its parents (mode 0700 for new ones); existing ones are fine.
    static func makeDirectories(_ path: String) throws(GitError) {
        var current = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            current += "/\(component)"
            if mkdir(current, 0o700) != 0 && errno != EEXIST {
                throw .local("could not create directory \(current): \(errorText())")
            }
        }
    }

    /// Writes a new file with the given mode (0600 for anything secret). Fails if it exists.
    static func writeFile(_ path: String, contents: [UInt8], mode: mode_t) throws(GitError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw .local("could not create \(path): \(errorText())") }
        defer { close(descriptor) }
        // The umask may have removed bits; set the mode exactly.
        _ = fchmod(descriptor, mode)
        var offset = 0
        while offset < contents.count {
            let written = contents.withUnsafeBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return write(descriptor, base + offset, contents.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw .local("could not write \(path): \(errorText())")
            }
            offset += written
        }
    }

    /// Writes a new file with text contents.
    static func writeFile(_ path: String, text: String, mode: mode_t) throws(GitError) {
        try writeFile(path, contents: Array(text.utf8), mode: mode)
    }

    /// Reads a whole file, or `nil` if it cannot be opened.
    static func readFile(_ path: String, limit: Int = 1 << 20) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var result: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while result.count < limit {
            let count = buffer.withUnsafeMutableBytes { raw in read(descriptor, raw.baseAddress, raw.count) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            result.append(contentsOf: buffer[0..<count])
        }
        return result
    }

    /// Whether something exists at the path (without following a final symlink).
    static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    /// Whether the path is a directory.
    static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// Removes a file or a directory tree; a missing path is fine. Symlinks are removed, not followed.
    static func removeTree(_ path: String) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        if (info.st_mode & S_IFMT) != S_IFDIR {
            unlink(path)
            return
        }
        if let directory = opendir(path) {
            var children: [String] = []
            while let entry = readdir(directory) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
                }
                if name != "." && name != ".." { children.append(name) }
            }
            closedir(directory)
            for child in children { removeTree("\(path)/\(child)") }
        }
        rmdir(path)
    }

    /// The path made absolute against the current directory (`.` and `..` components kept for the kernel to resolve).
    static func absolute(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buffer, buffer.count) != nil else { return "/" + path }
        let current = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return (current == "/" ? "" : current) + "/" + path
    }

    /// The directory holding a path (`/` for top-level paths).
    static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return "/" }
        return String(path[..<slash])
    }

    /// The current `errno` as text.
    static func errorText() -> String { String(cString: strerror(errno)) }
}
