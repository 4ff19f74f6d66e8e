// Command generate-duration-vectors writes the Go time.Duration vectors that Ferry's GoDuration
// tests read (Tests/FerryCoreTests/Fixtures/api/go-durations.json): for each input, what
// time.ParseDuration returns (the value and its String(), or the error text), and for each
// nanosecond count, what Duration.String() prints. The tests only read the JSON.
//
//	go run scripts/generate-duration-vectors.go > Tests/FerryCoreTests/Fixtures/api/go-durations.json
package main

import (
	"encoding/json"
	"os"
	"runtime"
	"time"
)

type parseCase struct {
	Input  string `json:"input"`
	Nanos  *int64 `json:"nanos,omitempty"`
	String string `json:"string,omitempty"`
	Error  string `json:"error,omitempty"`
}

type formatCase struct {
	Nanos  int64  `json:"nanos"`
	String string `json:"string"`
}

func main() {
	inputs := []string{
		"0", "+0", "-0", "", "-", "+", "0s", "5s", "30s", "1478s", "-5s", "+5s", "-0s", "+0s",
		"5.0s", "5.6s", "5.s", ".5s", "1.0s", "1.00s", "1.004s", "1.0040s", "100.00100s",
		"10ns", "11us", "12µs", "12μs", "13ms", "14s", "15m", "16h", "3h30m", "10.5s4m", "-2m3.4s",
		"1h2m3s4ms5us6ns", "39h9m14.425s", "52763797000ns", "0.3333333333333333333h",
		"9007199254740993ns", "9223372036854775807ns", "9223372036854775.807us",
		"9223372036854.775807ms", "-9223372036854775808ns", "-9223372036854775.808us",
		"0.100000000000000000000h", "0.830103483285477580700h", "9223372036854775808ns",
		"9223372036854775.808us", "3000000h", "9223372036s", "1x", "1", "1.5", ".", ".s", "-.s",
		"3.4.5s", "s", "1hh", "1h 2m", " 1h", "1h ", "1m0s", "10m0s", "1h0m0s", "59m58.2s",
		"72h3m0.5s", "1e3s", "0x10s", "10M", "10S", "1d", "2w", "100ms", "1.5h", "0.5m",
		"10.000000000000000000000000000000001s", "1.00000000000000000000000000000000000000001h",
	}
	nanos := []int64{
		0, 1, -1, 999, 1000, 1001, 1100, 999999, 1000000, 1500000, 2200 * 1000, 999999999,
		1000000000, 1000000001, 1500000000, 59999999999, 60000000000, 61000000000, 90000000000,
		3600000000000, 3600000000001, 3661000000000, 86400000000000, 259380500000000, 4500000000,
		-4500000000, 9223372036854775807, -9223372036854775808, 100000000, 3000000000, 600000000000,
	}
	out := struct {
		Generator string       `json:"generator"`
		GoVersion string       `json:"goVersion"`
		Parse     []parseCase  `json:"parse"`
		Format    []formatCase `json:"format"`
	}{Generator: "scripts/generate-duration-vectors.go", GoVersion: runtime.Version()}
	for _, in := range inputs {
		d, err := time.ParseDuration(in)
		c := parseCase{Input: in}
		if err != nil {
			c.Error = err.Error()
		} else {
			n := int64(d)
			c.Nanos = &n
			c.String = d.String()
		}
		out.Parse = append(out.Parse, c)
	}
	for _, n := range nanos {
		out.Format = append(out.Format, formatCase{Nanos: n, String: time.Duration(n).String()})
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", " ")
	enc.SetEscapeHTML(false)
	_ = enc.Encode(out)
}
