/// Go's `encoding/base64` and `encoding/base32` standard encodings and hex.
enum SprigEncoding {
    private static let base64Alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    private static let base32Alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func base64(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        var index = 0
        while index < bytes.count {
            let chunk = Array(bytes[index..<Swift.min(index + 3, bytes.count)])
            let value = (UInt32(chunk[0]) << 16) | (chunk.count > 1 ? UInt32(chunk[1]) << 8 : 0) | (chunk.count > 2 ? UInt32(chunk[2]) : 0)
            out.append(base64Alphabet[Int((value >> 18) & 63)])
            out.append(base64Alphabet[Int((value >> 12) & 63)])
            out.append(chunk.count > 1 ? base64Alphabet[Int((value >> 6) & 63)] : UInt8(ascii: "="))
            out.append(chunk.count > 2 ? base64Alphabet[Int(value & 63)] : UInt8(ascii: "="))
            index += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Go's `base64.StdEncoding.DecodeString`: padding required, `\r` and `\n` ignored.
    static func decodeBase64(_ text: String) -> Result<[UInt8], TemplateFunctionError> {
        decode(text, alphabet: base64Alphabet, bitsPerSymbol: 6, quantum: 4, name: "base64")
    }

    static func base32(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        var index = 0
        while index < bytes.count {
            let chunk = Array(bytes[index..<Swift.min(index + 5, bytes.count)])
            var value: UInt64 = 0
            for offset in 0..<5 { value = value << 8 | (offset < chunk.count ? UInt64(chunk[offset]) : 0) }
            let symbols = [2, 4, 5, 7, 8][chunk.count - 1]
            for offset in 0..<8 {
                out.append(offset < symbols ? base32Alphabet[Int((value >> UInt64(35 - offset * 5)) & 31)] : UInt8(ascii: "="))
            }
            index += 5
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func decodeBase32(_ text: String) -> Result<[UInt8], TemplateFunctionError> {
        decode(text, alphabet: base32Alphabet, bitsPerSymbol: 5, quantum: 8, name: "base32")
    }

    private static func decode(_ text: String, alphabet: [UInt8], bitsPerSymbol: Int, quantum: Int, name: String) -> Result<[UInt8], TemplateFunctionError> {
        var lookup = [Int](repeating: -1, count: 256)
        for (index, symbol) in alphabet.enumerated() { lookup[Int(symbol)] = index }
        let input = Array(text.utf8)
        var symbols: [(value: Int, offset: Int)] = []
        var padding: [Int] = []
        for (offset, byte) in input.enumerated() {
            if byte == 0x0A || byte == 0x0D { continue }
            if byte == UInt8(ascii: "=") {
                padding.append(offset)
                continue
            }
            if !padding.isEmpty || lookup[Int(byte)] < 0 {
                return .failure(TemplateFunctionError("illegal \(name) data at input byte \(padding.first ?? offset)"))
            }
            symbols.append((lookup[Int(byte)], offset))
        }
        let total = symbols.count + padding.count
        if total % quantum != 0 {
            return .failure(TemplateFunctionError("illegal \(name) data at input byte \(input.count - (total % quantum == 1 && padding.isEmpty ? 1 : 0))"))
        }
        var out: [UInt8] = []
        var buffer: UInt64 = 0
        var bits = 0
        for symbol in symbols {
            buffer = buffer << UInt64(bitsPerSymbol) | UInt64(symbol.value)
            bits += bitsPerSymbol
            if bits >= 8 {
                bits -= 8
                out.append(UInt8((buffer >> UInt64(bits)) & 0xFF))
            }
        }
        return .success(out)
    }
}
