import FerryCore
import Testing

/// Ferry's JSON reader and writer: Go's `encoding/json` for `any`, integers kept.
@Suite struct TemplateJSONTests {
    @Test func decodesAsGoDoesIntoAny() throws {
        let value = try TemplateJSON.decode(#" {"i": 3, "f": 3.0, "e": 1e3, "big": 12345678901234567890, "s": "a\u00e9\ud83d\ude00\n", "n": null, "l": [true, {}]} "#)
        let rendered = try Template("{{range $k, $v := .}}{{$k}}={{printf \"%T:%v\" $v $v}};{{end}}", name: "t").render(value)
        #expect(rendered == "big=float64:1.2345678901234567e+19;e=float64:1000;f=float64:3;i=int:3;l=[]interface {}:[true map[]];n=<nil>:<nil>;s=string:aé😀\n;")
    }

    @Test func floatsOnlyWhenAskedLikeGo() throws {
        #expect(try TemplateJSON.decode("[1, 2]", integers: false) == .list([.float(1), .float(2)]))
    }

    @Test(arguments: [
        ("", "line 1, column 1: unexpected end of JSON input"),
        ("{\"a\" 1}", "line 1, column 6: invalid character '1' after object key"),
        ("[1,]", "line 1, column 4: invalid character ']' looking for beginning of value"),
        ("{}\n x", "line 2, column 2: invalid character 'x' after top-level value"),
        ("\"\\q\"", "line 1, column 3: invalid character 'q' in string escape code"),
        ("01", "line 1, column 2: invalid character '1' after top-level value"),
        ("tru", "line 1, column 4: unexpected end of JSON input"),
    ])
    func errorsNameLineAndColumn(_ text: String, _ message: String) {
        #expect(throws: TemplateJSONError.self) { try TemplateJSON.decode(text) }
        do {
            _ = try TemplateJSON.decode(text)
        } catch {
            #expect(error.description == message)
        }
    }

    @Test func nestingIsBounded() {
        let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        #expect(throws: TemplateJSONError.self) { try TemplateJSON.decode(deep) }
    }

    @Test func encodesAsGoMarshals() throws {
        let value: TemplateValue = .map(["z": 1, "a": .list(["<&>", 1.5, .null, true]), "u": "\u{2028}\t\u{01}"])
        #expect(try TemplateJSON.encode(value) == #"{"a":["\u003c\u0026\u003e",1.5,null,true],"u":"\u2028\t\u0001","z":1}"#)
        #expect(try TemplateJSON.encode(value, escapeHTML: false) == #"{"a":["<&>",1.5,null,true],"u":"\u2028\t\u0001","z":1}"#)
        #expect(try TemplateJSON.encode(.list([1e21, 1e-7, 123456789.0, 0.000001])) == "[1e+21,1e-7,123456789,0.000001]")
        #expect(try TemplateJSON.encode(.map(["a": .list([])]), indent: "  ") == "{\n  \"a\": []\n}")
        #expect(throws: TemplateJSONError(line: nil, column: nil, message: "json: unsupported value: NaN")) { try TemplateJSON.encode(.float(.nan)) }
    }
}
