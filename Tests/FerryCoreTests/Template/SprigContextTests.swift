import FerryCore
import Foundation
import Testing

/// What the generated vectors cannot show: the injected time and seed, the functions Ferry
/// refuses, Go's newer behaviour, and Ferry's own choices.
@Suite struct SprigContextTests {
    private let noon = Timestamp(rfc3339: "2024-06-15T12:00:00Z")

    private func render(_ text: String, _ data: TemplateValue = .null, limits: TemplateLimits = .default) throws -> String {
        try Template(text, name: "t").render(data, limits: limits)
    }

    private func failure(_ text: String, limits: TemplateLimits = .default) -> TemplateError? {
        do {
            _ = try render(text, limits: limits)
            return nil
        } catch let error as TemplateError {
            return error
        } catch {
            return nil
        }
    }

    // MARK: The function set

    /// Every name in Sprig's `HermeticTxtFuncMap` (3.2.3, as installed where the vectors were
    /// made) is defined; besides Go's builtins Ferry adds only 3.3.0's `sha512sum`.
    @Test func theHermeticFunctionMapIsComplete() throws {
        let text = String(decoding: try Fixtures.data("templates/sprig-hermetic-cases.json"), as: UTF8.self)
        guard case .map(let file) = try TemplateJSON.decode(text), case .slice(let list)? = file[.string("functions")] else {
            Issue.record("the vector file lists no functions")
            return
        }
        let sprig = Set(list.elements.compactMap(\.stringValue))
        #expect(sprig.count > 190)
        for name in sprig.sorted() { #expect(TemplateFunctions.sprig.function(named: name) != nil, "\(name)") }
        let builtins = Set(TemplateFunctions.builtins.names)
        #expect(Set(TemplateFunctions.sprig.names).subtracting(sprig).subtracting(builtins) == ["sha512sum"])
        #expect(try render("{{ hello }}") == "Hello!")
    }

    // MARK: The injected time

    @Test(arguments: [
        ("{{ ago (toDate \"2006-01-02\" \"2024-06-14\") }}", "36h0m0s"),
        ("{{ ago (toDate \"2006-01-02T15:04:05Z07:00\" \"2024-06-15T13:00:00+02:00\") }}", "1h0m0s"),
        ("{{ ago 1718445600 }}", "2h0m0s"),
        ("{{ ago (int64 1718452799) }}", "1s"),
        ("{{ durationRound (toDate \"2006-01-02\" \"2024-05-01\") }}", "1mo"),
        ("{{ durationRound (toDate \"2006-01-02\" \"2026-06-16\") }}", "2y"),
    ])
    func agoAndDurationRoundMeasureFromTheGivenTime(_ template: String, _ expected: String) throws {
        #expect(try render(template, limits: TemplateLimits(now: noon)) == expected)
    }

    @Test(arguments: ["ago", "durationRound"])
    func withoutATimeTheyFailNamingTheFunction(_ name: String) {
        let error = failure("{{ \(name) (toDate \"2006\" \"2024\") }}")
        #expect(error?.stage == .execution)
        #expect(
            error?.message
                == "error calling \(name): \(name) measures from the current time, and this rendering was given none (TemplateLimits.now)")
    }

    @Test func agoOfAnythingElseNeedsNoTime() throws {
        #expect(try render("{{ ago \"x\" }}|{{ durationRound \"90m\" }}|{{ ago .missing }}") == "0s|1h|0s")
    }

    // MARK: The injected seed

    @Test func theSeedMakesRandomNumbersRepeatable() throws {
        let template = "{{ randInt 0 1000000 }} {{ shuffle \"abcdefghijklmnop\" }}"
        let first = try render(template, limits: TemplateLimits(randomSeed: 7))
        #expect(try render(template, limits: TemplateLimits(randomSeed: 7)) == first)
        #expect(try render(template, limits: TemplateLimits(randomSeed: 8)) != first)
        // The default seed is Go's default before Go 1.20: 1.
        #expect(try render(template) == render(template, limits: TemplateLimits(randomSeed: 1)))
    }

    @Test func oneSequencePerRenderingSharedByNestedTemplates() throws {
        let parsed = try Template(
            "{{ define \"r\" }}{{ randInt 0 100 }}{{ end }}{{ template \"r\" }} {{ randInt 0 100 }} {{ template \"r\" }}", name: "t")
        let once = try parsed.render(.null)
        let numbers = once.split(separator: " ")
        #expect(numbers.count == 3)
        #expect(Set(numbers).count > 1)
        // A second rendering starts the sequence again.
        #expect(try parsed.render(.null) == once)
    }

    @Test func randIntCoversItsRange() throws {
        let output = try render("{{ range until 400 }}{{ randInt -2 3 }},{{ end }}", limits: TemplateLimits(randomSeed: 3))
        let values = Set(output.split(separator: ",").compactMap { Int($0) })
        #expect(values == [-2, -1, 0, 1, 2])
    }

    // MARK: Functions Ferry does not offer

    @Test(arguments: [
        ("bcrypt", "{{ bcrypt \"secret\" }}"),
        ("htpasswd", "{{ htpasswd \"user\" \"secret\" }}"),
        ("genPrivateKey", "{{ genPrivateKey \"ecdsa\" }}"),
        ("derivePassword", "{{ derivePassword 1 \"long\" \"password\" \"user\" \"example.com\" }}"),
        ("buildCustomCert", "{{ buildCustomCert \"Y2VydA==\" \"a2V5\" }}"),
        ("genCA", "{{ genCA \"ca\" 365 }}"),
        ("genCAWithKey", "{{ genCAWithKey \"ca\" 365 \"pem\" }}"),
        ("genSelfSignedCert", "{{ genSelfSignedCert \"x\" nil nil 365 }}"),
        ("genSelfSignedCertWithKey", "{{ genSelfSignedCertWithKey \"x\" (list \"10.0.0.1\") (list \"x.example\") 365 \"pem\" }}"),
        ("genSignedCert", "{{ genSignedCert \"x\" nil nil 365 (genCA \"ca\" 1) }}"),
        ("genSignedCertWithKey", "{{ genSignedCertWithKey \"x\" nil nil 365 (genCA \"ca\" 1) \"pem\" }}"),
        ("encryptAES", "{{ encryptAES \"key\" \"text\" }}"),
        ("decryptAES", "{{ \"cipher\" | decryptAES \"key\" }}"),
    ])
    func keyCertificatePasswordAndAESFunctionsFailWhenCalled(_ name: String, _ template: String) throws {
        // Parsing succeeds, as in Flux: the template is valid.
        _ = try Template(template, name: "t")
        let error = failure(template)
        // genSignedCert's argument (genCA …) fails first, naming genCA.
        let failing = name.hasPrefix("genSignedCert") ? "genCA" : name
        #expect(error?.stage == .execution)
        let reason = "(Sprig's key, certificate, password and AES functions are left out)"
        #expect(error?.message == "error calling \(failing): Ferry does not offer \(failing) in commit message templates \(reason)")
        #expect(error?.line == 1)
    }

    // MARK: Go newer than the vectors' 1.19

    @Test(arguments: [
        (
            "{{ $a := toDate \"2006\" \"2024\" }}{{ $b := toDate \"2006\" \"2025\" }}{{ $a.Compare $b }} {{ $b.Compare $a }} {{ $a.Compare $a.UTC }}",
            "-1 1 0"
        ),
        (
            "{{ urlParse \"http://[::ffff:1.2.3.4]:80/\" }}",
            "map[fragment: host:[::ffff:1.2.3.4]:80 hostname:::ffff:1.2.3.4 opaque: path:/ query: scheme:http userinfo:]"
        ),
        (
            "{{ urlParse \"http://[fe80::1%25en0]/\" | toJson }}",
            #"{"fragment":"","host":"[fe80::1%en0]","hostname":"fe80::1%en0","opaque":"","path":"/","query":"","scheme":"http","userinfo":""}"#
        ),
        ("{{ (mustToDate \"15:04 -07:00\" \"10:00 +24:00\").Format \"Z07:00\" }}", "+24:00"),
    ])
    func behaviourOfTheGoFluxIsBuiltWith(_ template: String, _ expected: String) throws {
        #expect(try render(template) == expected)
    }

    @Test(arguments: [
        ("{{ urlParse \"http://[::1.2.3]/\" }}", #"invalid host: ParseAddr("::1.2.3"): IPv4 address too short"#),
        (
            "{{ urlParse \"http://[1:2:3:4:5:6:7::8]/\" }}",
            #"invalid host: ParseAddr("1:2:3:4:5:6:7::8"): the :: must expand to at least one field of zeros"#
        ),
        ("{{ urlParse \"http://[1:2:3:4:5:6:7]/\" }}", #"invalid host: ParseAddr("1:2:3:4:5:6:7"): address string too short"#),
        ("{{ urlParse \"http://[::1%25]/\" }}", #"invalid host: ParseAddr("::1%"): zone must be a non-empty string"#),
        ("{{ urlParse \"http://[%25en0]/\" }}", #"invalid host: ParseAddr("%en0"): missing IPv6 address"#),
        ("{{ urlParse \"http://[]/\" }}", #"invalid host: ParseAddr(""): unable to parse IP"#),
        ("{{ urlParse \"http://[::1.2.3.04]/\" }}", #"invalid host: ParseAddr("::1.2.3.04"): IPv4 field has octet with leading zero"#),
        ("{{ urlParse \"http://[1::2:1.2.3.4.5]/\" }}", #"invalid host: ParseAddr("1::2:1.2.3.4.5"): IPv4 address too long"#),
        (
            "{{ urlParse \"http://[1:2:3:4:5:6:7:1.2.3.4]/\" }}",
            #"invalid host: ParseAddr("1:2:3:4:5:6:7:1.2.3.4"): embedded IPv4 address must replace the final 2 fields of the address (at "1.2.3.4")"#
        ),
        ("{{ urlParse \"http://[1:2]x/\" }}", #"invalid port "x" after host"#),
    ])
    func bracketedHostsMustBeIPv6Addresses(_ template: String, _ message: String) {
        #expect(failure(template)?.message.hasSuffix(message) == true, "\(failure(template)?.message ?? "no error")")
    }

    // MARK: Ferry's own choices

    /// No credential in an error message: the password of a URL is redacted as Go's `Redacted` does.
    @Test(arguments: [
        ("{{ urlParse \"https://deploy:s3cret@git.example/%zz\" }}", #"parse "https://deploy:xxxxx@git.example/%zz": invalid URL escape "%zz""#),
        ("{{ urlParse \"https://deploy:s3cret@[v1.x]/\" }}", #"parse "https://deploy:xxxxx@[v1.x]/""#),
        ("{{ urlJoin (dict \"userinfo\" \"deploy:s3 cret\") }}", #"parse "proto://deploy:xxxxx@host": net/url: invalid userinfo"#),
    ])
    func passwordsNeverReachErrorMessages(_ template: String, _ part: String) {
        let message = failure(template)?.message ?? ""
        #expect(message.contains(part), "\(message)")
        #expect(!message.contains("s3cret") && !message.contains("s3 cret"))
    }

    @Test func timesBeyondTheJSONRangeFailAsGoFails() {
        #expect(
            failure("{{ (toDate \"2006\" \"9999\").AddDate 1 0 0 | mustToJson }}")?.message
                == "error calling mustToJson: json: error calling MarshalJSON for type time.Time: Time.MarshalJSON: year outside of range [0,9999]")
        #expect((try? render("{{ (toDate \"2006\" \"9999\").AddDate 1 0 0 | toJson }}")) == "")
    }
}
