import FerryCore
import NIOCore
import NIOHTTP1

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Registry credentials a cloud provider issued, kept until they expire.
actor ProviderCredentialCache {
    private var entries: [String: (credentials: RegistryCredentials, expires: ContinuousClock.Instant)] = [:]
    private let clock = ContinuousClock()

    func credentials(for key: String) -> RegistryCredentials? {
        guard let entry = entries[key], clock.now < entry.expires else { return nil }
        return entry.credentials
    }

    func store(_ credentials: RegistryCredentials, for key: String, lifetime: Duration) {
        guard lifetime > .seconds(10) else { return }
        entries[key] = (credentials, clock.now + lifetime - .seconds(5))
    }
}

extension OCIRegistryClient {
    /// The credentials for a scan: from the provider for `aws`, `gcp` and `azure` (checking that the registry is
    /// one of theirs), else from ``RegistryAccess/credentials`` (a Docker configuration matched to the repository).
    func credentials(for repository: ImageRepositoryName, access: RegistryAccess, context: inout OperationContext) async throws(RegistryError) -> RegistryCredentials {
        let provider = access.provider
        guard provider != .generic else { return access.credentials.resolved(for: repository.canonicalName) }
        guard provider.accepts(registry: repository.registry) else {
            let expected: String
            switch provider {
            case .aws: expected = "<account>.dkr.ecr.<region>.amazonaws.com or public.ecr.aws"
            case .azure: expected = "<name>.azurecr.io (or .cn, .de, .us)"
            case .gcp: expected = "*gcr.io or <region>-docker.pkg.dev"
            case .generic: expected = "any host"
            }
            throw context.error(.configuration, nil, "the registry \(repository.registry) is not served by provider \(provider) (expected \(expected))")
        }
        let key = "\(provider)|\(repository.registry)"
        if let cached = await providers.credentials(for: key) { return cached }
        let issued: ProviderLogin
        switch provider {
        case .aws: issued = try await ecrLogin(registry: repository.registry, context: &context)
        case .gcp: issued = try await gcpLogin(context: &context)
        case .azure: issued = try await azureLogin(repository: repository, context: &context)
        case .generic: preconditionFailure("invariant: generic returned above")
        }
        context.secrets += issued.credentials.secrets
        await providers.store(issued.credentials, for: key, lifetime: issued.lifetime)
        return issued.credentials
    }

    /// A provider's answer: registry credentials and how long they last.
    struct ProviderLogin {
        var credentials: RegistryCredentials
        var lifetime: Duration
    }

    /// Sends a provider request and returns its JSON body, mapping failures to authentication errors.
    func providerRequest<T: Decodable>(
        _ exchange: HTTPExchange, _ type: T.Type, what: String, context: inout OperationContext
    ) async throws(RegistryError) -> T {
        let reply = try await transport.send(exchange, context: &context)
        let bytes = Array(reply.body.readableBytesView)
        guard reply.status == 200 else {
            let detail = ProviderErrorText.extract(bytes)
            let kind: RegistryError.Kind = reply.status == 401 ? .unauthorized : reply.status == 403 ? .forbidden : .authentication
            throw context.error(kind, exchange, status: reply.status, "\(what) failed" + (detail.map { ": \($0)" } ?? ""))
        }
        guard let value = JSONDocument.decode(T.self, from: bytes) else {
            throw context.error(.malformedResponse, exchange, status: 200, "\(what) answered \(JSONDocument.failure(T.self, from: bytes))")
        }
        return value
    }

    /// Reads a small file (a web-identity or federated token), at most 64 KiB.
    static func readTokenFile(_ path: String) -> String? {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var bytes = [UInt8](repeating: 0, count: 64 * 1024)
        var filled = 0
        while filled < bytes.count {
            let count = bytes.withUnsafeMutableBytes { read(descriptor, $0.baseAddress.map { $0 + filled }, $0.count - filled) }
            if count > 0 {
                filled += count
            } else if count == 0 || errno != EINTR {
                break
            }
        }
        let text = String(decoding: bytes[..<filled], as: UTF8.self).trimmingSpaces()
        return text.trimmingCharacters(in: "\n\r")
    }
}

/// A short reason from a cloud provider's error body: JSON `message`/`Message`/`error_description`/`error`, or
/// the XML `<Message>` element; at most 200 characters.
enum ProviderErrorText {
    private struct JSONError: Decodable {
        var message: String?
        var Message: String?
        var error_description: String?
        var error: String?
    }

    static func extract(_ bytes: [UInt8]) -> String? {
        var text: String?
        if let json = JSONDocument.decode(JSONError.self, from: bytes) {
            text = json.message ?? json.Message ?? json.error_description ?? json.error
        } else {
            let body = String(decoding: bytes.prefix(8192), as: UTF8.self)
            text = XMLText.element("Message", in: body) ?? XMLText.element("Code", in: body)
        }
        guard let text, !text.isEmpty else { return nil }
        return text.count > 200 ? String(text.prefix(200)) + "…" : text
    }
}

/// Element text from the small, flat XML documents AWS sends.
enum XMLText {
    static func element(_ name: String, in text: String) -> String? {
        guard let open = text.firstRange(of: "<\(name)>"), let close = text[open.upperBound...].firstRange(of: "</\(name)>") else { return nil }
        return String(text[open.upperBound..<close.lowerBound])
            .replacing("&amp;", with: "&").replacing("&lt;", with: "<").replacing("&gt;", with: ">").replacing("&quot;", with: "\"")
    }
}

extension String {
    func trimmingCharacters(in set: String) -> String {
        var view = Substring(self)
        while let first = view.first, set.contains(first) { view = view.dropFirst() }
        while let last = view.last, set.contains(last) { view = view.dropLast() }
        return String(view)
    }
}
