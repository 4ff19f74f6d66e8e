/// Where the HTTP server listens: a host (a name, an IPv4 address or an IPv6 address) and a TCP port,
/// as `ferry run --listen` and `ferry controller` take it.
///
/// ```swift
/// try ListenAddress(parsing: "127.0.0.1:9292")   // host 127.0.0.1, port 9292
/// try ListenAddress(parsing: ":8080")            // every IPv4 interface (0.0.0.0), port 8080
/// try ListenAddress(parsing: "[::1]:80")         // IPv6 loopback, port 80
/// try ListenAddress(parsing: "localhost:0")      // a port the system picks
/// ```
public struct ListenAddress: Sendable, Hashable, CustomStringConvertible {
    /// The host to bind: a name, an IPv4 address, or an IPv6 address without brackets.
    public var host: String
    /// The TCP port; 0 lets the system pick one.
    public var port: Int

    /// Creates an address.
    /// - Parameters:
    ///   - host: A name, an IPv4 address, or an IPv6 address without brackets.
    ///   - port: The TCP port (0 to 65535).
    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Notification-controller's receiver address (`--receiverAddr :9292`), on every IPv4 interface.
    public static let fluxReceiverDefault = ListenAddress(host: "0.0.0.0", port: 9292)

    /// `host:port`, with brackets around an IPv6 host (`[::1]:80`).
    public var description: String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }
}
