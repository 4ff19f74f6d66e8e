import FerryServer
import Testing

@Suite("Listen addresses")
struct ListenAddressTests {
    @Test(arguments: [
        ("127.0.0.1:9292", "127.0.0.1", 9292), (":8080", "0.0.0.0", 8080), ("[::1]:80", "::1", 80), ("localhost:0", "localhost", 0),
        ("0.0.0.0:65535", "0.0.0.0", 65535), ("[::]:9292", "::", 9292), ("[fe80::1%eth0]:9292", "fe80::1%eth0", 9292),
        ("[::ffff:10.0.0.1]:1", "::ffff:10.0.0.1", 1), ("ferry-controller.flux-system.svc:9292", "ferry-controller.flux-system.svc", 9292),
    ])
    func parses(text: String, host: String, port: Int) throws {
        let address = try ListenAddress(parsing: text)
        #expect(address == ListenAddress(host: host, port: port))
    }

    @Test("description brackets IPv6 hosts")
    func description() {
        #expect(ListenAddress(host: "::1", port: 80).description == "[::1]:80")
        #expect(ListenAddress(host: "127.0.0.1", port: 9292).description == "127.0.0.1:9292")
    }

    @Test(arguments: [
        ("", #"invalid listen address "": it is empty; give HOST:PORT, :PORT or [IPv6]:PORT, e.g. 127.0.0.1:9292"#),
        ("9292", #"invalid listen address "9292": a port needs a ':' before it; give :9292 for every interface or 127.0.0.1:9292 for this machine only"#),
        ("localhost", #"invalid listen address "localhost": it has no port; give HOST:PORT or :PORT, e.g. localhost:9292"#),
        ("127.0.0.1:", #"invalid listen address "127.0.0.1:": the port is missing after ':'"#),
        ("127.0.0.1:http", #"invalid listen address "127.0.0.1:http": the port "http" is not a number from 0 to 65535"#),
        (":65536", #"invalid listen address ":65536": the port "65536" is not a number from 0 to 65535"#),
        (":-1", #"invalid listen address ":-1": the port "-1" is not a number from 0 to 65535"#),
        ("::1:80", #"invalid listen address "::1:80": an IPv6 address needs brackets, e.g. [::1]:9292"#),
        ("[::1]", #"invalid listen address "[::1]": it has no port; add one after the brackets, e.g. [::1]:9292"#),
        ("[::1:80", #"invalid listen address "[::1:80": the IPv6 address has no closing ']'"#),
        ("[::1]80", #"invalid listen address "[::1]80": expected ':' and a port after ']'"#),
        ("[localhost]:80", #"invalid listen address "[localhost]:80": "localhost" inside the brackets is not an IPv6 address"#),
        ("[1:2:3]:80", #"invalid listen address "[1:2:3]:80": "1:2:3" inside the brackets is not an IPv6 address"#),
        ("http://127.0.0.1:9292", #"invalid listen address "http://127.0.0.1:9292": it looks like a URL; give HOST:PORT without a scheme, e.g. 127.0.0.1:9292"#),
        ("my host:80", #"invalid listen address "my host:80": it contains a space"#),
        ("a..b:80", #"invalid listen address "a..b:80": "a..b" is not a host name or an IP address"#),
        ("a/b:80", #"invalid listen address "a/b:80": "a/b" is not a host name or an IP address"#),
    ])
    func refuses(text: String, message: String) {
        #expect(throws: ListenAddressError.self) { try ListenAddress(parsing: text) }
        do {
            _ = try ListenAddress(parsing: text)
        } catch {
            #expect(error.description == message)
        }
    }
}
