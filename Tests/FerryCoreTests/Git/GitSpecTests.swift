import FerryCore
import Testing

@Suite struct GitSpecTests {
    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    @Test func urlParts() throws {
        let url = try GitURL("https://user%40corp:p%3Ass@git.example.com:8443/team/fleet.git")
        #expect(url.scheme == "https")
        #expect(url.username == "user@corp")
        #expect(url.password == "p:ss")
        #expect(url.host == "git.example.com:8443")
        #expect(url.path == "/team/fleet.git")
        #expect(url.withoutCredentials == "https://git.example.com:8443/team/fleet.git")
        #expect(url.description == url.withoutCredentials)
        #expect(try GitURL("ssh://git@h:22/r.git").withUser("git") == "ssh://git@h:22/r.git")
        #expect(try GitURL("file:///srv/r.git").path == "/srv/r.git")
    }

    @Test(arguments: ["git@github.com:org/repo.git", "ftp://h/r.git", "https:///r.git"])
    func rejectedURLs(_ text: String) {
        #expect(throws: GitConfigurationError.self) { try GitURL(text) }
    }

    @Test func unknownTransportMessage() {
        do {
            _ = try GitURL("ftp://h/r")
        } catch {
            #expect(error.description == "failed to configure authentication options: unknown transport 'ftp'")
        }
    }

    @Test(arguments: [
        ("fatal: unable to access 'https://bob:hunter2@host/r.git/': 401", "fatal: unable to access 'https://host/r.git/': 401"),
        ("from ssh://git@h:22/x and http://u:p@h2/y", "from ssh://h:22/x and http://h2/y"),
        ("no urls here @ all", "no urls here @ all"),
        ("https://host/path@v1", "https://host/path@v1"),
    ])
    func redactingURLs(_ text: String, _ expected: String) {
        #expect(GitURL.redacting(text) == expected)
    }

    @Test func redactionRemovesSecretsAndKeyLines() {
        let key = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n-----END OPENSSH PRIVATE KEY-----\n"
        let redaction = GitRedaction(secrets: ["hunter2", "", key])
        #expect(redaction.apply("password hunter2 rejected") == "password [redacted] rejected")
        #expect(!redaction.apply("line b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ seen").contains("b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ"))
        #expect(redaction.apply("http://a:hunter2@h/x") == "http://h/x")
    }

    /// fluxcd/pkg `NewAuthOptions`: which Secret keys apply to which transport.
    @Test func httpBasicFromSecretAndURL() throws {
        let fromSecret = try GitAuthentication(
            url: GitURL("https://h/r.git"),
            secretData: [
                "username": Self.bytes("u"), "password": Self.bytes("p"),
                "ca.crt": Self.bytes("CA"),
            ])
        #expect(fromSecret.username == "u" && fromSecret.password == "p" && fromSecret.caCertificate == Self.bytes("CA"))
        let fromURL = try GitAuthentication(url: GitURL("https://a:b@h/r.git"), secretData: [:])
        #expect(fromURL.username == "a" && fromURL.password == "b")
        let token = try GitAuthentication(
            url: GitURL("https://h/r.git"),
            secretData: [
                "bearerToken": Self.bytes("t0k"), "username": Self.bytes("u"),
                "caFile": Self.bytes("OLD"),
            ])
        #expect(token.bearerToken == "t0k" && token.username.isEmpty && token.caCertificate == Self.bytes("OLD"))
        let mtls = try GitAuthentication(url: GitURL("https://h/r.git"), secretData: ["tls.crt": Self.bytes("C"), "tls.key": Self.bytes("K")])
        #expect(mtls.clientCertificate == Self.bytes("C") && mtls.clientKey == Self.bytes("K"))
        #expect(mtls.secrets == ["K"])
    }

    @Test func sshNeedsIdentityAndKnownHosts() throws {
        let url = try GitURL("ssh://h:2222/r.git")
        let full = try GitAuthentication(
            url: url,
            secretData: [
                "identity": Self.bytes("KEY"), "known_hosts": Self.bytes("KH"), "password": Self.bytes("pp"),
                "username": Self.bytes("ignored"),
            ])
        #expect(full.username == "git" && full.password == "pp" && full.sshIdentity == Self.bytes("KEY"))
        let cases: [([String: [UInt8]], String)] = [
            ([:], "failed to configure authentication options: invalid 'ssh' auth option: 'identity' is required"),
            (["identity": Self.bytes("KEY")], "failed to configure authentication options: invalid 'ssh' auth option: 'known_hosts' is required"),
        ]
        for (data, message) in cases {
            do {
                _ = try GitAuthentication(url: url, secretData: data)
                Issue.record("expected \(message)")
            } catch {
                #expect(error.description == message)
            }
        }
    }

    @Test func passwordWithoutUsername() {
        do {
            _ = try GitAuthentication(url: GitURL("http://h/r.git"), secretData: ["password": Self.bytes("p")])
            Issue.record("expected an error")
        } catch {
            #expect(
                error.description
                    == "failed to configure authentication options: invalid 'http' auth option: 'password' requires 'username' to be set")
        }
    }

    @Test func signingKeysFromSecrets() throws {
        let gpg = try GitSigningKey(type: "", secretName: "sig", secretData: ["git.asc": Self.bytes("ARMOR"), "passphrase": Self.bytes("pp")])
        #expect(gpg == .openPGP(armoredKey: Self.bytes("ARMOR"), passphrase: "pp", secretName: "sig"))
        let ssh = try GitSigningKey(type: "ssh", secretName: "sig", secretData: ["identity": Self.bytes("K")])
        #expect(ssh == .ssh(identity: Self.bytes("K"), password: nil, secretName: "sig"))
        let missing: [(String, String)] = [
            ("gpg", "signing key secret 'sig' does not contain a 'git.asc' key"),
            ("ssh", "signing key secret 'sig' does not contain an 'identity' key"),
            ("x509", "invalid .spec.git.commit.signingKey.type \"x509\": expected gpg or ssh"),
        ]
        for (type, message) in missing {
            do {
                _ = try GitSigningKey(type: type, secretName: "sig", secretData: [:])
                Issue.record("expected \(message)")
            } catch {
                #expect(error.description == message)
            }
        }
        #expect(
            GitConfigurationError.signingPassphraseMissing(secret: "sig", field: "passphrase").description
                == "can not use passphrase protected signing key without 'passphrase' field present in secret sig")
        #expect(
            GitConfigurationError.signingMultipleEntities(secret: "sig").description
                == "multiple entities read from secret 'sig', could not determine which signing key to use")
    }

    @Test func proxyFromSecret() throws {
        let proxy = try GitProxy(secretName: "ns/p", secretData: ["address": Self.bytes("http://proxy:3128"), "username": Self.bytes("u")])
        #expect(proxy.address == "http://proxy:3128" && proxy.username == "u" && proxy.password.isEmpty)
        do {
            _ = try GitProxy(secretName: "ns/p", secretData: [:])
            Issue.record("expected an error")
        } catch {
            #expect(error.description == "invalid proxy secret 'ns/p': key 'address' is missing")
        }
    }

    @Test func commitSpecNeedsAnAuthor() {
        #expect(throws: GitConfigurationError.self) { try GitCommitSpec(authorName: "bot", authorEmail: "") }
        #expect(throws: GitConfigurationError.self) { try GitCommitSpec(authorName: "", authorEmail: "bot@example.com") }
    }
}
