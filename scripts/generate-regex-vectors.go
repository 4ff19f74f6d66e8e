// Command generate-regex-vectors writes the Go regexp conformance vectors that Ferry's GoRegexp
// tests read (Tests/FerryCoreTests/Fixtures/regex/go-regexp-cases.json). The tests only read the
// JSON; Go is needed only to regenerate it.
//
// Run from the repository root with Go 1.25 or later (named groups written (?<name>…) and the
// Unicode class names of Go 1.25 are part of the vectors):
//
//	go run scripts/generate-regex-vectors.go > Tests/FerryCoreTests/Fixtures/regex/go-regexp-cases.json
//
// Inputs: the cases listed below (patterns from Go's own find_test.go and exec_test.go among
// them), plus every pattern and subject of Go's src/regexp/testdata/re2-search.txt and the ERE
// lines of basic.dat, nullsubexpr.dat and repetition.dat, read from GOROOT. Every expected value
// is what regexp.Compile, FindStringSubmatchIndex and ExpandString return. Subjects avoid code
// points whose Unicode properties changed after Unicode 15.0, the version of Go's tables.
package main

import (
	"bufio"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"unicode/utf8"
)

type subjectCase struct {
	Subject    string `json:"subject"`
	SubjectHex string `json:"subjectHex,omitempty"`
	Match      []int  `json:"match"`
}

type patternCase struct {
	Pattern    string        `json:"pattern"`
	PatternHex string        `json:"patternHex,omitempty"`
	Source     string        `json:"source"`
	Error      string        `json:"error,omitempty"`
	Groups     int           `json:"groups"`
	Names      []string      `json:"names,omitempty"`
	Cases      []subjectCase `json:"cases"`
}

type expansionCase struct {
	Pattern  string `json:"pattern"`
	Subject  string `json:"subject"`
	Template string `json:"template"`
	Matched  bool   `json:"matched"`
	Expected string `json:"expected"`
}

type output struct {
	Generator  string          `json:"generator"`
	GoVersion  string          `json:"goVersion"`
	Patterns   []patternCase   `json:"patterns"`
	Expansions []expansionCase `json:"expansions"`
}

// curated lists patterns with the subjects to run them on, grouped by what they exercise.
var curated = []struct {
	source   string
	pattern  string
	subjects []string
}{
	// Flux tag filters.
	{"flux", `^main-[a-fA-F0-9]+-(?P<ts>.*)`, []string{"main-3f2a1b-1700000000", "main-xyz-1", "feature-main-abc-1", "main-abc-"}},
	{"flux", `^v?(?P<v>[0-9]+\.[0-9]+\.[0-9]+)$`, []string{"v1.2.3", "1.2.3", "v1.2", "1.2.3-rc1", "vv1.2.3", "10.20.30"}},
	{"flux", `^(?P<tag>123-[0-9]+\.[0-9]+\.[a-z0-9]+[^-debug])`, []string{"123-1.2.abc4", "123-1.2.abcdebug", "123-1.2.a-debug"}},
	{"flux", `^(\d+)-(\w+)$`, []string{"20240101-abc", "1-a_b", "x-1"}},
	{"flux", `^.*\.sig$`, []string{"sha256-abc.sig", "v1.0.0", ".sig", "a.sig\n"}},
	{"flux", `1.0.2`, []string{"11.0.2x", "1x0y2", "1.0.3"}},
	{"flux", `.*-rc.*`, []string{"1.0.0-rc.1", "1.0.0", "-rc"}},
	{"flux", `^(?P<semver>[0-9]+\.[0-9]+\.[0-9]+)-(?P<build>[0-9]+)$`, []string{"1.2.3-45", "1.2.3-", "1.2.3-45-6"}},
	{"flux", `^RELEASE\.(?P<timestamp>.*)Z$`, []string{"RELEASE.2023-01-01T00-00-00Z", "RELEASE.Z", "release.1Z"}},
	{"flux", `(?<name>a+)(?P<other>b*)`, []string{"xaab", "b", "aaa"}},
	// Literals, escapes and quoting.
	{"escapes", `\a\f\t\n\r\v`, []string{"\a\f\t\n\r\v", "x\a\f\t\n\r\vy"}},
	{"escapes", `\0\07\101\1234\377`, []string{"\x00\x07A\x534\u00ff"}},
	{"escapes", `[\012-\234]\141`, []string{"\na", "\u009ca", "\u009da"}},
	{"escapes", `\x41\x{42}\x{10FFFF}\x{0}`, []string{"AB\U0010FFFF\x00"}},
	{"escapes", `\x{1F600}+`, []string{"😀😀x"}},
	{"escapes", `\Q+|*?{[\E`, []string{"a+|*?{[b"}},
	{"escapes", `\Q\\E`, []string{`\`, `\\`}},
	{"escapes", `\Qab\E+`, []string{"abbb", "ab"}},
	{"escapes", `\Qa.b`, []string{"a.b", "axb"}},
	{"escapes", `\.\^\$\\\|\(\)\[\]\{\}\*\+\?\-\_\/\#\&\~\%\@\!\"\'\,\;\:\=\<\>\` + "`", []string{`.^$\|()[]{}*+?-_/#&~%@!"',;:=<>` + "`"}},
	{"escapes", `a{`, []string{"a{", "a"}},
	{"escapes", `a{x}`, []string{"a{x}"}},
	{"escapes", `{1`, []string{"{1", "1"}},
	{"escapes", `a{,2}`, []string{"a{,2}", "aa"}},
	{"escapes", `a{1,2`, []string{"a{1,2", "aa"}},
	{"escapes", `x{01}`, []string{"x{01}", "x"}},
	{"escapes", `x{1001`, []string{"x{1001"}},
	{"escapes", `}`, []string{"}"}},
	{"escapes", `]`, []string{"]"}},
	// Dot and newlines.
	{"dot", `.`, []string{"", "a", "\n", "é", "\xff"}},
	{"dot", `a.c`, []string{"abc", "a\nc", "aéc", "a\xffc"}},
	{"dot", `(?s)a.c`, []string{"a\nc"}},
	{"dot", `(?s:.)\n.`, []string{"\n\na"}},
	{"dot", `.+`, []string{"ab\ncd", "\nx"}},
	{"dot", `[^a]`, []string{"\n", "a"}},
	{"dot", `[\s\S]+`, []string{"a\nb"}},
	// Character classes.
	{"classes", `[abc]+`, []string{"xxabcbay", "d"}},
	{"classes", `[a-c-e]+`, []string{"a-e", "d"}},
	{"classes", `[]a]+`, []string{"a]a]x"}},
	{"classes", `[^]a]+`, []string{"]abc"}},
	{"classes", `[a-]+`, []string{"-a-"}},
	{"classes", `[-a]+`, []string{"-a-"}},
	{"classes", `[\]\[\\\-]+`, []string{`x[]\-y`}},
	{"classes", `[[:alpha:]]+`, []string{"12abCD34"}},
	{"classes", `[[:^alpha:]]+`, []string{"ab12cd"}},
	{"classes", `[[:alnum:][:punct:]]+`, []string{" a1!? "}},
	{"classes", `[[:ascii:]]+`, []string{"é abc é"}},
	{"classes", `[[:blank:]]+`, []string{"a \t\nb"}},
	{"classes", `[[:cntrl:]]+`, []string{"a\x01\x7fb"}},
	{"classes", `[[:digit:][:xdigit:]]+`, []string{"xyz09afAFg"}},
	{"classes", `[[:graph:]]+`, []string{" ab~ "}},
	{"classes", `[[:lower:]]+`, []string{"ABcdEF"}},
	{"classes", `[[:print:]]+`, []string{"\x01ab c\x02"}},
	{"classes", `[[:space:]]+`, []string{"a \t\n\v\f\rb"}},
	{"classes", `[[:upper:]]+`, []string{"abCDef"}},
	{"classes", `[[:word:]]+`, []string{"--a_1--"}},
	{"classes", `[[:foo]`, []string{"[:foo", "f"}},
	{"classes", `\d+\D+\s+\S+\w+\W+`, []string{"12ab \tx_y.!"}},
	{"classes", `[\d\s]+`, []string{"a1 2\v3"}},
	{"classes", `[^\d\s]+`, []string{"1 ab 2"}},
	{"classes", `\s`, []string{"\v", "\f"}},
	{"classes", `[α-ε☺]+`, []string{"xβγ☺y"}},
	{"classes", `[^\x00-\x{10FFFF}]`, []string{"abc", ""}},
	{"classes", `[\x{80}-\x{10FFFF}]+`, []string{"aé☺\xffb"}},
	{"classes", `[\x{FFFD}]`, []string{"\xff", "\ufffd", "a"}},
	{"classes", `\x{FFFD}+`, []string{"a\xff\xfe\ufffdb"}},
	// Unicode classes.
	{"unicode", `\pL+`, []string{"123abcДжα漢字456"}},
	{"unicode", `\p{L}\PL`, []string{"ab1", "a"}},
	{"unicode", `\p{Lu}+`, []string{"abCDÉΣx"}},
	{"unicode", `\p{Ll}+`, []string{"ABcdéσX"}},
	{"unicode", `\p{Greek}+`, []string{"abcαβγdef"}},
	{"unicode", `\P{Greek}+`, []string{"αβγdefαβ"}},
	{"unicode", `\p{^Greek}+`, []string{"αβγdefαβ"}},
	{"unicode", `\P{^Greek}+`, []string{"abcαβγdef"}},
	{"unicode", `\p{Han}+`, []string{"ab漢字cd"}},
	{"unicode", `\p{Latin}+`, []string{"αabcДé"}},
	{"unicode", `\p{Cyrillic}+`, []string{"abcЖжd"}},
	{"unicode", `\p{Common}+`, []string{"a1!☺b"}},
	{"unicode", `\p{Inherited}`, []string{"a\u0301"}},
	{"unicode", `\p{Any}+`, []string{"a\nb"}},
	{"unicode", `\p{^Any}`, []string{"a"}},
	{"unicode", `\pN+`, []string{"a123½b"}},
	{"unicode", `\p{Nd}+`, []string{"a123½b"}},
	{"unicode", `\pZ+`, []string{"a \u00a0\u2003b"}},
	{"unicode", `\p{Zs}`, []string{"\u3000"}},
	{"unicode", `\pP+`, []string{"a!?,.b"}},
	{"unicode", `\pS+`, []string{"a+$^b"}},
	{"unicode", `\p{Sc}`, []string{"€"}},
	{"unicode", `\pM`, []string{"e\u0301"}},
	{"unicode", `\pC+`, []string{"a\x01\u200bb"}},
	{"unicode", `\p{Cc}+`, []string{"a\x01\x7fb"}},
	{"unicode", `\p{Cf}`, []string{"a\u200bb"}},
	{"unicode", `\p{Co}`, []string{"\ue000"}},
	{"unicode", `\p{Cs}`, []string{"\xed\xa0\x80"}},
	{"unicode", `[\p{Lu}\d]+`, []string{"aB1Cd"}},
	{"unicode", `[^\p{L}]+`, []string{"ab12cd"}},
	{"unicode", `[\P{L}a]+`, []string{"1ab"}},
	{"unicode", `\p{Braille}`, []string{"\u2800"}},
	{"unicode", `\p{Canadian_Aboriginal}`, []string{"ᐁ"}},
	{"unicode", `\p{Old_Italic}`, []string{"\U00010300"}},
	// Go 1.25 names: aliases, case and separators ignored, Assigned, ASCII, LC, Cn.
	{"unicode-names", `\p{Letter}+`, []string{"12abc"}},
	{"unicode-names", `\p{Uppercase_Letter}+`, []string{"abCD"}},
	{"unicode-names", `\p{upper case-let ter}+`, []string{"abCD"}},
	{"unicode-names", `\p{__upper case-let ter}`, []string{"X"}},
	{"unicode-names", `\p{greek}+`, []string{"aβγ"}},
	{"unicode-names", `\p{GREEK}`, []string{"β"}},
	{"unicode-names", `\p{canadian aboriginal}`, []string{"ᐁ"}},
	{"unicode-names", `\p{ascii}+`, []string{"é abc é"}},
	{"unicode-names", `\p{ASCII}+`, []string{"é abc é"}},
	{"unicode-names", `\p{Assigned}+`, []string{"ab"}},
	{"unicode-names", `\p{^Assigned}`, []string{"a\U000E0080b"}},
	{"unicode-names", `\p{Cn}`, []string{"a\U000E0080b"}},
	{"unicode-names", `\p{LC}+`, []string{"1aBǅ2"}},
	{"unicode-names", `\p{Lc}+`, []string{"1aB2"}},
	{"unicode-names", `\p{Cased_Letter}+`, []string{"1aB2"}},
	{"unicode-names", `\p{digit}+`, []string{"a12b"}},
	{"unicode-names", `\p{punct}+`, []string{"a!,b"}},
	{"unicode-names", `\p{cntrl}`, []string{"a\x01"}},
	{"unicode-names", `\p{Combining_Mark}`, []string{"e\u0301"}},
	{"unicode-names", `\p{Decimal_Number}+`, []string{"a12b"}},
	{"unicode-names", `\p{Other}`, []string{"a\x01"}},
	{"unicode-names", `\p{C}`, []string{"a\U000E0080b"}},
	{"unicode-names", `\p{Unassigned}`, []string{"a\U000E0080b"}},
	{"unicode-names", `\p{Private_Use}`, []string{"\ue000"}},
	// Case folding.
	{"fold", `(?i)abc`, []string{"xABCx", "AbC", "ab"}},
	{"fold", `(?i)k`, []string{"k", "K", "\u212a", "x"}},
	{"fold", `(?i)s+`, []string{"sSſ"}},
	{"fold", `(?i)ſ`, []string{"s", "S"}},
	{"fold", `(?i)\x{212A}`, []string{"k", "K"}},
	{"fold", `(?i)[k]`, []string{"\u212a"}},
	{"fold", `(?i)[a-z]+`, []string{"1aBzZſ\u212a2"}},
	{"fold", `(?i)[^a-z]+`, []string{"ab12ſ"}},
	{"fold", `(?i)[[:upper:]]+`, []string{"1abCD2"}},
	{"fold", `(?i)[[:^lower:]]+`, []string{"ab12ſ"}},
	{"fold", `(?i)\w+`, []string{"-aſ\u212a_-"}},
	{"fold", `(?i)\W+`, []string{"aſ-"}},
	{"fold", `(?i)\p{Lu}+`, []string{"1abCD2"}},
	{"fold", `(?i)\P{Lu}+`, []string{"abCD12"}},
	{"fold", `(?i)\p{Greek}+`, []string{"aΣσςb"}},
	{"fold", `(?i)σ`, []string{"Σ", "ς"}},
	{"fold", `(?i)ß`, []string{"ẞ", "ss"}},
	{"fold", `(?i)µ`, []string{"μ", "Μ"}},
	{"fold", `(?i)Ǆ`, []string{"ǅ", "ǆ"}},
	{"fold", `(?i)ǅ+`, []string{"ǄǅǆDž"}},
	{"fold", `(?i)θ`, []string{"ϑ", "ϴ", "Θ"}},
	{"fold", `(?i)İ`, []string{"i", "I", "İ"}},
	{"fold", `(?i)ı`, []string{"i", "I"}},
	{"fold", `(?i)[Ꭰ-Ꮿ]+`, []string{"ꭰꮿᏀ"}},
	{"fold", `[Aa]`, []string{"A", "a", "b"}},
	{"fold", `[Kk]`, []string{"\u212a"}},
	{"fold", `(?i)a(?-i)b`, []string{"Ab", "AB", "ab"}},
	{"fold", `(?i:a)b`, []string{"Ab", "AB"}},
	{"fold", `a(?i:b)c`, []string{"aBc", "ABc"}},
	{"fold", `(?i)AbC|(?-i)abc`, []string{"ABC", "abc"}},
	{"fold", `(?i)\x{100}`, []string{"\u0101"}},
	{"fold", `(?i)[\x{100}-\x{17F}]+`, []string{"sKk"}},
	// Anchors and assertions.
	{"anchors", `^abc`, []string{"abc", "xabc", "\nabc"}},
	{"anchors", `abc$`, []string{"abc", "abc\n", "abcx"}},
	{"anchors", `^$`, []string{"", "\n", "a"}},
	{"anchors", `(?m)^abc$`, []string{"x\nabc\ny", "abc", "abc\n", "\nabc"}},
	{"anchors", `(?m)^`, []string{"", "a", "\na"}},
	{"anchors", `(?m)$`, []string{"", "a", "a\n"}},
	{"anchors", `(?m)^$`, []string{"a\n\nb", "\n"}},
	{"anchors", `(?m:^a)b$`, []string{"x\nab"}},
	{"anchors", `\Aabc\z`, []string{"abc", "abc\n"}},
	{"anchors", `(?m)\Aabc`, []string{"x\nabc"}},
	{"anchors", `(?m)abc\z`, []string{"abc\nx"}},
	{"anchors", `a$b`, []string{"ab", "a$b"}},
	{"anchors", `\bfoo\b`, []string{"foo", "a foo b", "afoo", "foo_", "é foo é"}},
	{"anchors", `\Bfoo\B`, []string{"afoob", "foo", "xfoo y"}},
	{"anchors", `\b`, []string{"", "a", " a"}},
	{"anchors", `\B`, []string{"", "a", " "}},
	{"anchors", `x*\b`, []string{"abc", ""}},
	{"anchors", `^^a$$`, []string{"a"}},
	{"anchors", `$a`, []string{"a"}},
	{"anchors", `a|^b`, []string{"cb", "ba"}},
	{"anchors", `(?:^|-)x`, []string{"x", "a-x", "ax"}},
	// Alternation and priority.
	{"alternation", `a|b`, []string{"cab", "c"}},
	{"alternation", `a|ab`, []string{"ab"}},
	{"alternation", `ab|a`, []string{"ab"}},
	{"alternation", `(a|ab)(c|bcd)`, []string{"abcd"}},
	{"alternation", `(a|ab)(c|bcd)(d*)`, []string{"abcd"}},
	{"alternation", `a||b`, []string{"b", "", "ab"}},
	{"alternation", `(|a)`, []string{"a"}},
	{"alternation", `(a|)`, []string{"a", "b"}},
	{"alternation", `|`, []string{"", "a"}},
	{"alternation", `|x|`, []string{"x"}},
	{"alternation", `(?:ab|ac|ad)+`, []string{"abacadx"}},
	{"alternation", `abc|abd|aef|bcx|bcy`, []string{"bcy", "aef", "abd", "abe"}},
	{"alternation", `ax+y|ax+z|ay+w`, []string{"axxz", "ayyw"}},
	{"alternation", `x{2}|x{2}[0-9]`, []string{"xx9", "x"}},
	{"alternation", `(?:[abc]|A|Z|hello|world)+`, []string{"worldhelloAZbz"}},
	{"alternation", `a.*?c|a.*?b`, []string{"axxbxxc"}},
	{"alternation", `(foo|foobar)(bar)?`, []string{"foobar"}},
	{"alternation", `(foobar|foo)(bar)?`, []string{"foobar"}},
	{"alternation", `(a)|(b)|(c)`, []string{"c", "b", "a"}},
	{"alternation", `(?:(a)|b)+`, []string{"ab", "ba"}},
	// Repetition, greedy and lazy.
	{"repeat", `a*`, []string{"", "aaa", "baaa"}},
	{"repeat", `a+`, []string{"baaa", "b"}},
	{"repeat", `a?`, []string{"a", "b"}},
	{"repeat", `a*?`, []string{"aaa"}},
	{"repeat", `a+?`, []string{"aaa"}},
	{"repeat", `a??`, []string{"a"}},
	{"repeat", `a*?b`, []string{"aaab"}},
	{"repeat", `<.*>`, []string{"<a><b>"}},
	{"repeat", `<.*?>`, []string{"<a><b>"}},
	{"repeat", `(?U)<.*>`, []string{"<a><b>"}},
	{"repeat", `(?U)<.*?>`, []string{"<a><b>"}},
	{"repeat", `(?U)a+`, []string{"aaa"}},
	{"repeat", `(?U)(a+)(a*)`, []string{"aaa"}},
	{"repeat", `(?U:a+)a*`, []string{"aaa"}},
	{"repeat", `a{2}`, []string{"a", "aaa"}},
	{"repeat", `a{2,}`, []string{"a", "aaaa"}},
	{"repeat", `a{2,3}`, []string{"aaaa"}},
	{"repeat", `a{2,3}?`, []string{"aaaa"}},
	{"repeat", `a{0}`, []string{"a"}},
	{"repeat", `a{0,}`, []string{"aa"}},
	{"repeat", `a{1}`, []string{"aa"}},
	{"repeat", `a{1,1}`, []string{"aa"}},
	{"repeat", `a{0,1}`, []string{"aa"}},
	{"repeat", `(a){0}b`, []string{"ab"}},
	{"repeat", `(a){2}`, []string{"aaa"}},
	{"repeat", `(a){2,3}`, []string{"aaaa"}},
	{"repeat", `(a){1000}`, []string{strings.Repeat("a", 1000), strings.Repeat("a", 999)}},
	{"repeat", `(?:a{10}){100}`, []string{strings.Repeat("a", 1000)}},
	{"repeat", `x{1000}y{0,1000}`, []string{"x"}},
	{"repeat", `(?:[a-z]{4}){0,250}`, []string{"abcdefgh1"}},
	{"repeat", `((((((((((x{2}){2}){2}){2}){2}){2}){2}){2}){2}))`, []string{strings.Repeat("x", 512)}},
	{"repeat", `a*{`, []string{"aa{"}},
	{"repeat", `(a*)*`, []string{"b", "aa"}},
	{"repeat", `(a*)+`, []string{"b", "aa"}},
	{"repeat", `(a*|b)*`, []string{"ab", "ba"}},
	{"repeat", `(a|b)*`, []string{"abab"}},
	{"repeat", `(a+|b+)*c`, []string{"aabbc"}},
	{"repeat", `(a*)*b`, []string{"aab"}},
	{"repeat", `(a?)((ab)?)(b?)`, []string{"ab"}},
	{"repeat", `((a)|b)+`, []string{"ab"}},
	{"repeat", `(a|ab|c|bcd){0,}(d*)`, []string{"ababcd"}},
	{"repeat", `(a+)(b+)?`, []string{"aaab", "aaa"}},
	{"repeat", `(?:(a)|(b))*`, []string{"ab", "ba"}},
	{"repeat", `(?:(a)|b)*`, []string{"ab", "ba"}},
	{"repeat", `(a(b)?)+`, []string{"aba"}},
	{"repeat", `((a)(b)?)+`, []string{"aba"}},
	{"repeat", `(?:()|a)+`, []string{"a"}},
	{"repeat", `(?:a|())+`, []string{"a"}},
	{"repeat", `()*`, []string{"a"}},
	{"repeat", `(|a)*`, []string{"aa"}},
	{"repeat", `(|a)+`, []string{"aa"}},
	{"repeat", `(a|)*`, []string{"aa"}},
	{"repeat", `(a|)+`, []string{"aa"}},
	{"repeat", `(a*?)*?b`, []string{"aab"}},
	{"repeat", `(.*)(\d+)`, []string{"abc123"}},
	{"repeat", `(.*?)(\d+)`, []string{"abc123"}},
	{"repeat", `(.*)(\d+)$`, []string{"abc123"}},
	{"errors", `([a-c]*)\1`, nil},
	// Captures and names.
	{"captures", `(a)(b)(c)`, []string{"abc"}},
	{"captures", `((a)(b))`, []string{"ab"}},
	{"captures", `(?P<first>a)(?P<second>b)?`, []string{"a", "ab"}},
	{"captures", `(?P<x>a)(?P<x>b)`, []string{"ab"}},
	{"captures", `(?P<a1_b2>x)`, []string{"x"}},
	{"captures", `(?P<1>x)(y)`, []string{"xy"}},
	{"captures", `(?:a(b))`, []string{"ab"}},
	{"captures", `(a)|b`, []string{"b"}},
	{"captures", `(a(b)c)d`, []string{"abcd"}},
	{"captures", `()`, []string{"", "a"}},
	{"captures", `(()())`, []string{"x"}},
	{"captures", `(.)(.)(.)(.)(.)(.)(.)(.)(.)(.)(.)`, []string{"abcdefghijk"}},
	{"captures", `(é)(x)`, []string{"aéx"}},
	// Flags.
	{"flags", `(?s)(?m)^a.$`, []string{"x\na\n\ny"}},
	{"flags", `(?ms)^.+$`, []string{"a\nb"}},
	{"flags", `(?i-s:a.)`, []string{"A\n", "Ab"}},
	{"flags", `(?i)(?-i)a`, []string{"A"}},
	{"flags", `(?im-s)^a.b$`, []string{"x\nA\nb", "x\nAxb\n"}},
	{"flags", `(?U)(?-U)a+`, []string{"aa"}},
	{"flags", `((?i)a)b`, []string{"Ab", "AB"}},
	{"flags", `(?:(?i)a)b`, []string{"Ab", "AB"}},
	{"flags", `a(?i)b|c`, []string{"C", "aB"}},
	// Empty pattern and empty matches.
	{"empty", ``, []string{"", "abc"}},
	{"empty", `()`, []string{"abc"}},
	{"empty", `x*`, []string{"abc", "xxa"}},
	{"empty", `(?:)`, []string{"a"}},
	{"empty", `a*?`, []string{"b"}},
	// Invalid UTF-8 in subjects.
	{"utf8", `a.b`, []string{"a\xffb", "a\xc3b", "a\xe2\x82b", "a\xed\xa0\x80b"}},
	{"utf8", `a...b`, []string{"a\xed\xa0\x80b", "a\xe2\x82b"}},
	{"utf8", `\xff`, []string{"\xff", "\u00ff"}},
	{"utf8", `[^a]+`, []string{"\xff\xfeab"}},
	{"utf8", `\x{FFFD}\x{FFFD}`, []string{"\xc0\x80", "\xf4\x90\x80\x80", "\xe0\x80"}},
	{"utf8", `.`, []string{"\xf0\x9f\x98"}},
	{"utf8", `é`, []string{"\xc3", "é"}},
	{"utf8", `\bx`, []string{"\xffx"}},
	{"utf8", `(?i)é`, []string{"É", "\xc3\x89"}},
	// Pathological for backtracking engines; linear here.
	{"pathological", `(a+)+$`, []string{strings.Repeat("a", 30) + "!", strings.Repeat("a", 130) + "b"}},
	{"pathological", `(a|aa)*b`, []string{strings.Repeat("a", 130)}},
	{"pathological", `(.*a){20}`, []string{strings.Repeat("a", 130), strings.Repeat("a", 19)}},
	{"pathological", `(x+x+)+y`, []string{strings.Repeat("x", 130)}},
	{"pathological", `(a*)*b`, []string{strings.Repeat("a", 130)}},
	{"pathological", `^(\w+\s?)*$`, []string{strings.Repeat("word ", 30) + "!"}},
	{"pathological", `(a?){30}a{30}`, []string{strings.Repeat("a", 30)}},
	// Long subjects.
	{"long", `a+b`, []string{strings.Repeat("a", 3000) + "b", strings.Repeat("a", 3000)}},
	{"long", `(x+)(y?)$`, []string{strings.Repeat("x", 4000) + "y"}},
	{"long", `(?s)(.*)(z)`, []string{strings.Repeat("abc\n", 1000) + "z"}},
	{"long", `\b(\w+)\s+(\w+)\b`, []string{strings.Repeat("-", 3000) + " hello world"}},
	{"long", `(a|b)*?c`, []string{strings.Repeat("ab", 2000) + "c"}},
	// Parse errors.
	{"errors", `^test-(.*`, nil},
	{"errors", `(`, nil},
	{"errors", `)`, nil},
	{"errors", `(a`, nil},
	{"errors", `a)`, nil},
	{"errors", `(a))`, nil},
	{"errors", `(a|b|`, nil},
	{"errors", `a|b|)`, nil},
	{"errors", `((a)`, nil},
	{"errors", `[a-z`, nil},
	{"errors", `([a-z)`, nil},
	{"errors", `[a-z)`, nil},
	{"errors", `[]`, nil},
	{"errors", `[^]`, nil},
	{"errors", `[z-a]`, nil},
	{"errors", `[a-Z]`, nil},
	{"errors", `(?i)[a-Z]`, nil},
	{"errors", `[[:foo:]]`, nil},
	{"errors", `[[:alpha:]`, nil},
	{"errors", `[[:a-z]:]`, nil},
	{"errors", `\q`, nil},
	{"errors", `\Z`, nil},
	{"errors", `\C`, nil},
	{"errors", `\1`, nil},
	{"errors", `\8`, nil},
	{"errors", `\é`, nil},
	{"errors", `\xZZ`, nil},
	{"errors", `\x1`, nil},
	{"errors", `\x{`, nil},
	{"errors", `\x{}`, nil},
	{"errors", `\x{110000}`, nil},
	{"errors", `\x{12G}`, nil},
	{"errors", `[\b]`, nil},
	{"errors", `a\`, nil},
	{"errors", `\`, nil},
	{"errors", `\p`, nil},
	{"errors", `\pX`, nil},
	{"errors", `\p{Foo}`, nil},
	{"errors", `\p{Greek`, nil},
	{"errors", `\p{}`, nil},
	{"errors", `\p{^}`, nil},
	{"errors", `[\p{Foo}]`, nil},
	{"errors", `\p{Garay}`, nil},
	{"errors", `*`, nil},
	{"errors", `*?`, nil},
	{"errors", `+a`, nil},
	{"errors", `?`, nil},
	{"errors", `(*)`, nil},
	{"errors", `a|*`, nil},
	{"errors", `{1}`, nil},
	{"errors", `(?i)*`, nil},
	{"errors", `a**`, nil},
	{"errors", `a++`, nil},
	{"errors", `a*+`, nil},
	{"errors", `a?*`, nil},
	{"errors", `a*?*`, nil},
	{"errors", `a{1}*`, nil},
	{"errors", `a{1}{2}`, nil},
	{"errors", `a*{2}`, nil},
	{"errors", `.{1}{2}.{3}`, nil},
	{"errors", `a{1001}`, nil},
	{"errors", `a{1000,1001}`, nil},
	{"errors", `a{2,1}`, nil},
	{"errors", `a{100000}`, nil},
	{"errors", `a{100000,}`, nil},
	{"errors", `x{9876543210}`, nil},
	{"errors", `x{1,9876543210}`, nil},
	{"errors", `(a{2}){1000}`, nil},
	{"errors", `(a{2}){1000}?`, nil},
	{"errors", `(((a{100}){100}){100})`, nil},
	{"errors", `((((((((((x{2}){2}){2}){2}){2}){2}){2}){2}){2}){2})`, nil},
	{"errors", `(?:[a-z]{4}){0,251}`, nil},
	{"errors", `(?P<name>a`, nil},
	{"errors", `(?P<name>`, nil},
	{"errors", `(?P<name`, nil},
	{"errors", `(?P<x y>a)`, nil},
	{"errors", `(?P<>a)`, nil},
	{"errors", `(?P<é>a)`, nil},
	{"errors", `(?<name>a`, nil},
	{"errors", `(?<name`, nil},
	{"errors", `(?<x y>a)`, nil},
	{"errors", `(?<>a)`, nil},
	{"errors", `(?<`, nil},
	{"errors", `(?<=a)b`, nil},
	{"errors", `(?<!a)b`, nil},
	{"errors", `(?=a)`, nil},
	{"errors", `(?!a)`, nil},
	{"errors", `(?P=name)`, nil},
	{"errors", `(?P>name)`, nil},
	{"errors", `(?'name'a)`, nil},
	{"errors", `(?#comment)`, nil},
	{"errors", `(?z)`, nil},
	{"errors", `(?`, nil},
	{"errors", `(?i`, nil},
	{"errors", `(?-)`, nil},
	{"errors", `(?i-)`, nil},
	{"errors", `(?--i)`, nil},
	{"errors", `(?i-i-m)`, nil},
	{"errors", `(?:`, nil},
	{"errors", `(?i:a`, nil},
	{"errors", `\Q\E*`, nil},
	{"errors", `x\Q*\E*`, []string{"x**", "x*"}},
	{"errors", strings.Repeat("(", 999) + strings.Repeat(")", 999), []string{""}},
	{"errors", strings.Repeat("(", 1000) + strings.Repeat(")", 1000), nil},
	{"errors", strings.Repeat("(?:", 999) + strings.Repeat(")*", 999), []string{""}},
	{"errors", strings.Repeat("(?:", 1000) + strings.Repeat(")*", 1000), nil},
	{"errors", "(" + strings.Repeat("|", 2000) + ")", []string{"x"}},
	{"errors", "(" + strings.Repeat("(xx?)", 1000) + "){1000}", nil},
	{"errors", strings.Repeat("(xx?){1000}", 1000), nil},
	{"errors", "a\xffb", nil},
	{"errors", "[\xff]", nil},
	{"errors", "[\\\xff]", nil},
	{"errors", "\\\xff", nil},
	{"errors", "(?P<a\xff>b)", nil},
	{"errors", "\\p{\xff}", nil},
	{"errors", "\\Q\xff", nil},
	{"errors", "(?\xff)", nil},
}

// findTests transcribes the patterns and texts of Go's src/regexp/find_test.go.
var findTests = []struct{ pattern, text string }{
	{``, ``}, {`^abcdefg`, "abcdefg"}, {`a+`, "baaab"}, {"abcd..", "abcdef"}, {`a`, "a"}, {`x`, "y"},
	{`b`, "abc"}, {`.`, "a"}, {`.*`, "abcdef"}, {`^`, "abcde"}, {`$`, "abcde"}, {`^abcd$`, "abcd"},
	{`^bcd'`, "abcdef"}, {`^abcd$`, "abcde"}, {`a+`, "baaab"}, {`a*`, "baaab"}, {"[a-z]+", "abcd"},
	{"[^a-z]+", "ab1234cd"}, {"[a\\-\\]z]+", "az]-bcz"}, {"[^\\n]+", "abcd\n"}, {"[日本語]+", "日本語日本語"},
	{"日本語+", "日本語"}, {"日本語+", "日本語語語語"}, {"()", ""}, {"(a)", "a"}, {"(.)(.)", "日a"},
	{"(.*)", ""}, {"(.*)", "abcd"}, {"(..)(..)", "abcd"}, {"(([^xyz]*)(d))", "abcd"},
	{"((a|b|c)*(d))", "abcd"}, {"(((a|b|c)*)(d))", "abcd"}, {`\a\f\n\r\t\v`, "\a\f\n\r\t\v"},
	{`[\a\f\n\r\t\v]+`, "\a\f\n\r\t\v"}, {`a*(|(b))c*`, "abacadaeafagahaiajakalamanaoapaqarasatauavawaxayaz"},
	{`(?:.|(?:.a))`, ""}, {`(?:A(?:A|a))`, "Aa"}, {`(?:A|(?:A|a))`, "a"}, {`(a){0}`, ""},
	{`(?-s)(?:(?:^).)`, "\n"}, {`(?s)(?:(?:^).)`, "\n"}, {`(?:(?:^).)`, "\n"}, {`\b`, "x"}, {`\b`, "xx"},
	{`\b`, "x y"}, {`\b`, "xx yy"}, {`\B`, "x"}, {`\B`, "xx"}, {`\B`, "x y"}, {`\B`, "xx yy"},
	{`(|a)*`, "aa"}, {`[^\S\s]`, "abcd"}, {`[^\S[:space:]]`, "abcd"}, {`[^\D\d]`, "abcd"},
	{`[^\D[:digit:]]`, "abcd"}, {`(?i)\W`, "x"}, {`(?i)\W`, "k"}, {`(?i)\W`, "s"},
	{`\!\"\#\$\%\&\'\(\)\*\+\,\-\.\/\:\;\<\=\>\?\@\[\\\]\^\_\{\|\}\~`, `!"#$%&'()*+,-./:;<=>?@[\]^_{|}~`},
	{`[\!\"\#\$\%\&\'\(\)\*\+\,\-\.\/\:\;\<\=\>\?\@\[\\\]\^\_\{\|\}\~]+`, `!"#$%&'()*+,-./:;<=>?@[\]^_{|}~`},
	{"\\`", "`"}, {"[\\`]+", "`"}, {"\ufffd", "\xff"}, {"\ufffd", "hello\xffworld"}, {`.*`, "hello\xffworld"},
	{`\x{fffd}`, "\xc2\x00"}, {"[\ufffd]", "\xff"}, {`[\x{fffd}]`, "\xc2\x00"}, {`.`, "qwertyuiop"},
	{`ab$`, "cab"}, {`axxb$`, "axxcb"}, {`data`, "daXY data"}, {`da(.)a$`, "daXY data"},
	{`zx+`, "zzx"}, {`ab$`, "abcab"}, {`(aa)*$`, "a"}, {`(?:.|(?:.a))`, ""}, {`(?:A(?:A|a))`, "Aa"},
	{`(?:A|(?:A|a))`, "a"}, {`(a){0}`, ""}, {`(?-s)(?:(?:^).)`, "\n"}, {`(?s)(?:(?:^).)`, "\n"},
	{`(?:(?:^).)`, "\n"}, {`((a|b|c)*(d))`, "abcd"}, {`(((a|b|c)*)(d))`, "abcd"},
	{`[^\S\s]`, "abcd"}, {`\B`, "xx yy"}, {`a*(|(b))c*`, "abacadaeafag"},
}

// expansions lists templates to expand with ExpandString for a pattern's first match in a subject.
var expansions = []struct{ pattern, subject, template string }{
	{`(?P<ts>\d+)`, "build-123", "$ts"},
	{`(?P<ts>\d+)`, "build-123", "${ts}"},
	{`(?P<ts>\d+)`, "build-123", "v$ts-x"},
	{`(\w+)-(\d+)`, "abc-42", "$1"},
	{`(\w+)-(\d+)`, "abc-42", "$2.$1"},
	{`(\w+)-(\d+)`, "abc-42", "$1x"},
	{`(\w+)-(\d+)`, "abc-42", "${1}x"},
	{`(\w+)-(\d+)`, "abc-42", "$2_"},
	{`(\w+)-(\d+)`, "abc-42", "${2}_"},
	{`(\w+)-(\d+)`, "abc-42", "$$1"},
	{`(\w+)-(\d+)`, "abc-42", "$$$1"},
	{`(\w+)-(\d+)`, "abc-42", "$"},
	{`(\w+)-(\d+)`, "abc-42", "a$"},
	{`(\w+)-(\d+)`, "abc-42", "$-"},
	{`(\w+)-(\d+)`, "abc-42", "${"},
	{`(\w+)-(\d+)`, "abc-42", "${1"},
	{`(\w+)-(\d+)`, "abc-42", "${}"},
	{`(\w+)-(\d+)`, "abc-42", "${-}"},
	{`(\w+)-(\d+)`, "abc-42", "$3"},
	{`(\w+)-(\d+)`, "abc-42", "$0"},
	{`(\w+)-(\d+)`, "abc-42", "$00"},
	{`(\w+)-(\d+)`, "abc-42", "$01"},
	{`(\w+)-(\d+)`, "abc-42", "${01}"},
	{`(\w+)-(\d+)`, "abc-42", "$100000000"},
	{`(\w+)-(\d+)`, "abc-42", "$999999999999"},
	{`(\w+)-(\d+)`, "abc-42", "$missing"},
	{`(\w+)-(\d+)`, "abc-42", "[$1][$2]"},
	{`(?P<01>x)`, "x", "$01"},
	{`(?P<1x>x)(y)`, "xy", "$1x"},
	{`(?P<x>a)|(?P<x>b)`, "b", "$x"},
	{`(?P<x>a)|(?P<x>b)`, "a", "$x"},
	{`(?P<x>a)(?P<x>b)`, "ab", "$x"},
	{`(a)|(b)`, "b", "[$1][$2]"},
	{`(?P<caf>x)`, "x", "$café-$caf"},
	{`(?P<n>x)`, "x", "$né"},
	{`(?P<n>x)`, "x", "${n}é"},
	{`(?P<n>x)`, "x", "$n١"},
	{`(?P<n>x)`, "x", "日本$n語"},
	{`^main-[a-fA-F0-9]+-(?P<ts>.*)`, "main-3f2a1b-1700000000", "$ts"},
	{`^v?(?P<v>[0-9]+\.[0-9]+\.[0-9]+)$`, "v1.2.3", "$v"},
	{`^(?P<semver>[0-9]+\.[0-9]+\.[0-9]+)-(?P<build>[0-9]+)$`, "1.2.3-45", "$build-$semver"},
	{`x`, "y", "$0"},
}

func main() {
	out := output{Generator: "scripts/generate-regex-vectors.go", GoVersion: runtime.Version()}
	seen := map[string]int{}
	add := func(source, pattern string, subjects []string) {
		index, ok := seen[pattern]
		if !ok {
			index = len(out.Patterns)
			seen[pattern] = index
			pc := patternCase{Pattern: pattern, Source: source, Cases: []subjectCase{}}
			if !utf8.ValidString(pattern) {
				pc.PatternHex = hex.EncodeToString([]byte(pattern))
			}
			re, err := regexp.Compile(pattern)
			if err != nil {
				pc.Error = err.Error()
			} else {
				pc.Groups = re.NumSubexp()
				pc.Names = re.SubexpNames()
			}
			out.Patterns = append(out.Patterns, pc)
		}
		pc := &out.Patterns[index]
		if pc.Error != "" {
			return
		}
		re := regexp.MustCompile(pattern)
	subjects:
		for _, s := range subjects {
			for _, existing := range pc.Cases {
				if existing.Subject == s && existing.SubjectHex == hexIfInvalid(s) {
					continue subjects
				}
			}
			pc.Cases = append(pc.Cases, subjectCase{Subject: s, SubjectHex: hexIfInvalid(s), Match: re.FindStringSubmatchIndex(s)})
		}
	}
	for _, c := range curated {
		add(c.source, c.pattern, c.subjects)
	}
	for _, c := range findTests {
		add("go find_test.go", c.pattern, []string{c.text})
	}
	root := filepath.Join(runtime.GOROOT(), "src", "regexp", "testdata")
	readRE2Search(filepath.Join(root, "re2-search.txt"), add)
	for _, name := range []string{"basic.dat", "nullsubexpr.dat", "repetition.dat"} {
		readFowler(filepath.Join(root, name), add)
	}
	for _, e := range expansions {
		re := regexp.MustCompile(e.pattern)
		m := re.FindStringSubmatchIndex(e.subject)
		ec := expansionCase{Pattern: e.pattern, Subject: e.subject, Template: e.template, Matched: m != nil}
		if m != nil {
			ec.Expected = string(re.ExpandString(nil, e.template, e.subject, m))
		}
		out.Expansions = append(out.Expansions, ec)
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", " ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(out); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func hexIfInvalid(s string) string {
	if utf8.ValidString(s) {
		return ""
	}
	return hex.EncodeToString([]byte(s))
}

// readRE2Search adds every regexp and string of Go's re2-search.txt.
func readRE2Search(path string, add func(string, string, []string)) {
	f, err := os.Open(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer f.Close()
	scanner := bufio.NewScanner(f)
	var strs []string
	mode := ""
	for scanner.Scan() {
		line := scanner.Text()
		switch {
		case line == "strings":
			strs = nil
			mode = "strings"
		case line == "regexps":
			mode = "regexps"
		case strings.HasPrefix(line, `"`):
			s, err := strconv.Unquote(line)
			if err != nil {
				continue
			}
			if mode == "strings" {
				strs = append(strs, s)
			} else if mode == "regexps" {
				add("go testdata/re2-search.txt", s, strs)
			}
		}
	}
}

// readFowler adds the ERE patterns and subjects of one of Go's Fowler test files.
func readFowler(path string, add func(string, string, []string)) {
	f, err := os.Open(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer f.Close()
	scanner := bufio.NewScanner(f)
	last := ""
	for scanner.Scan() {
		var fields []string
		for _, field := range strings.Split(scanner.Text(), "\t") {
			if field != "" {
				fields = append(fields, field)
			}
		}
		if len(fields) < 3 || strings.HasPrefix(fields[0], "#") || !strings.Contains(fields[0], "E") ||
			strings.ContainsAny(fields[0], "$:") || strings.HasPrefix(fields[0], "NOTE") {
			continue
		}
		pattern := fields[1]
		if pattern == "SAME" {
			pattern = last
		}
		last = pattern
		subject := fields[2]
		if subject == "NULL" {
			subject = ""
		}
		add("go testdata/"+filepath.Base(path), pattern, []string{subject})
	}
}
