extension Sprig {
    /// Sprig's certificate type (`.Cert`, `.Key`), which the certificate functions return.
    static let certificateType = GoType.named("sprig.certificate", underlying: nil)

    /// Sprig's key, certificate, password and AES functions, with their Go signatures so that
    /// templates parse and arguments are checked as in Flux. Ferry does not offer them: each
    /// call fails when the template runs, naming the function (key generation and salted
    /// hashes need a source of secure randomness a commit message has no use for).
    static let unsupported: [TemplateFunction] = {
        let string = GoType.string
        let list = GoType.anySlice
        let signatures: [(String, [GoType], GoType)] = [
            ("bcrypt", [string], string),
            ("htpasswd", [string, string], string),
            ("genPrivateKey", [string], string),
            ("derivePassword", [.integer(.uint32), string, string, string, string], string),
            ("buildCustomCert", [string, string], certificateType),
            ("genCA", [string, .int], certificateType),
            ("genCAWithKey", [string, .int, string], certificateType),
            ("genSelfSignedCert", [string, list, list, .int], certificateType),
            ("genSelfSignedCertWithKey", [string, list, list, .int, string], certificateType),
            ("genSignedCert", [string, list, list, .int, certificateType], certificateType),
            ("genSignedCertWithKey", [string, list, list, .int, certificateType, string], certificateType),
            ("encryptAES", [string, string], string),
            ("decryptAES", [string, string], string),
        ]
        return signatures.map { name, parameters, result in
            function(name, parameters, result: result) { _ throws(TemplateFunctionError) in
                throw TemplateFunctionError(
                    "Ferry does not offer \(name) in commit message templates (Sprig's key, certificate, password and AES functions are left out)")
            }
        }
    }()
}
