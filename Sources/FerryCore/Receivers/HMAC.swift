/// HMAC (RFC 2104) over the core's SHA-1, SHA-256 and SHA-512, and a comparison whose time does
/// not depend on where two values first differ.
public enum HMAC {
    /// A hash function HMAC can use.
    public enum Hash: String, Sendable, CaseIterable {
        case sha1, sha256, sha512

        var blockSize: Int { self == .sha512 ? 128 : 64 }

        func digest(_ message: [UInt8]) -> [UInt8] {
            switch self {
            case .sha1: return SHA.sha1(message)
            case .sha256: return SHA.sha256(message)
            case .sha512: return SHA.sha512(message)
            }
        }
    }

    /// The authentication code of `message` under `key`.
    public static func code(_ hash: Hash, key: [UInt8], message: [UInt8]) -> [UInt8] {
        var key = key
        if key.count > hash.blockSize { key = hash.digest(key) }
        key += [UInt8](repeating: 0, count: hash.blockSize - key.count)
        let inner = hash.digest(key.map { $0 ^ 0x36 } + message)
        return hash.digest(key.map { $0 ^ 0x5C } + inner)
    }

    /// Whether `a` and `b` are equal, looking at every byte whatever the first difference.
    public static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        var difference = UInt8(truncatingIfNeeded: a.count ^ b.count)
        for index in 0..<max(a.count, b.count) {
            let left = index < a.count ? a[index] : 0
            let right = index < b.count ? b[index] : 0
            difference |= left ^ right
        }
        return difference == 0
    }

    /// Lowercase hexadecimal.
    public static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Bytes from hexadecimal (either case); `nil` when it is not an even run of hex digits.
    public static func bytes(hex text: String) -> [UInt8]? {
        let utf8 = Array(text.utf8)
        guard utf8.count % 2 == 0 else { return nil }
        func value(_ byte: UInt8) -> UInt8? {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
            default: return nil
            }
        }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count / 2)
        var index = 0
        while index < utf8.count {
            guard let high = value(utf8[index]), let low = value(utf8[index + 1]) else { return nil }
            out.append(high << 4 | low)
            index += 2
        }
        return out
    }
}
