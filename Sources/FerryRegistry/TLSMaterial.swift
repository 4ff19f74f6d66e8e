import FerryCore
import NIOSSL

/// Builds the NIOSSL client configuration for ``RegistryTLS``: the CA certificates added to the system's trust
/// roots, and the client certificate and key for mutual TLS.
enum TLSMaterial {
    /// The configuration of an HTTPS probe: the client certificate of `tls` (if any), but no certificate
    /// verification and no trust roots, so that finding out whether a server speaks TLS costs no trust-store load.
    /// Nothing read over it is trusted.
    static func probe(from tls: TLSConfiguration?) -> TLSConfiguration {
        var configuration = tls ?? TLSConfiguration.makeClientConfiguration()
        configuration.certificateVerification = .none
        configuration.trustRoots = .certificates([])
        configuration.additionalTrustRoots = []
        return configuration
    }

    /// The configuration, or `nil` when `tls` holds nothing (the client's default applies).
    static func configuration(_ tls: RegistryTLS, operation: String) throws(RegistryError) -> TLSConfiguration? {
        guard tls.caCertificatesPEM != nil || tls.clientCertificatePEM != nil || tls.clientKeyPEM != nil else { return nil }
        var configuration = TLSConfiguration.makeClientConfiguration()
        if let pem = tls.caCertificatesPEM {
            let certificates: [NIOSSLCertificate]
            do {
                certificates = try NIOSSLCertificate.fromPEMBytes(Array(pem.utf8))
            } catch {
                throw RegistryError(.configuration, operation: operation, reason: "the CA bundle (ca.crt) is not PEM certificates: \(error)")
            }
            guard !certificates.isEmpty else {
                throw RegistryError(.configuration, operation: operation, reason: "the CA bundle (ca.crt) holds no PEM certificate")
            }
            configuration.additionalTrustRoots = [.certificates(certificates)]
        }
        switch (tls.clientCertificatePEM, tls.clientKeyPEM) {
        case (nil, nil): break
        case (let certificate?, let key?):
            do {
                configuration.certificateChain = try NIOSSLCertificate.fromPEMBytes(Array(certificate.utf8)).map { .certificate($0) }
            } catch {
                throw RegistryError(.configuration, operation: operation, reason: "the client certificate (tls.crt) is not PEM: \(error)")
            }
            guard !configuration.certificateChain.isEmpty else {
                throw RegistryError(.configuration, operation: operation, reason: "the client certificate (tls.crt) holds no PEM certificate")
            }
            do {
                configuration.privateKey = .privateKey(try NIOSSLPrivateKey(bytes: Array(key.utf8), format: .pem))
            } catch {
                // The error names no key material, only that parsing failed.
                throw RegistryError(.configuration, operation: operation, reason: "the client key (tls.key) is not a PEM private key")
            }
        case (nil, _?):
            throw RegistryError(.configuration, operation: operation, reason: "a client key (tls.key) was given without its certificate (tls.crt)")
        case (_?, nil):
            throw RegistryError(.configuration, operation: operation, reason: "a client certificate (tls.crt) was given without its key (tls.key)")
        }
        return configuration
    }
}
