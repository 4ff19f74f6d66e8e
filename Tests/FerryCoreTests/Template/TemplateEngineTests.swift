import FerryCore
import Foundation
import Testing

/// Go behaviour the generated vectors cannot show (features newer than the Go that generated
/// them, Swift-side values, limits), asserted against Go's documented results.
@Suite struct TemplateEngineTests {
    private func render(_ text: String, _ data: TemplateValue = .null, functions: TemplateFunctions = .sprig, limits: TemplateLimits = .default) throws -> String {
        try Template(text, name: "t", functions: functions).render(data, limits: limits)
    }

    private func failure(_ text: String, _ data: TemplateValue = .null, limits: TemplateLimits = .default) -> TemplateError? {
        do {
            _ = try render(text, data, limits: limits)
            return nil
        } catch let error as TemplateError {
            return error
        } catch {
            return nil
        }
    }

    // MARK: Go 1.22 and 1.23 additions

    @Test(arguments: [
        ("{{range 3}}{{.}}{{end}}", "012"),
        ("{{range $i := 4}}<{{$i}}>{{end}}", "<0><1><2><3>"),
        ("{{range 0}}x{{else}}none{{end}}", "none"),
        ("{{range -2}}x{{else}}none{{end}}", "none"),
        ("{{range 5}}{{if eq . 3}}{{break}}{{end}}{{.}}{{end}}", "012"),
        ("{{range 4}}{{if eq . 1}}{{continue}}{{end}}{{.}}{{end}}", "023"),
        ("{{range (add 1 1)}}{{printf \"%T\" .}}{{end}}", "int64int64"),
    ])
    func rangeOverAnInteger(_ template: String, _ expected: String) throws {
        #expect(try render(template) == expected)
    }

    @Test func rangeOverAnIntegerTakesOneVariable() {
        #expect(failure("{{range $i, $j := 3}}{{end}}")?.description == "template: t:1:18: executing \"t\" at <3>: can't use 3 to iterate over more than one variable")
    }

    @Test(arguments: [
        ("{{with 0}}a{{else with 1}}b{{.}}{{end}}", "b1"),
        ("{{with 0}}a{{else with \"\"}}b{{else}}c{{end}}", "c"),
        ("{{with $x := 0}}a{{else with $y := 7}}{{$y}}{{end}}", "7"),
        ("{{if 0}}a{{else if 0}}b{{else if 1}}c{{else}}d{{end}}", "c"),
    ])
    func elseWithAndElseIfChains(_ template: String, _ expected: String) throws {
        #expect(try render(template) == expected)
    }

    @Test func elseWithOnlyAfterWith() {
        #expect(failure("{{if 1}}a{{else with 1}}b{{end}}")?.description == "template: t:1:16: unexpected <with> in input")
    }

    // MARK: Parse errors carry line and column

    /// A parse error is reported where Go's parser stands: at the last token it read.
    @Test(arguments: [
        ("{{.Foo", "template: t:1:6: unclosed action", 1, 6),
        ("a\nb {{if}}", "template: t:2:6: missing value for if", 2, 6),
        ("{{range .x}}\n{{else if .y}}{{end}}", "template: t:2:7: unexpected <if> in input", 2, 7),
        ("line1\nline2\n  {{ .a | 3 }}", "template: t:3:12: non executable command in pipeline stage 2", 3, 12),
        ("{{nofunc}}", "template: t:1:2: function \"nofunc\" not defined", 1, 2),
        ("{{/* x", "template: t:1:2: unclosed comment", 1, 2),
    ])
    func parseErrors(_ template: String, _ message: String, _ line: Int, _ column: Int) throws {
        let error = try #require(failure(template))
        #expect(error.stage == .parse)
        #expect(error.description == message)
        #expect(error.line == line)
        #expect(error.column == column)
        #expect(error.goDescription == message.replacingOccurrences(of: ":\(line):\(column):", with: ":\(line):"))
    }

    @Test func executionErrorsCarryGoContext() throws {
        let data: TemplateValue = .map(["a": .map(["b": 1])])
        let error = try #require(failure("x\n  {{ .a.b.c }}", data))
        #expect(error.stage == .execution)
        #expect(error.line == 2)
        #expect(error.column == 7, "Go places a field chain at its first chained field, .b")
        #expect(error.message == "can't evaluate field c in type interface {}")
        #expect(error.description == "template: t:2:7: executing \"t\" at <.a.b.c>: can't evaluate field c in type interface {}")
    }

    @Test func errorsInsideDefinedTemplatesNameTheExecutingTemplate() throws {
        let error = try #require(failure("{{define \"inner\"}}\n{{.x.y}}{{end}}{{template \"inner\" 5}}"))
        #expect(error.description == "template: t:2:4: executing \"inner\" at <.x.y>: can't evaluate field x in type int")
    }

    // MARK: Values built in Swift

    @Test func functionValuesAndCall() throws {
        let double = TemplateFunction("double", FunctionSignature([.typed(.int)], result: .int)) { call in .int(call.int(0) * 2) }
        let failing = TemplateFunction("boom", FunctionSignature([], result: .string)) { _ throws(TemplateFunctionError) in throw TemplateFunctionError("boom") }
        let data: TemplateValue = .map(["f": .function(double), "g": .function(failing)])
        #expect(try render("{{call .f 21}}", data) == "42")
        #expect(try render("{{printf \"%T\" .f}}", data) == "func(int) int")
        #expect(failure("{{call .f \"x\"}}", data)?.message == "error calling call: arg 0: value has type string; should be int")
        #expect(failure("{{call .f}}", data)?.message == "error calling call: wrong number of args: got 0 want 1")
        #expect(failure("{{call .g}}", data)?.message == "error calling call: boom")
        #expect(failure("{{call .missing}}", data)?.message == "error calling call: call of nil")
        #expect(failure("{{.f}}", data)?.message == "can't print {{.f}} of type func(int) int")
    }

    @Test func structsWithMethodsAndEmbeddedFields() throws {
        let inner = TemplateStruct(type: .named("pkg.Inner", underlying: nil), fields: [TemplateField("Deep", "d")])
        let greet = TemplateFunction("Greet", FunctionSignature([.typed(.string)], result: .string)) { call in .string("hi " + call.string(0)) }
        let outer = TemplateStruct(
            type: .named("pkg.Outer", underlying: nil), fields: [TemplateField("Inner", .structure(inner), embedded: true), TemplateField("N", 3)],
            methods: [greet])
        let data = TemplateValue.structure(outer)
        #expect(try render("{{.Deep}} {{.Inner.Deep}} {{.N}} {{.Greet \"bob\"}} {{\"amy\" | .Greet}}", data) == "d d 3 hi bob hi amy")
        #expect(try render("{{.}} {{printf \"%+v\" .}}", data) == "{{d} 3} {Inner:{Deep:d} N:3}")
        #expect(failure("{{.N 1}}", data)?.message == "N has arguments but cannot be invoked as function")
        #expect(failure("{{.Nope}}", data)?.message == "can't evaluate field Nope in type pkg.Outer")
    }

    @Test func mapsAreSharedLikeGoMaps() throws {
        #expect(try render("{{$d := dict \"a\" 1}}{{$_ := set $d \"b\" 2}}{{$e := $d}}{{$_ := unset $e \"a\"}}{{$d}}") == "map[b:2]")
        let data: TemplateValue = .map(["m": .map(["x": 1])])
        #expect(try render("{{$_ := set .m \"y\" 2}}{{.m}}", data) == "map[x:1 y:2]")
    }

    @Test func mapKeysRangeInGoOrder() throws {
        let map = TemplateMap(type: .map(key: .int, value: .string))
        for key in [10, -1, 2] { map[.int(key)] = .string("v\(key)") }
        #expect(try render("{{range $k, $v := .}}{{$k}}={{$v}} {{end}}{{.}}", .map(map)) == "-1=v-1 2=v2 10=v10 map[-1:v-1 2:v2 10:v10]")
        let strings: TemplateValue = .map(["b": 1, "B": 2, "a": 3, "é": 4, "": 5])
        #expect(try render("{{range $k, $v := .}}[{{$k}}]{{end}}", strings) == "[][B][a][b][é]")
    }

    // MARK: Limits

    @Test func outputIsBounded() throws {
        let limits = TemplateLimits(maxOutputBytes: 100)
        #expect(try render("{{range 10}}0123456789{{end}}", limits: limits).utf8.count == 100)
        let error = try #require(failure("{{range 11}}0123456789{{end}}", limits: limits))
        #expect(error.message == "output is larger than 100 bytes")
    }

    @Test func workIsBounded() throws {
        let error = try #require(failure("{{range until 1000}}{{range until 1000}}{{end}}{{end}}", limits: TemplateLimits(maxSteps: 100_000)))
        #expect(error.message == "execution takes more than 100000 steps")
    }

    @Test func recursionIsBounded() throws {
        let error = try #require(failure("{{define \"r\"}}{{template \"r\" .}}{{end}}{{template \"r\" 1}}"))
        #expect(error.message == "exceeded maximum template depth (200)")
    }

    @Test func functionResultsAreBounded() throws {
        let limits = TemplateLimits(maxValueSize: 1000)
        #expect(failure("{{repeat 1001 \"x\" | len}}", limits: limits)?.message == "error calling repeat: the result would hold 1001 elements or bytes, more than the limit of 1000")
        #expect(failure("{{until 5000 | len}}", limits: limits)?.message == "error calling until: the result would hold 1001 elements or bytes, more than the limit of 1000")
        #expect(try render("{{repeat 1000 \"x\" | len}}", limits: limits) == "1000")
    }

    @Test func nestingIsBounded() throws {
        let deep = String(repeating: "(", count: 150) + "1" + String(repeating: ")", count: 150)
        let error = try #require(failure("{{" + deep + "}}"))
        #expect(error.stage == .parse)
        #expect(error.message == "template nesting is deeper than 100 levels")
        let nestedIfs = String(repeating: "{{if 1}}", count: 90) + "x" + String(repeating: "{{end}}", count: 90)
        #expect(try render(nestedIfs) == "x")
    }

    // MARK: Names and functions

    @Test func definedTemplatesCanBeRenderedByName() throws {
        let template = try Template("{{define \"a\"}}A{{.}}{{end}}{{block \"b\" .}}B{{end}}main", name: "main")
        #expect(template.templateNames == ["a", "b", "main"])
        #expect(try template.render(template: "a", 1) == "A1")
        #expect(try template.render(1) == "Bmain")
        #expect(throws: TemplateError.self) { try template.render(template: "zz", 1) }
    }

    /// Sprig's `nonhermeticFunctions`, which `HermeticTxtFuncMap` deletes.
    @Test func nonHermeticSprigFunctionsAreAbsent() {
        let names = [
            "date", "date_in_zone", "date_modify", "now", "htmlDate", "htmlDateInZone", "dateInZone", "dateModify", "randAlphaNum", "randAlpha",
            "randAscii", "randNumeric", "randBytes", "uuidv4", "env", "expandenv", "getHostByName",
        ]
        for name in names {
            #expect(TemplateFunctions.sprig.function(named: name) == nil, "\(name)")
            #expect(failure("{{\(name)}}")?.message == "function \"\(name)\" not defined")
        }
        #expect(TemplateFunctions.sprig.names.count > 150)
        #expect(TemplateFunctions.builtins.function(named: "upper") == nil)
    }
}

extension TemplateEngineTests {
    @Test func aMapHoldingItselfPrintsBoundedly() throws {
        let output = try Template("{{$d := dict}}{{$_ := set $d \"self\" $d}}{{$d}}", name: "t").render(.null)
        #expect(output.hasPrefix("map[self:map[self:"))
        #expect(output.contains("..."))
    }
}
