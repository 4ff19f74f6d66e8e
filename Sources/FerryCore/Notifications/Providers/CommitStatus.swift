/// What the commit-status providers share (Flux's `internal/notifier/util.go` and `internal/server` helpers).
public enum CommitStatus {
    /// The default commit-status id (`generateDefaultCommitStatus`): `kind/name/<first segment of the provider
    /// UID>`, lower-cased.
    public static func defaultID(providerUID: String, event: FluxEvent) -> String {
        let segment = providerUID.split(separator: "-", omittingEmptySubsequences: false).first.map(String.init) ?? ""
        return "\(event.involvedObject.kind)/\(event.involvedObject.name)/\(segment)".lowercased()
    }

    /// `formatNameAndDescription`: `kind/name` lower-cased, and the reason split at camel-case boundaries, joined
    /// with spaces and lower-cased (`ReconciliationSucceeded` → `reconciliation succeeded`).
    public static func nameAndDescription(_ event: FluxEvent) -> (name: String, description: String) {
        let name = "\(event.involvedObject.kind)/\(event.involvedObject.name)".lowercased()
        return (name, splitCamelCase(event.reason).joined(separator: " ").lowercased())
    }

    /// The revision an event carries (`GetRevision`): `originRevision`, else `revision`.
    public static func revision(_ event: FluxEvent) -> String? {
        event.metadata[EventMetadataKey.originRevision] ?? event.metadata[EventMetadataKey.revision]
    }

    /// The commit hash in a Flux revision: `main@sha1:<hex>`, `sha256:<hex>`, legacy `main/<hex>` or a bare hash;
    /// `nil` unless it is 40 or 64 hex digits.
    public static func commitHash(fromRevision revision: String) -> String? {
        var hash = Substring(revision)
        if let at = hash.lastIndex(of: "@") {
            hash = hash[hash.index(after: at)...]
        } else if !hash.hasPrefix("sha1:"), !hash.hasPrefix("sha256:"), let slash = hash.lastIndex(of: "/") {
            hash = hash[hash.index(after: slash)...]
        }
        if hash.hasPrefix("sha1:") {
            hash = hash.dropFirst(5)
        } else if hash.hasPrefix("sha256:") {
            hash = hash.dropFirst(7)
        }
        guard hash.count == 40 || hash.count == 64, hash.allSatisfy({ $0.isHexDigit }) else { return nil }
        return String(hash)
    }

    /// Go's `splitCamelcase` from Flux: runs of lower-case, upper-case, digit and other characters, with the last
    /// capital of an upper-case run moved to the lower-case run after it (`PDFLoader` → `PDF`, `Loader`).
    public static func splitCamelCase(_ text: String) -> [String] {
        func characterClass(_ scalar: Unicode.Scalar) -> Int {
            if scalar.properties.isLowercase { return 1 }
            if scalar.properties.isUppercase { return 2 }
            if scalar.properties.numericType == .decimal { return 3 }
            return 4
        }
        var runs: [[Unicode.Scalar]] = []
        var lastClass = 0
        for scalar in text.unicodeScalars {
            let currentClass = characterClass(scalar)
            if currentClass == lastClass, !runs.isEmpty {
                runs[runs.count - 1].append(scalar)
            } else {
                runs.append([scalar])
            }
            lastClass = currentClass
        }
        var index = 0
        while index < runs.count - 1 {
            if let first = runs[index].first, let next = runs[index + 1].first, first.properties.isUppercase, next.properties.isLowercase,
               let moved = runs[index].popLast() {
                runs[index + 1].insert(moved, at: 0)
            }
            index += 1
        }
        return runs.filter { !$0.isEmpty }.map { String(String.UnicodeScalarView($0)) }
    }

    /// The revision's commit hash, or the error Flux reports.
    static func hash(_ event: FluxEvent, _ settings: ProviderSettings) throws(NotificationBuildError) -> String {
        guard let revision = revision(event) else { throw ProviderPayloads.fail(settings, "missing revision metadata") }
        guard let hash = commitHash(fromRevision: revision) else {
            throw ProviderPayloads.fail(settings, "failed to extract commit hash from '\(revision)' revision")
        }
        return hash
    }

    /// `success`-style state for info events, the failure state for errors, an error for trace events.
    static func state(_ event: FluxEvent, _ settings: ProviderSettings, success: String, failure: String) throws(NotificationBuildError) -> String {
        switch event.severity {
        case .info: return success
        case .error: return failure
        case .trace: throw ProviderPayloads.fail(settings, "can't convert a trace event to a \(settings.type) state")
        }
    }

    /// The repository address, parsed, or the error Flux reports.
    static func repository(_ settings: ProviderSettings) throws(NotificationBuildError) -> GitAddress {
        if settings.address.isEmpty { throw ProviderPayloads.fail(settings, "the provider has no address") }
        guard let address = GitAddress(settings.address) else { throw ProviderPayloads.fail(settings, "the repository address is not a Git URL") }
        return address
    }
}
