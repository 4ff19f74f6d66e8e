extension UpdateResult {
    /// The changes made by the setters of `policies` only (`NS:NAME` and `NS:NAME:field`), with files
    /// and documents left without changes dropped: the result of one branch's pull request.
    public func restricted(to policies: [PolicyLatestRef]) -> UpdateResult {
        let names = Set(policies.map(\.setterName))
        func belongs(_ setter: String) -> Bool {
            let parts = setter.split(separator: ":", omittingEmptySubsequences: false)
            return parts.count >= 2 && names.contains("\(parts[0]):\(parts[1])")
        }
        var files: [String: [ResourceIdentifier: [SetterChange]]] = [:]
        for (path, objects) in fileChanges {
            var kept: [ResourceIdentifier: [SetterChange]] = [:]
            for (object, changes) in objects {
                let mine = changes.filter { belongs($0.setter) }
                if !mine.isEmpty { kept[object] = mine }
            }
            if !kept.isEmpty { files[path] = kept }
        }
        return UpdateResult(fileChanges: files)
    }
}
