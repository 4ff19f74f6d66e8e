import FerryCore
import FerryManifests
import FerryStandalone
import Foundation

/// What `ferry get image …` prints: flux's `get image` tables (CLI-05), or the objects as JSON or YAML.
struct ImageTables {
    let options: GetImageOptions

    /// The rows of one kind: namespace, name, and the cells after the name.
    private struct Listing {
        var kind: ImageKind
        var rows: [(namespace: String, name: String, cells: [String])]
        var objects: [any APIObject]
    }

    /// Lists `kinds` and prints them; `all` is `get image all` (names as `kind/name`, a blank line after each table).
    func run(kinds: [ImageKind], name: String?, all: Bool) async throws(CommandFailure) {
        let selector = try labelSelector()
        let condition = try statusSelector()
        let reader: Reader
        if let cluster = try options.cluster.images(standalone: options.standalone, environment: ProcessInfo.processInfo.environment) {
            reader = .cluster(cluster, name: name, labelSelector: options.labelSelector)
        } else {
            reader = .folder(options.standalone.source(store: try options.standalone.store(create: false)))
        }
        let namespace = options.allNamespaces ? nil : options.namespace
        var listings: [Listing] = []
        for kind in kinds {
            var listing: Listing
            switch kind {
            case .repository: listing = try await rows(ImageRepository.self, kind, reader, namespace, Self.repositoryCells)
            case .policy: listing = try await rows(ImagePolicy.self, kind, reader, namespace, Self.policyCells)
            case .update: listing = try await rows(ImageUpdateAutomation.self, kind, reader, namespace, Self.updateCells)
            }
            let keep = listing.objects.indices.filter { index in
                let object = listing.objects[index]
                return (name == nil || object.metadata.name == name) && (selector?.matches(object.metadata.labels) ?? true)
                    && (condition.map { Self.matches(object, $0) } ?? true)
            }
            listing.rows = keep.map { listing.rows[$0] }
            listing.objects = keep.map { listing.objects[$0] }
            listings.append(listing)
        }
        if case .folder(let source) = reader { await StandaloneFiles.warnAboutErrors(of: source) }
        switch options.output {
        case .table: try printTables(listings, all: all, named: name != nil)
        case .json: try printJSON(listings.flatMap(\.objects))
        case .yaml: try printYAML(listings.flatMap(\.objects))
        }
        if let name, let empty = listings.first(where: \.objects.isEmpty), listings.count == 1 || listings.allSatisfy(\.objects.isEmpty) {
            guard case .cluster(let cluster, _, _) = reader else { throw CommandFailure(.no, notFound(empty.kind)) }
            let place = options.allNamespaces ? "any namespace" : "\(options.namespace) namespace"
            throw CommandFailure(.no, "\(empty.kind.kind) '\(name)' not found in \(place) of the cluster at \(cluster.server)")
        }
    }

    /// Where the objects come from: the manifests folder (with the state file's status), or the
    /// cluster's API (a GET when one name is asked for in one namespace, else a list with the
    /// label selector sent to the server).
    private enum Reader {
        case folder(FolderObjectSource)
        case cluster(ClusterImages, name: String?, labelSelector: String?)
    }

    private func rows<Object: APIObject>(
        _ type: Object.Type, _ kind: ImageKind, _ reader: Reader, _ namespace: String?, _ cells: (Object) -> [String]
    ) async throws(CommandFailure) -> Listing {
        let objects: [Object]
        switch reader {
        case .folder(let source):
            objects = try await StandaloneFiles.list(type, in: source, namespace: namespace)
        case .cluster(let cluster, let name?, _) where namespace != nil:
            objects = try await cluster.find(type, namespace: namespace ?? "", name: name).map { [$0] } ?? []
        case .cluster(let cluster, _, let labelSelector):
            objects = try await cluster.list(type, namespace: namespace, labelSelector: labelSelector).sorted {
                ($0.metadata.namespace, $0.metadata.name) < ($1.metadata.namespace, $1.metadata.name)
            }
        }
        return Listing(kind: kind, rows: objects.map { ($0.metadata.namespace, $0.metadata.name, cells($0)) }, objects: objects)
    }

    /// flux's `no <Kind> objects found in <namespace> namespace`.
    private func notFound(_ kind: ImageKind) -> String {
        "no \(kind.kind) objects found" + (options.allNamespaces ? "" : " in \(options.namespace) namespace")
    }

    private func printTables(_ listings: [Listing], all: Bool, named: Bool) throws(CommandFailure) {
        var out = ""
        for listing in listings {
            if listing.rows.isEmpty {
                if !all && !named { FluxLog.failure(notFound(listing.kind)) }
                continue
            }
            var header = ["Name"] + listing.kind.columns
            if options.allNamespaces { header.insert("Namespace", at: 0) }
            let rows = listing.rows.map { row -> [String] in
                let name = all ? listing.kind.kind.lowercased() + "/" + row.name : row.name
                return (options.allNamespaces ? [row.namespace] : []) + [name] + row.cells
            }
            out += FluxTable.render(header: options.noHeader ? nil : header, rows: rows)
            if all { out += "\n" }
        }
        Console.current.writeOutput(out)
    }

    private func printJSON(_ objects: [any APIObject]) throws(CommandFailure) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var items: [String] = []
        do {
            for object in objects { items.append(String(decoding: try encoder.encode(object), as: UTF8.self)) }
        } catch {
            throw CommandFailure(.failure, "cannot encode the objects: \(error)")
        }
        let indented = items.map { $0.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n") }
        let body = indented.isEmpty ? "[]" : "[\n" + indented.joined(separator: ",\n") + "\n  ]"
        Console.current.writeOutput("{\n  \"apiVersion\": \"v1\",\n  \"items\": \(body),\n  \"kind\": \"List\"\n}\n")
    }

    private func printYAML(_ objects: [any APIObject]) throws(CommandFailure) {
        var out = ""
        do {
            for object in objects { out += "---\n" + (try ManifestYAML(encoding: object)).text }
        } catch {
            throw CommandFailure(.failure, error.description)
        }
        Console.current.writeOutput(out)
    }

    // MARK: Selectors

    private func labelSelector() throws(CommandFailure) -> LabelSelector? {
        guard let text = options.labelSelector else { return nil }
        do {
            return try LabelSelector(parsing: text)
        } catch {
            throw CommandFailure(.invalidInput, "--label-selector: \(error.description)")
        }
    }

    private func statusSelector() throws(CommandFailure) -> (type: String, status: String)? {
        guard let text = options.statusSelector else { return nil }
        let parts = text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2 else {
            throw CommandFailure(.invalidInput, "--status-selector: expected status selector in type=status format, but found: \(text)")
        }
        return (String(parts[0]), String(parts[1]))
    }

    /// flux's status selector: a condition of that type with that status (compared without case).
    private static func matches(_ object: any APIObject, _ selector: (type: String, status: String)) -> Bool {
        conditions(of: object).contains { $0.type.lowercased() == selector.type.lowercased() && $0.status.rawValue.lowercased() == selector.status.lowercased() }
    }

    private static func conditions(of object: any APIObject) -> [Condition] {
        func open<Object: APIObject>(_ object: Object) -> [Condition] { object.status.conditions }
        return open(object)
    }

    // MARK: Cells

    /// flux's `statusAndMessage`: the Ready condition's status and message, or `False` and
    /// `waiting to be reconciled`.
    static func readyCells(_ conditions: [Condition]) -> [String] {
        guard let ready = conditions.first(where: { $0.type == Condition.ready }) else { return ["False", "waiting to be reconciled"] }
        return [ready.status.rawValue, ready.message]
    }

    static func repositoryCells(_ repository: ImageRepository) -> [String] {
        [FluxTime.local(repository.status.lastScanResult?.scanTime), titled(repository.spec.suspend ?? false)] + readyCells(repository.status.conditions)
    }

    static func policyCells(_ policy: ImagePolicy) -> [String] {
        let latest = policy.status.latestRef
        let tag = latest.map { $0.tag + ($0.digest.flatMap { $0.isEmpty ? nil : "@" + $0 } ?? "") } ?? ""
        var cells = [latest?.name ?? "", tag] + readyCells(policy.status.conditions)
        // Ferry's quarantine (`ferry rollback`), after flux's message.
        if let quarantined = policy.status.quarantinedTags, !quarantined.isEmpty, let last = cells.indices.last {
            cells[last] += " [quarantined: \(quarantined.map(\.tag).joined(separator: ", "))]"
        }
        return cells
    }

    static func updateCells(_ automation: ImageUpdateAutomation) -> [String] {
        [FluxTime.local(automation.status.lastAutomationRunTime), titled(automation.spec.suspend ?? false)] + readyCells(automation.status.conditions)
    }
}

extension ImageKind {
    /// The columns after NAME, as flux names them.
    var columns: [String] {
        switch self {
        case .repository: ["Last scan", "Suspended", "Ready", "Message"]
        case .policy: ["Image", "Tag", "Ready", "Message"]
        case .update: ["Last run", "Suspended", "Ready", "Message"]
        }
    }
}
