public import FerryCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The files of a tree worth handing to the setters.
public struct ManifestScan: Sendable {
    /// The candidate files that contain the marker key, in walk order (paths relative to the update path).
    public var files: [ManifestFile]
    /// Notes about what was skipped (symbolic links).
    public var diagnostics: [SetterDiagnostic]
    /// How many files with a candidate name were read.
    public var filesRead: Int

    /// Creates a scan.
    public init(files: [ManifestFile] = [], diagnostics: [SetterDiagnostic] = [], filesRead: Int = 0) {
        self.files = files
        self.diagnostics = diagnostics
        self.filesRead = filesRead
    }
}

extension ManifestTree {
    /// Walks the update path and returns the candidate files that contain the marker key.
    ///
    /// - Throws: ``WorkspaceError`` of kind ``WorkspaceError/Kind/io`` when a directory or a candidate file cannot be
    ///   read (as in Flux, a read error aborts the update; an unreadable symbolic link cannot occur since none is
    ///   followed).
    public func readCandidates() throws(WorkspaceError) -> ManifestScan {
        var walker = Walker(faults: faults)
        if startIsDirectory {
            let descriptor = open(start, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            guard descriptor >= 0 else { throw WorkspaceError(.io, path: updatePath, message: "cannot open \"\(start)\": \(Posix.message(errno))") }
            defer { close(descriptor) }
            try walker.walk(descriptor, prefix: "")
        } else {
            let slash = start.utf8.lastIndex(of: UInt8(ascii: "/")).map { start.utf8.index(after: $0) } ?? start.utf8.startIndex
            let name = String(start[slash...])
            let parent = String(start[..<slash])
            let descriptor = open(parent.isEmpty ? "/" : parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            guard descriptor >= 0 else { throw WorkspaceError(.io, path: updatePath, message: "cannot open \"\(parent)\": \(Posix.message(errno))") }
            defer { close(descriptor) }
            try walker.readFile(descriptor, name: name, relative: name, requireCandidateName: true)
        }
        return walker.scan
    }

    /// The name rule: `*.yaml`, `*.yml` or exactly `Kustomization`.
    static func isCandidateName(_ name: String) -> Bool {
        name.hasSuffix(".yaml") || name.hasSuffix(".yml") || name == "Kustomization"
    }
}

/// A depth-first walk through directory descriptors (`openat` with `O_NOFOLLOW`), in byte order of names, reading
/// candidate files into one reused buffer.
private struct Walker {
    let faults: WorkspaceFaults
    var scan = ManifestScan()
    var buffer = [UInt8](repeating: 0, count: 1 << 16)

    init(faults: WorkspaceFaults) {
        self.faults = faults
    }

    mutating func walk(_ directory: Int32, prefix: String) throws(WorkspaceError) {
        for (name, type) in try entries(directory, prefix: prefix) {
            let relative = prefix + name
            switch type {
            case .directory:
                if name == ".git" { continue }
                let child = Posix.openDirectory(directory, name)
                guard child >= 0 else {
                    if errno == ELOOP || errno == ENOTDIR { continue }  // replaced by a link or a file meanwhile
                    throw WorkspaceError(.io, path: relative, message: "cannot read the directory \(relative): \(Posix.message(errno))")
                }
                defer { close(child) }
                try walk(child, prefix: relative + "/")
            case .regular:
                try readFile(directory, name: name, relative: relative, requireCandidateName: true)
            case .symbolicLink:
                noteLink(directory, name: name, relative: relative)
            case .other:
                continue
            }
        }
    }

    enum EntryType {
        case directory
        case regular
        case symbolicLink
        case other
    }

    private func entries(_ directory: Int32, prefix: String) throws(WorkspaceError) -> [(String, EntryType)] {
        let copy = dup(directory)
        guard copy >= 0, let stream = fdopendir(copy) else {
            if copy >= 0 { close(copy) }
            throw WorkspaceError(.io, path: prefix, message: "cannot list the directory \(prefix.isEmpty ? "." : prefix): \(Posix.message(errno))")
        }
        defer { closedir(stream) }
        var result: [(String, EntryType)] = []
        while let entry = readdir(stream) {
            let name = withUnsafePointer(to: &entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: CChar.self, capacity: MemoryLayout.size(ofValue: entry.pointee.d_name)) { String(cString: $0) }
            }
            if name == "." || name == ".." { continue }
            var type: EntryType
            switch Int32(entry.pointee.d_type) {
            case Int32(DT_DIR): type = .directory
            case Int32(DT_REG): type = .regular
            case Int32(DT_LNK): type = .symbolicLink
            case Int32(DT_UNKNOWN):
                guard let info = Posix.status(directory, name) else { continue }
                type = Posix.isDirectory(info) ? .directory : Posix.isRegular(info) ? .regular : Posix.isSymbolicLink(info) ? .symbolicLink : .other
            default: type = .other
            }
            result.append((name, type))
        }
        result.sort { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }
        return result
    }

    mutating func readFile(_ directory: Int32, name: String, relative: String, requireCandidateName: Bool) throws(WorkspaceError) {
        if requireCandidateName && !ManifestTree.isCandidateName(name) { return }
        if let code = faults.read[relative] { throw WorkspaceError(.io, path: relative, message: "cannot read \(relative): \(Posix.message(code))") }
        let descriptor = openat(directory, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else {
            if errno == ELOOP { return noteLink(directory, name: name, relative: relative) }
            throw WorkspaceError(.io, path: relative, message: "cannot read \(relative): \(Posix.message(errno))")
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            throw WorkspaceError(.io, path: relative, message: "cannot read \(relative): \(Posix.message(errno))")
        }
        guard Posix.isRegular(info) else { return }
        let size = Int(info.st_size)
        if buffer.count < size + 1 { buffer = [UInt8](repeating: 0, count: size + 1) }
        var filled = 0
        while true {
            if filled == buffer.count { buffer.append(contentsOf: repeatElement(0, count: buffer.count)) }
            let count = buffer.withUnsafeMutableBytes { raw in read(descriptor, raw.baseAddress.map { $0 + filled }, raw.count - filled) }
            if count > 0 {
                filled += count
            } else if count == 0 {
                break
            } else if errno != EINTR {
                throw WorkspaceError(.io, path: relative, message: "cannot read \(relative): \(Posix.message(errno))")
            }
        }
        scan.filesRead += 1
        let keep = buffer.withUnsafeBufferPointer { whole in MarkerScreen.containsMarkerKey(UnsafeBufferPointer(rebasing: whole[0..<filled])) }
        if keep { scan.files.append(ManifestFile(path: relative, bytes: Array(buffer[0..<filled]))) }
    }

    private mutating func noteLink(_ directory: Int32, name: String, relative: String) {
        let target = Posix.status(directory, name, follow: true)
        let toDirectory = target.map(Posix.isDirectory) ?? false
        guard toDirectory || ManifestTree.isCandidateName(name) else { return }
        let what = toDirectory ? "a symbolic link to a directory" : "a symbolic link"
        scan.diagnostics.append(
            SetterDiagnostic(
                .note, .symbolicLink, file: relative, message: "skipped \(what): Ferry does not follow symbolic links below the update path"))
    }
}
