/// `spec.provider` of an ImageRepository: where registry credentials come from.
public enum RegistryProvider: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// Credentials from `secretRef` (or anonymous).
    case generic
    /// Amazon ECR: `GetAuthorizationToken` with the environment's AWS credentials.
    case aws
    /// Azure Container Registry: an Entra ID token exchanged for an ACR refresh token.
    case azure
    /// Google Artifact Registry / GCR: the metadata server's access token.
    case gcp

    public var description: String { rawValue }

    /// Whether a registry host belongs to this provider (Flux's checks, IR-23); `generic` accepts every host.
    ///
    /// - aws: `<account>.dkr.ecr[-fips].<region>.amazonaws.com[.cn]` and the sovereign domains, or `public.ecr.aws`.
    /// - azure: `*.azurecr.io`, `.cn`, `.de`, `.us`.
    /// - gcp: hosts ending `gcr.io` or `-docker.pkg.dev`, and `docker.s3nsregistry.fr`.
    public func accepts(registry: String) -> Bool {
        let host = Self.hostWithoutPort(registry)
        switch self {
        case .generic: return true
        case .aws: return host == "public.ecr.aws" || Self.ecrRegion(of: host) != nil
        case .azure: return [".azurecr.io", ".azurecr.cn", ".azurecr.de", ".azurecr.us"].contains { host.hasSuffix($0) && host.count > $0.count }
        case .gcp: return host.hasSuffix("gcr.io") || host.hasSuffix("-docker.pkg.dev") || host == "docker.s3nsregistry.fr"
        }
    }

    /// The AWS region of an ECR registry host (`123456789012.dkr.ecr.eu-west-1.amazonaws.com` → `eu-west-1`), or
    /// `nil` when the host is not a private ECR registry.
    public static func ecrRegion(of registry: String) -> String? {
        let labels = hostWithoutPort(registry).split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 5, !labels[0].isEmpty, labels[0].allSatisfy({ $0.isASCII && $0.isNumber }), labels[1] == "dkr",
            labels[2] == "ecr" || labels[2] == "ecr-fips", !labels[3].isEmpty
        else { return nil }
        let domain = labels[4...].joined(separator: ".")
        let domains = ["amazonaws.com", "amazonaws.com.cn", "sc2s.sgov.gov", "c2s.ic.gov", "cloud.adc-e.uk", "csp.hci.ic.gov"]
        return domains.contains(domain) ? String(labels[3]) : nil
    }

    /// The AWS account of an ECR registry host, or `nil`.
    public static func ecrAccount(of registry: String) -> String? {
        guard ecrRegion(of: registry) != nil else { return nil }
        return hostWithoutPort(registry).split(separator: ".").first.map(String.init)
    }

    private static func hostWithoutPort(_ registry: String) -> String {
        if let colon = registry.lastIndex(of: ":"), !registry.hasSuffix("]"), registry.firstIndex(of: ":") == colon {
            return String(registry[..<colon])
        }
        return registry
    }
}
