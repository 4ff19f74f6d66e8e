import FerryCore

extension GitSession {
    /// The extra `-c` settings and environment of a signed `git commit`.
    struct SigningSetup: Sendable {
        /// `git -c key=value` pairs (no secrets: paths and key ids only).
        var configArguments: [String]
        /// Variables for the commit command (the passphrase, read by the helper scripts only).
        var environment: [String: String]
    }

    /// Prepares signing for the commit: an OpenPGP key imported into a private `GNUPGHOME`
    /// (passphrase through loopback pinentry), or an SSH key in a 0600 file, both inside the
    /// session directory.
    ///
    /// - Throws: ``GitConfigurationError`` with Flux's text when `git.asc` holds several keys or a
    ///   protected key comes without its passphrase field; ``GitError`` when the key cannot be read.
    func prepareSigning(_ key: GitSigningKey) async throws -> SigningSetup {
        switch key {
        case .openPGP(let armoredKey, let passphrase, let secretName):
            return try await prepareOpenPGP(armoredKey, passphrase: passphrase, secretName: secretName)
        case .ssh(let identity, let password, let secretName):
            return try await prepareSSH(identity, password: password, secretName: secretName)
        }
    }

    private func prepareOpenPGP(_ armoredKey: [UInt8], passphrase: String?, secretName: String) async throws -> SigningSetup {
        let home = "\(root)/gnupg"
        try LocalFiles.makeDirectories(home)
        try LocalFiles.writeFile("\(home)/gpg-agent.conf", text: "allow-loopback-pinentry\n", mode: 0o600)
        let operation = "reading the OpenPGP signing key of secret '\(secretName)'"
        let shown = try await runner.run(
            "gpg", ["--batch", "--no-tty", "--with-colons", "--import-options", "show-only", "--import"],
            input: armoredKey, timeout: localTimeout, operation: operation
        )
        let secretKeys = shown.standardOutput.split(separator: "\n").filter { $0.hasPrefix("sec:") }
        guard shown.succeeded, !secretKeys.isEmpty else {
            throw GitError(code: .signingFailed, description: "could not read signing key from secret '\(secretName)': "
                + "'git.asc' holds no armoured OpenPGP private key (\(GitFailure.summary(of: shown.standardError, status: shown.status)))")
        }
        if secretKeys.count > 1 { throw GitConfigurationError.signingMultipleEntities(secret: secretName) }
        let packets = try await runner.run(
            "gpg", ["--batch", "--no-tty", "--list-packets"], input: armoredKey, timeout: localTimeout, operation: operation
        )
        let isProtected = packets.standardOutput.contains("protected") || packets.standardOutput.contains("protect count")
        if isProtected && passphrase == nil { throw GitConfigurationError.signingPassphraseMissing(secret: secretName, field: "passphrase") }
        let imported = try await runner.run(
            "gpg", ["--batch", "--no-tty", "--quiet", "--import"], input: armoredKey, timeout: localTimeout, operation: operation
        )
        guard imported.succeeded else { throw GitFailure.classify(imported, operation: operation) }
        let fingerprint = shown.standardOutput.split(separator: "\n").first { $0.hasPrefix("fpr:") }.map {
            String($0.split(separator: ":", omittingEmptySubsequences: false).dropFirst(9).first ?? "")
        } ?? ""
        guard !fingerprint.isEmpty else { throw GitError(code: .signingFailed, description: "\(operation) failed: gpg printed no fingerprint") }
        try LocalFiles.writeFile("\(root)/gpg-sign", text: Self.gpgWrapperScript, mode: 0o700)
        var environment: [String: String] = [:]
        if let passphrase { environment["FERRY_GIT_GPG_PASSPHRASE"] = passphrase }
        return SigningSetup(
            configArguments: ["-c", "gpg.format=openpgp", "-c", "gpg.program=\(root)/gpg-sign", "-c", "user.signingKey=\(fingerprint)"],
            environment: environment
        )
    }

    private func prepareSSH(_ identity: [UInt8], password: String?, secretName: String) async throws -> SigningSetup {
        let path = "\(root)/signing-key"
        var key = identity
        if key.last != UInt8(ascii: "\n") { key.append(UInt8(ascii: "\n")) }
        try LocalFiles.writeFile(path, contents: key, mode: 0o600)
        let operation = "reading the SSH signing key of secret '\(secretName)'"
        // Fail early and clearly on a key that is not one, or whose password is missing or wrong.
        let probe = try await runner.run(
            "ssh-keygen", ["-y", "-P", "", "-f", path], timeout: localTimeout, operation: operation
        )
        if !probe.succeeded {
            let lowered = probe.standardError.lowercased()
            if lowered.contains("incorrect passphrase") || lowered.contains("passphrase") {
                guard let password else { throw GitConfigurationError.signingPassphraseMissing(secret: secretName, field: "password") }
                let unlocked = try await runner.run(
                    "ssh-keygen", ["-y", "-f", path], extraEnvironment: ["FERRY_GIT_ASKPASS_VALUE": password, "DISPLAY": "ferry"],
                    timeout: localTimeout, operation: operation
                )
                guard unlocked.succeeded else {
                    throw GitError(code: .signingFailed, description: "could not decrypt the SSH signing key of secret '\(secretName)': "
                        + GitFailure.summary(of: unlocked.standardError, status: unlocked.status))
                }
            } else {
                throw GitError(code: .signingFailed, description: "could not read the SSH signing key of secret '\(secretName)': "
                    + GitFailure.summary(of: probe.standardError, status: probe.status))
            }
        }
        var environment: [String: String] = ["DISPLAY": "ferry"]
        if let password { environment["FERRY_GIT_ASKPASS_VALUE"] = password }
        return SigningSetup(configArguments: ["-c", "gpg.format=ssh", "-c", "user.signingKey=\(path)"], environment: environment)
    }

    /// `gpg.program` for OpenPGP signing: gpg in batch mode with loopback pinentry; the
    /// passphrase goes from the environment through a pipe to `--passphrase-fd`, never into an argument.
    private static let gpgWrapperScript = """
        #!/bin/sh
        # Ferry's gpg.program: batch signing with a loopback pinentry; the passphrase comes from
        # FERRY_GIT_GPG_PASSPHRASE through a pipe on descriptor 3, git's data stays on standard input.
        if [ -z "${FERRY_GIT_GPG_PASSPHRASE+set}" ]; then
            exec gpg --batch --no-tty --pinentry-mode loopback "$@"
        fi
        exec 4<&0
        printf '%s\\n' "$FERRY_GIT_GPG_PASSPHRASE" | gpg --batch --no-tty --pinentry-mode loopback --passphrase-fd 3 "$@" 3<&0 0<&4 4<&-

        """
}
