extension Sprig {
    static let encodings: [TemplateFunction] = [
        function("b64enc", [.string], result: .string) { call in .string(SprigEncoding.base64(Array(call.string(0).utf8))) },
        function("b64dec", [.string], result: .string) { call in
            switch SprigEncoding.decodeBase64(call.string(0)) {
            case .success(let bytes): return .string(String(decoding: bytes, as: UTF8.self))
            case .failure(let error): return .string(error.message)
            }
        },
        function("b32enc", [.string], result: .string) { call in .string(SprigEncoding.base32(Array(call.string(0).utf8))) },
        function("b32dec", [.string], result: .string) { call in
            switch SprigEncoding.decodeBase32(call.string(0)) {
            case .success(let bytes): return .string(String(decoding: bytes, as: UTF8.self))
            case .failure(let error): return .string(error.message)
            }
        },
        function("sha1sum", [.string], result: .string) { call in .string(SprigEncoding.hex(SHA.sha1(Array(call.string(0).utf8)))) },
        function("sha256sum", [.string], result: .string) { call in .string(SprigEncoding.hex(SHA.sha256(Array(call.string(0).utf8)))) },
        function("sha512sum", [.string], result: .string) { call in .string(SprigEncoding.hex(SHA.sha512(Array(call.string(0).utf8)))) },
        function("adler32sum", [.string], result: .string) { call in .string(String(SHA.adler32(Array(call.string(0).utf8)))) },
    ]
}
