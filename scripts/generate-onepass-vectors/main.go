// Command generate-onepass-vectors records, for every pattern of Ferry's Go regexp vectors,
// whether Go's regexp compiles it to its one-pass form (regexp.compileOnePass, reached through
// go:linkname because it is unexported). Ferry's GoRegexp must pick the one-pass matcher for
// exactly these patterns. Patterns this Go cannot parse (newer syntax) are left out. The
// empty.s beside this file lets the package declare the linked function without a body.
//
//	(cd scripts/generate-onepass-vectors && GO111MODULE=off go run .) < Tests/FerryCoreTests/Fixtures/regex/go-regexp-cases.json \
//	    > Tests/FerryCoreTests/Fixtures/regex/go-onepass.json
package main

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"regexp/syntax"
	"runtime"
	_ "unsafe"
)

//go:linkname compileOnePass regexp.compileOnePass
func compileOnePass(prog *syntax.Prog) uintptr

var _ = regexp.Compile

type input struct {
	Patterns []struct {
		Pattern    string `json:"pattern"`
		PatternHex string `json:"patternHex"`
		Error      string `json:"error"`
	} `json:"patterns"`
}

type vector struct {
	Pattern    string `json:"pattern"`
	PatternHex string `json:"patternHex,omitempty"`
	OnePass    bool   `json:"onePass"`
}

func main() {
	var in input
	if err := json.NewDecoder(os.Stdin).Decode(&in); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	out := struct {
		Generator string   `json:"generator"`
		GoVersion string   `json:"goVersion"`
		Patterns  []vector `json:"patterns"`
	}{Generator: "scripts/generate-onepass-vectors.go", GoVersion: runtime.Version()}
	for _, p := range in.Patterns {
		if p.Error != "" {
			continue
		}
		text := p.Pattern
		if p.PatternHex != "" {
			b, err := hex.DecodeString(p.PatternHex)
			if err != nil {
				continue
			}
			text = string(b)
		}
		re, err := syntax.Parse(text, syntax.Perl)
		if err != nil {
			continue // a newer syntax than this Go knows
		}
		prog, err := syntax.Compile(re.Simplify())
		if err != nil {
			continue
		}
		out.Patterns = append(out.Patterns, vector{Pattern: p.Pattern, PatternHex: p.PatternHex, OnePass: compileOnePass(prog) != 0})
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", " ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(out); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
