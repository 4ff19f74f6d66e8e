import FerryCore

extension FolderState {
    /// The object as delivered: the state file's overrides laid over it, then its generation
    /// from the digest of the resulting spec (so `ferry suspend` bumps it, as a patch of
    /// `spec.suspend` would on an API server, and an annotation does not).
    func effective<Object: FolderKind>(_ object: Object, override: ObjectOverride?) async throws -> Object {
        var object = object
        if let override {
            object = try await applySuspend(override, to: object)
            object = try await applyRequestedAt(override, to: object)
        }
        let id = object.id
        let digest = object.specDigest
        if let known = generations[id], known.digest == digest {
            object.metadata.generation = known.generation
        } else {
            let generation = try await store.generation(for: id, specDigest: digest)
            generations[id] = (digest, generation)
            object.metadata.generation = generation
        }
        return object
    }

    /// `spec.suspend` from the override, until the file's own value changes from the one the
    /// override was first seen over.
    private func applySuspend<Object: FolderKind>(_ override: ObjectOverride, to object: Object) async throws -> Object {
        guard let wanted = override.suspend else { return object }
        let written = object.suspended
        if let base = override.suspendBase {
            if base != written {
                try await store.clearOverride(.suspend, for: object.id, ifUpdatedAt: override.updatedAt)
                return object
            }
        } else {
            try await store.recordBase(.flag(written), of: .suspend, for: object.id, ifUpdatedAt: override.updatedAt)
        }
        var object = object
        object.suspended = wanted
        return object
    }

    /// The annotation `reconcile.fluxcd.io/requestedAt` from the override, until the file's own
    /// value changes from the one the override was first seen over.
    private func applyRequestedAt<Object: FolderKind>(_ override: ObjectOverride, to object: Object) async throws -> Object {
        guard let wanted = override.requestedAt else { return object }
        let written = object.metadata.reconcileRequestedAt ?? ""
        if let base = override.requestedAtBase {
            if base != written {
                try await store.clearOverride(.requestedAt, for: object.id, ifUpdatedAt: override.updatedAt)
                return object
            }
        } else {
            try await store.recordBase(.text(written), of: .requestedAt, for: object.id, ifUpdatedAt: override.updatedAt)
        }
        var object = object
        object.metadata.annotations[ObjectMeta.requestedAtAnnotation] = wanted
        return object
    }
}
