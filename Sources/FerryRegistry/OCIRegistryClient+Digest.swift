import Crypto
public import FerryCore
import NIOCore
import NIOHTTP1

extension OCIRegistryClient {
    /// The manifest media types asked for, so that the registry reports the digest of the index (multi-arch) or
    /// manifest that a pull by tag would get.
    static let manifestMediaTypes = [
        "application/vnd.oci.image.index.v1+json",
        "application/vnd.oci.image.manifest.v1+json",
        "application/vnd.docker.distribution.manifest.list.v2+json",
        "application/vnd.docker.distribution.manifest.v2+json",
    ]

    /// The digest a tag points to: `HEAD /v2/<name>/manifests/<tag>` and its `Docker-Content-Digest`; when the
    /// registry sends no digest header, the manifest is fetched and hashed.
    public func digest(of tag: String, in repository: ImageRepositoryName, access: RegistryAccess) async throws(RegistryError) -> String {
        let operation = "cannot get the digest of \(repository.canonicalName):\(tag)"
        guard Self.isValidTag(tag) else {
            throw RegistryError(.configuration, operation: operation, reason: "\"\(tag)\" is not a valid tag (up to 128 letters, digits, '_', '.' and '-', not starting with '.' or '-')")
        }
        var session = try RegistrySession(client: self, repository: repository, access: access, operation: operation)
        try await session.start(access: access)
        let url = session.url("/v2/\(repository.repository)/manifests/\(tag)")
        let subject = "the tag \(tag) of \(repository.canonicalName)"
        let head = try await session.send(.HEAD, url, accept: Self.manifestMediaTypes)
        if head.status == 200, let digest = head.header("Docker-Content-Digest"), Self.isDigest(digest) { return digest }
        guard head.status == 200 || head.status == 405 else { throw session.statusError(head, .HEAD, subject: subject) }
        let get = try await session.send(.GET, url, accept: Self.manifestMediaTypes)
        guard get.status == 200 else { throw session.statusError(get, .GET, subject: subject) }
        if let digest = get.header("Docker-Content-Digest"), Self.isDigest(digest) { return digest }
        let hash = get.body.withUnsafeReadableBytes { SHA256.hash(data: $0) }
        return "sha256:" + hash.map { byte in
            let digits = Array("0123456789abcdef".utf8)
            return String(decoding: [digits[Int(byte >> 4)], digits[Int(byte & 0xF)]], as: UTF8.self)
        }.joined()
    }

    static func isValidTag(_ tag: String) -> Bool {
        let bytes = Array(tag.utf8)
        guard let first = bytes.first, bytes.count <= 128, first != UInt8(ascii: "."), first != UInt8(ascii: "-") else { return false }
        return bytes.allSatisfy { byte in
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-")
        }
    }

    static func isDigest(_ text: String) -> Bool {
        let parts = text.split(separator: ":", maxSplits: 1)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].count >= 32 else { return false }
        return parts[1].utf8.allSatisfy { ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "f")) }
    }
}
