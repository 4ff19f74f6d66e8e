// Command generate-template-vectors writes the Go text/template and Sprig vectors that Ferry's
// template tests read (Tests/FerryCoreTests/Fixtures/templates/go-template-cases.json). The
// tests only read the JSON; Go is needed only to regenerate it.
//
// Run from the repository root with Go and Sprig v3 in a GOPATH. With Debian's golang-go and
// golang-github-masterminds-sprig-dev (Sprig 3.2.3, whose only difference from the 3.3.0 Flux
// pins is the added sha512sum), build a GOPATH of links that gives the /v3 import paths:
//
//	mkdir -p /tmp/gopath/src && cd /tmp/gopath/src && for d in /usr/share/gocode/src/*; do cp -rs $d .; done
//	ln -s /usr/share/gocode/src/github.com/Masterminds/sprig github.com/Masterminds/sprig/v3
//	ln -s /usr/share/gocode/src/github.com/Masterminds/semver github.com/Masterminds/semver/v3
//	cd - && GO111MODULE=off GOPATH=/tmp/gopath go run scripts/generate-template-vectors.go \
//	    > Tests/FerryCoreTests/Fixtures/templates/go-template-cases.json
//
// Every expected value is what text/template's Parse and Execute return for the case, with the
// data decoded from JSON as Ferry decodes it (integers stay int, other numbers float64). Cases
// with "funcs": "sprig" run with sprig.HermeticTxtFuncMap(), as Flux does.
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"runtime"
	"strings"
	"text/template"

	"github.com/Masterminds/sprig/v3"
)

type testCase struct {
	Group    string `json:"group"`
	Template string `json:"template"`
	Data     string `json:"data,omitempty"`
	Funcs    string `json:"funcs"`
	Expected *string `json:"expected,omitempty"`
	Error    string `json:"error,omitempty"`
	Stage    string `json:"stage,omitempty"`
}

func convert(v interface{}) interface{} {
	switch x := v.(type) {
	case json.Number:
		if i, err := x.Int64(); err == nil && !strings.ContainsAny(string(x), ".eE") {
			return int(i)
		}
		f, _ := x.Float64()
		return f
	case map[string]interface{}:
		for k, e := range x {
			x[k] = convert(e)
		}
		return x
	case []interface{}:
		for i, e := range x {
			x[i] = convert(e)
		}
		return x
	}
	return v
}

func run(c testCase) testCase {
	var data interface{}
	if c.Data != "" {
		d := json.NewDecoder(strings.NewReader(c.Data))
		d.UseNumber()
		if err := d.Decode(&data); err != nil {
			panic(err)
		}
		data = convert(data)
	}
	t := template.New("t")
	if c.Funcs == "sprig" {
		t = t.Funcs(sprig.HermeticTxtFuncMap())
	}
	t, err := t.Parse(c.Template)
	if err != nil {
		c.Error = err.Error()
		c.Stage = "parse"
		return c
	}
	var b bytes.Buffer
	if err := t.Execute(&b, data); err != nil {
		c.Error = err.Error()
		c.Stage = "execution"
		return c
	}
	output := b.String()
	c.Expected = &output
	return c
}

func add(cases *[]testCase, group, funcs, data string, templates ...string) {
	for _, t := range templates {
		*cases = append(*cases, testCase{Group: group, Template: t, Data: data, Funcs: funcs})
	}
}

func main() {
	var cases []testCase
	nums := `{"i": 42, "n": -7, "z": 0, "big": 1234567, "f": 3.14159, "e": 1000000.0, "tiny": 0.000012345, "half": 2.5, "neg": -0.5, "s": "hello", "u": "héllo, 世界", "q": "a\"b\\c\n", "b": true, "list": [1, 2, 3], "strs": ["a", "b"], "m": {"b": 2, "a": 1}, "nil": null, "mixed": [1, "x", null, 2.5, true]}`
	add(&cases, "printf", "builtins", nums,
		`{{printf "%d|%5d|%-5d|%05d|%+d|% d|%x|%X|%o|%O|%b|%#x|%#o|%#b" .i .i .i .i .i .i .i .i .i .i .i .i .i .i}}`,
		`{{printf "%d|%5d|%-5d|%05d|%+d|%x|%X|%08.3d|%.0d|%.0d|" .n .n .n .n .n .n .n .n .z .n}}`,
		`{{printf "%c|%q|%U|%#U|%#q" 65 65 65 9731 65}}`,
		`{{printf "%c%c|%q|%U" 19990 30028 19990 128512}}`,
		`{{printf "%v|%f|%.2f|%8.3f|%-8.3f|%e|%E|%.3e|%g|%G|%.3g" .f .f .f .f .f .f .f .f .f .f .f}}`,
		`{{printf "%v|%f|%e|%g|%.0f|%.1f" .e .e .e .e .half .half}}`,
		`{{printf "%v|%g|%e|%.2g|%f" .tiny .tiny .tiny .tiny .tiny}}`,
		`{{printf "%v %v %v %v %v %v" 1e21 1e20 123456.0 1234567.0 0.0001 0.00001}}`,
		`{{printf "%+.3f|% .2f|%08.2f|%-8.2f|%+08.2f" .f .f .neg .neg .f}}`,
		`{{printf "%#g|%#.3g|%#e|%#f|%#v" .f .f .f .f 1.0}}`,
		`{{printf "%x|%X|%.3x|%b" .f .f .f 2.0}}`,
		`{{printf "%s|%10s|%-10s|%.3s|%q|%+q|%#q|%x|% x|%#x|%X" .s .s .s .s .s .u .s .s .s .s .s}}`,
		`{{printf "%q|%+q|%s|%.2s|%5.1s|" .u .u .u .u .u}}`,
		`{{printf "%q|%v|%#v" .q .q .q}}`,
		`{{printf "%t|%v|%5t|%-6t|" .b .b .b false}}`,
		`{{printf "%v|%d|%s|%q|%x|%#v|%T" .list .list .strs .strs .strs .strs .list}}`,
		`{{printf "%v|%+v|%#v|%T|%d" .m .m .m .m .m}}`,
		`{{printf "%v|%#v|%T|%d|%s" .mixed .mixed .mixed .mixed .mixed}}`,
		`{{printf "%v|%s|%d|%T" .nil .nil .nil .nil}}`,
		`{{printf "%d|%s|%t|%x" .s .i .s .b}}`,
		`{{printf "%d %d" 1}}|{{printf "%d" 1 2 "x"}}|{{printf "%!"}}|{{printf "%"}}|{{printf "%z" 3}}`,
		`{{printf "%[2]d %[1]d|%[3]d|%[0]d|%[x]d|%[1]*d|%-*d|%.*f|%*d" 1 2 3 4 5}}`,
		`{{printf "%*d|%.*d|%*.*f" -5 3 2 4 8 2 3.14159}}`,
		`{{printf "%p" 1}}|{{printf "%p" "x"}}`,
		`{{printf "%5%|%-5v|%05v|%05s|%-05d|" 1 "ab" 3}}`,
		`{{printf "%v %v %v" 1e-7 -0.0 100.0}}`,
		`{{printf "%6.2v|%.3v|%10v|%-10v|" 3.14159 "abcdef" .list .m}}`,
		`{{printf "%.1f %.1f %.1f %.1f %.2f %.2f" 0.05 0.15 0.25 0.35 1.005 2.675}}`,
		`{{printf "%.0f %.0f %.0f %.0f" 0.5 1.5 2.5 3.5}}`,
		`{{printf "%e %e %g %g" 1e300 5e-324 1.7976931348623157e308 4.9e-324}}`,
		`{{printf "%v %s" .b .f}}`,
		`{{printf "%08b|%o|%#O|%x" 5 8 8 -255}}`,
		`{{printf "%3c|%-3c|%03c" 65 66 67}}`,
		`{{print 1 2 "a" "b" 3 .nil 4.5 .list}}|{{println "a" 1 .nil}}`,
		`{{print .missing}}|{{println .missing}}|{{printf "%v" .missing}}`,
		`{{print}}|{{println}}|{{printf ""}}`,
		`{{printf "%.2f%%" 99.5}}`,
		`{{printf "%6.3v" 12.0}}|{{printf "%v" 12.0}}|{{printf "%v" 120000000.0}}`,
	)
	cmp := `{"i": 3, "j": 4, "f": 1.5, "s": "abc", "t": "abd", "l": [1], "m": {"a": 1}, "nil": null}`
	add(&cases, "comparison", "builtins", cmp,
		`{{eq .i 3}} {{eq .i 3.0}} {{eq .s "abc"}} {{eq .s .t}} {{ne .i .j}} {{lt .s .t}} {{le .i .i}} {{gt .f 1.0}} {{ge .j .i}}`,
		`{{eq .i 1 2 3}} {{eq .s "x" "y"}} {{eq .missing .nil}} {{eq .missing 1}} {{eq .nil "x"}}`,
		`{{eq .i .f}}`,
		`{{lt .i .f}}`,
		`{{lt true false}}`,
		`{{lt .missing 1}}`,
		`{{eq .l .l}}`,
		`{{eq .m .m}}`,
		`{{eq .i}}`,
		`{{ne 1}}`,
		`{{eq .s 1}}`,
		`{{lt "a" 1}}`,
		`{{gt .s "ab"}} {{ge "b" "ab"}} {{le "" "a"}} {{lt "Z" "a"}}`,
		`{{eq "é" "é"}} {{lt "é" "z"}}`,
		`{{if and (eq .i 3) (lt .f 2.0)}}both{{end}} {{or .missing .nil "x"}} {{and .i .s}} {{and 0 .missing}} {{or 0 ""}}`,
		`{{not .missing}} {{not .l}} {{not .m}} {{not 0}} {{not "x"}} {{not .nil}}`,
	)
	add(&cases, "builtins", "builtins", `{"l": [10, 20, 30], "s": "héllo", "m": {"a": 1, "b": [1, 2]}, "mm": {"x": {"y": "deep"}}, "nil": null}`,
		`{{index .l 0}} {{index .l 2}} {{index .m "a"}} {{index .m "b" 1}} {{index .mm "x" "y"}} {{index .s 1}} {{index .l}}`,
		`{{index .m "zz"}}|{{index .mm "zz"}}`,
		`{{index .l 3}}`,
		`{{index .l -1}}`,
		`{{index .l "a"}}`,
		`{{index .m 1}}`,
		`{{index .missing 1}}`,
		`{{index 3 1}}`,
		`{{index .nil 1}}`,
		`{{len .l}} {{len .s}} {{len .m}} {{len "日本"}}`,
		`{{len .missing}}`,
		`{{len .nil}}`,
		`{{len 3.5}}`,
		`{{slice .l 1}} {{slice .l 1 2}} {{slice .l}} {{slice .s 1 3}} {{slice .l 0 0}} {{slice .l 3}}`,
		`{{slice .l 2 1}}`,
		`{{slice .s 0 1 2}}`,
		`{{slice 3 1}}`,
		`{{html "<a href=\"x\">'&'</a>"}} {{html .missing}} {{html 1 2 "x"}} {{js "a'b\"c\\d<e>f&g=h\n\u00e9\u2028"}} {{urlquery "a b&c=d/é~_.-"}} {{urlquery 1 "x" .missing}}`,
		`{{call .l}}`,
		`{{call .missing}}`,
	)
	data := `{"name": "podinfo", "tags": ["1.0.0", "1.1.0", "2.0.0"], "m": {"z": 1, "a": 2, "m": 3}, "n": {"k": {"x": 1}}, "e": [], "em": {}, "nums": [3, 1, 2], "nil": null}`
	add(&cases, "control", "builtins", data,
		`{{range .tags}}[{{.}}]{{end}}`,
		`{{range $i, $t := .tags}}{{$i}}={{$t}} {{end}}`,
		`{{range $k, $v := .m}}{{$k}}:{{$v}},{{end}}`,
		`{{range .tags}}{{if eq . "1.1.0"}}{{continue}}{{end}}{{.}} {{end}}`,
		`{{range .tags}}{{if eq . "1.1.0"}}{{break}}{{end}}{{.}} {{end}}`,
		`{{range .e}}x{{else}}empty{{end}}|{{range .em}}x{{else}}empty map{{end}}|{{range .missing}}x{{else}}missing{{end}}|{{range .nil}}x{{else}}nil{{end}}`,
		`{{range $i, $t := .tags}}{{range $.nums}}{{if gt . 2}}{{break}}{{end}}{{$i}}{{.}} {{end}}{{end}}`,
		`{{range .name}}{{.}}{{end}}`,
		`{{range 3.5}}{{.}}{{end}}`,
		`{{with .name}}{{.}}{{else}}none{{end}} {{with .missing}}x{{else}}none{{end}} {{with $x := .n.k}}{{$x.x}}{{end}}`,
		`{{if .e}}a{{else if .em}}b{{else if .name}}c{{else}}d{{end}}`,
		`{{$x := 1}}{{if true}}{{$x = 2}}{{$y := 3}}{{end}}{{$x}}`,
		`{{$x := "a"}}{{range .tags}}{{$x = .}}{{end}}{{$x}}`,
		`{{$ := 1}}`,
		`{{$x}}`,
		`{{$x := 1}}{{$x := 2}}{{$x}}`,
		`{{range $i, $e := .nums}}{{end}}{{$i}}`,
		`{{range $a, $b, $c := .nums}}{{end}}`,
		`{{range $a, 1 := .nums}}{{end}}`,
		`{{with $x, $y := .nums}}{{end}}`,
		`{{break}}`,
		`{{range .nums}}{{break 1}}{{end}}`,
		`{{if true}}{{continue}}{{end}}`,
		`{{range .nums}}{{define "x"}}{{end}}{{end}}`,
		`{{.n.k.x}} {{.n.k.y}} {{.n.missing.y}} {{$.name}} {{(.n).k.x}} {{(index .n "k").x}}`,
		`{{.nil.x}}`,
		`{{.name.x}}`,
		`{{.tags.x}}`,
		`{{.name 1}}`,
		`{{.m.z 1}}`,
		`{{$x := .name}}{{$x 1}}`,
		`{{"x" 1}}`,
		`{{nil}}`,
		`{{(nil).x}}`,
		`{{1 | 2}}`,
		`{{.name | printf "%s-%s" "a"}} {{"x" | printf "%s%s" "y"}} {{.tags | len}} {{3 | printf "%d"}}`,
		`{{printf "%s" .name | printf "<%s>" | printf "[%s]"}}`,
		`{{(printf "%d" 1) | len}}`,
	)
	add(&cases, "define", "builtins", data,
		`{{define "a"}}A({{.}}){{end}}{{template "a" .name}}{{template "a"}}{{template "a" 1}}`,
		`{{define "list"}}{{range .}}<{{.}}>{{end}}{{end}}{{template "list" .tags}}`,
		`{{block "b" .name}}default {{.}}{{end}}|{{template "b" "x"}}`,
		`{{define "rec"}}{{if .}}{{index . 0}}{{template "rec" (slice . 1)}}{{end}}{{end}}{{template "rec" .nums}}`,
		`{{template "nope"}}`,
		`{{define "a"}}1{{end}}{{define "a"}}2{{end}}`,
		`{{define "a"}}  {{end}}{{define "a"}}2{{end}}{{template "a"}}`,
		`{{define "x"}}{{$}}{{end}}{{$y := 1}}{{template "x" 5}}`,
		`{{define "x"}}{{$y}}{{end}}{{$y := 1}}{{template "x" 5}}`,
		`{{define "a"}}{{template "b" .}}{{end}}{{define "b"}}[{{.}}]{{end}}{{template "a" "z"}}`,
		`{{define 1}}{{end}}`,
		`{{template .name}}`,
		`{{define "a"}}{{.x}}{{end}}{{template "a" 1}}`,
	)
	add(&cases, "trim", "builtins", data,
		"a  {{- .name -}}  b",
		"a\n\n  {{- .name}}\n\n",
		"{{.name -}}\n\t x",
		"{{- .name -}}",
		"{{-3}}",
		"{{- 3}}",
		"{{3 -}}",
		"{{3-}}",
		"x {{- /* c */ -}} y",
		"x {{-/* c */}} y",
		"{{/* a */}}{{/* b */ -}}  z",
		"{{/* unclosed",
		"{{/* x */ .name}}",
		"a\n{{- range .tags}}\n  - {{.}}\n{{- end}}\n",
		"{{range .tags -}}\n{{.}}\n{{end -}}\nend",
	)
	add(&cases, "errors", "builtins", data,
		"line1\n{{.name.x}}",
		"line1\nline2 {{if}}",
		"{{if .name}}",
		"{{end}}",
		"{{else}}",
		"{{range .tags}}{{else if .x}}{{end}}",
		"{{if .a}}{{else}}{{else}}{{end}}",
		"{{.name",
		"{{.name}",
		"{{(.name}}",
		"{{.name)}}",
		"{{\"unterminated}}",
		"{{`raw\nstring}}",
		"{{'ab'}}",
		"{{'a}}",
		"{{nofunc 1}}",
		"{{.name | 3}}",
		"{{3 | .name}}",
		"{{. | .}}",
		"{{1e}}",
		"{{0x}}",
		"{{1_000}} {{0x_1F}} {{0b101}} {{0o17}} {{017}} {{1_0.5}} {{0x1p4}} {{.5}} {{-.5}} {{+3}} {{'a'}} {{'\\n'}} {{'\\u00e9'}}",
		"{{99999999999999999999}}",
		"{{18446744073709551615}}",
		"{{1.5.x}}",
		"{{\"x\".y}}",
		"{{.name.}}",
		"{{$x := }}",
		"{{:=}}",
		"{{$x = 1}}",
		"{{range}}{{end}}",
		"{{with}}{{end}}",
		"{{template}}",
		"{{template \"a\" 1 2}}",
		"{{define \"a\"}}",
		"{{printf}}",
		"{{len}}",
		"{{len 1 2}}",
		"{{index}}",
		"{{not 1 2}}",
		"{{printf 1}}",
		"{{printf .name.x.y}}",
		"{{html}}|{{js}}|{{urlquery}}",
		"a\n{{ .missing.x.y }}\nb {{ index .tags 5 }}",
		"{{with .nums}}{{range .}}{{.x}}{{end}}{{end}}",
		"{{€}}",
		"{{.a€}}",
		"{{ .name | printf \"%s\" | len | printf \"%d\" 1 2 }}",
		"{{.}}\n{{.name}}",
		"{{ /* x */ }}",
		"{{ $x := 1 }}{{ $x.y }}",
		"{{ $.name.x.y.z }}",
		"{{ (1).x }}",
		"{{ .m.z.x }}",
	)
	sprigData := `{"name": "PodInfo App", "s": "  hello world  ", "tags": ["b", "a", "c", "a"], "nums": [3, 1, 2], "m": {"b": 2, "a": 1, "c": {"d": 4}}, "ver": "1.2.3", "f": 2.5, "i": 7, "e": "", "nil": null, "ref": "ghcr.io/org/app:v1.2.3"}`
	add(&cases, "sprig-strings", "sprig", sprigData,
		`{{trim .s}}|{{trimAll "h" "hahah"}}|{{trimPrefix "Pod" .name}}|{{trimSuffix "App" .name}}|{{upper .name}}|{{lower .name}}|{{title "hello wORLD"}}|{{untitle "Hello World"}}`,
		`{{repeat 3 "ab"}}|{{substr 1 4 "abcdef"}}|{{substr 4 1 "abcdef"}}|{{substr -1 3 "abcdef"}}|{{substr 2 99 "abcdef"}}|{{trunc 3 "abcdef"}}|{{trunc -2 "abcdef"}}|{{trunc 10 "abc"}}|{{trunc -10 "abc"}}`,
		`{{abbrev 5 "hello world"}}|{{abbrev 20 "hello"}}|{{abbrevboth 5 10 "1234 5678 9123"}}|{{initials "First Try"}}|{{nospace "a b\tc"}}|{{swapcase "Hello World"}}`,
		`{{contains "cat" "catch"}}|{{hasPrefix "cat" "catch"}}|{{hasSuffix "ch" "catch"}}|{{replace " " "-" "a b c"}}|{{plural "one" "many" 1}}|{{plural "one" "many" 2}}|{{plural "one" "many" 0}}`,
		`{{quote "a" 1 .nil "b\"c"}}|{{squote "a" 2 .nil}}|{{cat "a" 1 .nil "b" 2.5}}|{{quote}}`,
		`{{indent 2 "a\nb"}}|{{nindent 2 "a\nb"}}|{{wrap 5 "hello world foo bar"}}|{{wrapWith 5 "\t" "hello world"}}`,
		`{{snakecase "FirstName"}}|{{snakecase "HTTPServer"}}|{{camelcase "http_server"}}|{{camelcase "first_name"}}|{{kebabcase "FirstName"}}|{{snakecase "podInfo app"}}`,
		`{{toString 1}}|{{toString 2.5}}|{{toString .tags}}|{{toString .m}}|{{toString .nil}}|{{toString true}}|{{toString "x"}}`,
		`{{.name | lower | replace " " "-" | trunc 7}}`,
		`{{splitList "," "a,b,c"}}|{{split "," "a,b"}}|{{(split "," "a,b")._1}}|{{splitn "," 2 "a,b,c"}}|{{join "-" .tags}}|{{join "," .nums}}|{{join "," "x"}}`,
		`{{sortAlpha .tags}}|{{sortAlpha .nums}}|{{toStrings .nums}}|{{atoi "42"}}|{{atoi "x"}}|{{int "12"}}|{{int64 3.9}}|{{float64 "2.5"}}|{{int .f}}|{{toDecimal "0777"}}`,
		`{{regexMatch "^[a-z]+$" "abc"}}|{{regexMatch "^[a-z]+$" "ab1"}}|{{regexFind "[0-9]+" "ab12cd34"}}|{{regexFindAll "[0-9]+" "ab12cd34e5" -1}}|{{regexFindAll "[0-9]+" "ab12cd34e5" 2}}|{{regexFindAll "x*" "abc" -1}}`,
		`{{regexReplaceAll "a(x*)b" "-ab-axxb-" "${1}W"}}|{{regexReplaceAllLiteral "a(x*)b" "-ab-axxb-" "${1}W"}}|{{regexSplit "z+" "pizza" -1}}|{{regexSplit "z+" "pizza" 1}}|{{regexQuoteMeta "1.2.3+x"}}|{{regexReplaceAll "" "abc" "-"}}`,
		`{{regexMatch "(" "x"}}`,
		`{{mustRegexMatch "(" "x"}}`,
		`{{b64enc "hello"}}|{{b64dec "aGVsbG8="}}|{{b64dec "!!"}}|{{b32enc "hello"}}|{{b32dec "NBSWY3DP"}}|{{sha1sum "abc"}}|{{sha256sum "abc"}}|{{adler32sum "abc"}}`,
		`{{base "a/b/c.txt"}}|{{dir "a/b/c.txt"}}|{{ext "a/b/c.txt"}}|{{clean "a//b/../c/"}}|{{isAbs "/x"}}|{{base ""}}|{{dir "x"}}`,
		`{{semver "1.2.3-beta.1+meta" }}|{{(semver "1.2.3-beta.1+meta").Major}}|{{(semver "v1.2.3").Minor}}|{{(semver "1.2.3-beta.1").Prerelease}}|{{(semver "1.2.3+m").Metadata}}|{{(semver "v1.2").Original}}`,
		`{{semverCompare "^1.2.0" "1.2.5"}}|{{semverCompare ">=2.0.0" "1.9.9"}}|{{semverCompare "~1.2" .ver}}|{{(semver "1.2.3").Compare (semver "1.3.0")}}`,
		`{{semverCompare "bad range!" "1.0.0"}}`,
		`{{semverCompare "^1" "not-a-version"}}`,
		`{{semver "x.y"}}`,
		`{{fail "boom"}}`,
		`{{lower 3}}`,
		`{{lower .i}}`,
		`{{lower .missing}}`,
		`{{upper .nil}}`,
		`{{trunc (add 1 2) "abcdef"}}`,
		`{{repeat 2}}`,
	)
	add(&cases, "sprig-lists", "sprig", sprigData,
		`{{list 1 "a" 2.5 .nil}}|{{list}}|{{first .tags}}|{{last .tags}}|{{rest .tags}}|{{initial .tags}}|{{first list}}|{{last list}}`,
		`{{append .tags "d"}}|{{prepend .tags "z"}}|{{concat .tags .nums (list 9)}}|{{reverse .nums}}|{{uniq .tags}}|{{without .tags "a"}}|{{has "a" .tags}}|{{has "q" .tags}}`,
		`{{compact (list 0 1 "" "x" .nil false true)}}|{{slice .tags 1}}|{{slice .tags 1 3}}|{{slice .tags}}|{{chunk 2 .nums}}|{{until 3}}|{{untilStep 1 10 3}}|{{untilStep 5 0 -2}}|{{seq 3}}|{{seq 2 4}}|{{seq 5 -1 2}}|{{seq 1 2 8}}`,
		`{{first "abc"}}`,
		`{{mustFirst "abc"}}`,
		`{{first .nil}}|{{last .nil}}|{{rest .nil}}|{{uniq .nil}}`,
		`{{slice .tags 3 1}}`,
		`{{tuple 1 2}}|{{has 1 .nums}}|{{has 1.0 .nums}}|{{without .nums 1 3}}|{{len (list 1 2 3)}}`,
		`{{range until 3}}{{.}}{{end}}|{{range $i, $e := list "a" "b"}}{{$i}}{{$e}}{{end}}`,
	)
	add(&cases, "sprig-dicts", "sprig", sprigData,
		`{{dict "b" 1 "a" 2}}|{{dict "a"}}|{{dict}}|{{dict 1 2}}|{{get .m "a"}}|{{get .m "zz"}}|{{hasKey .m "a"}}|{{hasKey .m "q"}}|{{keys .m | sortAlpha}}|{{values (dict "a" 1) }}`,
		`{{$d := dict "a" 1}}{{$_ := set $d "b" 2}}{{$d}}|{{$_ := unset $d "a"}}{{$d}}|{{pick .m "a" "c"}}|{{omit .m "a"}}|{{pluck "a" .m (dict "a" 9) (dict "b" 1)}}`,
		`{{merge (dict "a" 1 "n" (dict "x" 1)) (dict "a" 2 "b" 3 "n" (dict "y" 2))}}|{{mergeOverwrite (dict "a" 1 "n" (dict "x" 1)) (dict "a" 2 "b" 3 "n" (dict "y" 2))}}`,
		`{{dig "c" "d" "none" .m}}|{{dig "c" "x" "none" .m}}|{{dig "a" "none" .m}}|{{deepCopy .m}}|{{deepEqual .m .m}}|{{deepEqual (list 1) (list 2)}}`,
		`{{.m.c.d}}|{{(get .m "c").d}}|{{index (dict "k" "v") "k"}}`,
		`{{get .tags "a"}}`,
		`{{keys .tags}}`,
	)
	add(&cases, "sprig-math", "sprig", sprigData,
		`{{add 1 2 3}}|{{add1 5}}|{{sub 5 7}}|{{mul 2 3 4}}|{{div 7 2}}|{{mod 7 3}}|{{max 1 9 3}}|{{min 4 2 8}}|{{biggest 3 5}}|{{add "3" 4}}|{{add 1.9 1}}`,
		`{{addf 1.5 2}}|{{add1f 1.5}}|{{subf 5 1.5}}|{{mulf 1.5 2 2}}|{{divf 7 2}}|{{maxf 1.5 3 2}}|{{minf 1.5 3 -2}}|{{floor 2.7}}|{{ceil 2.1}}|{{round 2.555 2}}|{{round 2.5 0}}|{{round 1.2345 3 0.4}}`,
		`{{div 1 0}}`,
		`{{mod 1 0}}`,
		`{{add .i .f}}|{{mul .i "x"}}|{{printf "%T %T %T" (add 1 2) (addf 1 2) (len .tags)}}|{{divf 1 3}}|{{addf 0.1 0.2}}`,
	)
	add(&cases, "sprig-defaults", "sprig", sprigData,
		`{{default "x" .missing}}|{{default "x" ""}}|{{default "x" .e}}|{{default "x" 0}}|{{default "x" .name}}|{{.missing | default "d"}}|{{default "x" .nil}}|{{default "x" (list)}}|{{default "x" false}}`,
		`{{empty .missing}}|{{empty ""}}|{{empty 0}}|{{empty .tags}}|{{empty (list)}}|{{empty (dict)}}|{{empty false}}|{{empty .nil}}|{{empty 0.0}}`,
		`{{coalesce .missing "" 0 "first" "second"}}|{{coalesce .missing .nil}}|{{all 1 "a" true}}|{{all 1 ""}}|{{any 0 "" "x"}}|{{any 0 ""}}|{{ternary "yes" "no" true}}|{{ternary "yes" "no" false}}|{{true | ternary "y" "n"}}`,
		`{{toJson .m}}|{{toJson .tags}}|{{toJson "<a&b>"}}|{{toRawJson "<a&b>"}}|{{toJson .nil}}|{{toJson 2.5}}|{{toJson 1e21}}|{{toJson 1e-7}}|{{toJson 100.0}}|{{toJson (dict "z" 1 "a" (list 1 "x"))}}`,
		`{{toPrettyJson .m}}|{{toPrettyJson (list)}}|{{toPrettyJson (dict)}}`,
		`{{(fromJson "{\"a\": [1, 2.5, \"x\", null, true]}").a}}|{{fromJson "[1,2]"}}|{{fromJson "bad"}}|{{(fromJson "{\"n\": 10}").n | printf "%T"}}`,
		`{{mustFromJson "bad"}}`,
		`{{typeOf 1}}|{{typeOf "x"}}|{{typeOf .tags}}|{{typeOf .m}}|{{typeOf .nil}}|{{typeOf 2.5}}|{{kindOf .tags}}|{{kindOf .m}}|{{kindOf 1}}|{{kindIs "slice" .tags}}|{{typeIs "string" "x"}}|{{typeIsLike "int" 1}}`,
	)
	out := struct {
		GoVersion string     `json:"goVersion"`
		Sprig     string     `json:"sprig"`
		Cases     []testCase `json:"cases"`
	}{runtime.Version(), "v3 (HermeticTxtFuncMap)", nil}
	for _, c := range cases {
		out.Cases = append(out.Cases, run(c))
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(out); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
