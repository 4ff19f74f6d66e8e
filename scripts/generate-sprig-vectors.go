// Command generate-sprig-vectors writes the vectors for the Sprig functions that need Go's
// time, net/url and math/rand packages (Tests/FerryCoreTests/Fixtures/templates/
// sprig-hermetic-cases.json): toDate, mustToDate, unixEpoch, duration, durationRound, ago,
// mustDateModify, the methods of time.Time and time.Duration, urlParse, urlJoin, randInt,
// shuffle, and the argument checks of the key and certificate functions Ferry leaves out;
// and the names HermeticTxtFuncMap holds.
// The tests only read the JSON; Go is needed only to regenerate it.
//
// Run it as scripts/generate-template-vectors.go is run (see there for the GOPATH of links
// to Debian's Sprig 3.2.3; the functions here are the same in the 3.3.0 Flux pins):
//
//	GO111MODULE=off GOPATH=/tmp/gopath go run scripts/generate-sprig-vectors.go \
//	    > Tests/FerryCoreTests/Fixtures/templates/sprig-hermetic-cases.json
//
// The program sets TZ=UTC before Go reads the local zone, so that time.Local is UTC named
// "UTC", as in Flux's controller images (no tz database, TZ unset).
//
// The current time cannot be fixed in Go, so the program reads it once ("now" in the file)
// and writes the times that ago and durationRound measure as now minus chosen durations, a
// few tenths of a second away from any rounding boundary: the microseconds between reading
// the clock and rendering cannot change Go's result, and Ferry, given "now", must give it.
//
// Before each case the program calls rand.Seed(seed) ("seed" in the case), so randInt and
// shuffle draw what Go 1.19's math/rand gives for that seed.
//
// Go 1.19 generated the vectors, but Flux is built with a newer Go (1.24 or 1.25), whose
// time.Parse and net/url differ in a few places. For those cases "modernExpected" or
// "modernError" holds the newer Go's result, derived by hand from the newer source (the
// comment at each names the change), and the tests expect that instead. Where Ferry differs
// on purpose (it never puts a password in an error message), "ferryError" holds Ferry's text.
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand"
	"os"
	"runtime"
	"sort"
	"strings"
	"text/template"
	"time"

	"github.com/Masterminds/sprig/v3"
)

type testCase struct {
	Group          string  `json:"group"`
	Template       string  `json:"template"`
	Data           string  `json:"data,omitempty"`
	Seed           int64   `json:"seed"`
	Expected       *string `json:"expected,omitempty"`
	Error          string  `json:"error,omitempty"`
	Stage          string  `json:"stage,omitempty"`
	ModernExpected *string `json:"modernExpected,omitempty"`
	ModernError    string  `json:"modernError,omitempty"`
	ModernNote     string  `json:"modernNote,omitempty"`
	FerryError     string  `json:"ferryError,omitempty"`
	FerryNote      string  `json:"ferryNote,omitempty"`
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
	t, err := template.New("t").Funcs(sprig.HermeticTxtFuncMap()).Parse(c.Template)
	if err != nil {
		c.Error, c.Stage = err.Error(), "parse"
		return c
	}
	rand.Seed(c.Seed)
	var b bytes.Buffer
	if err := t.Execute(&b, data); err != nil {
		c.Error, c.Stage = err.Error(), "execution"
		return c
	}
	output := b.String()
	c.Expected = &output
	return c
}

// convert decodes JSON numbers as Ferry does: integers stay int, other numbers float64.
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
	case []interface{}:
		for i, e := range x {
			x[i] = convert(e)
		}
	}
	return v
}

func add(cases *[]testCase, group string, seed int64, data string, templates ...string) {
	for _, t := range templates {
		*cases = append(*cases, testCase{Group: group, Template: t, Data: data, Seed: seed})
	}
}

// modern records what Go 1.24/1.25 gives for a case where Go 1.19 differs.
type modern struct {
	expected *string
	err      string
	note     string
}

func text(s string) *string { return &s }

func main() {
	os.Setenv("TZ", "UTC")
	if name, offset := time.Now().Zone(); name != "UTC" || offset != 0 || time.Local.String() != "UTC" {
		fmt.Fprintln(os.Stderr, "time.Local is not UTC; run with TZ=UTC")
		os.Exit(1)
	}
	now := time.Now()
	ago := func(d time.Duration) string { return now.Add(-d).Format(time.RFC3339Nano) }

	var cases []testCase
	ref := `2006-01-02T15:04:05.999999999Z07:00`
	add(&cases, "dates-parse", 0, "",
		`{{ toDate "2006-01-02" "2024-03-01" }}`,
		`{{ toDate "2006-01-02T15:04:05Z07:00" "2024-03-01T12:30:45Z" }}|{{ toDate "2006-01-02T15:04:05Z07:00" "2024-03-01T12:30:45+01:00" }}|{{ toDate "2006-01-02T15:04:05Z07:00" "2024-03-01T12:30:45-07:30" }}|{{ toDate "2006-01-02T15:04:05Z07:00" "2024-03-01T12:30:45+00:00" }}`,
		`{{ toDate "`+ref+`" "2024-03-01T12:30:45.123456789Z" }}|{{ toDate "`+ref+`" "2024-03-01T12:30:45.5+05:45" }}|{{ toDate "`+ref+`" "2024-03-01T12:30:45,25Z" }}`,
		`{{ toDate "2006-01-02 15:04:05" "2024-03-01 23:59:59.999" }}|{{ toDate "2006-01-02 15:04:05" "2024-03-01 00:00:00,000000001" }}|{{ toDate "2006-01-02 15:04:05" "2024-03-01 00:00:00.1234567891234" }}`,
		`{{ toDate "Mon Jan _2 15:04:05 2006" "Fri Mar  1 12:30:45 2024" }}|{{ toDate "Mon Jan _2 15:04:05 MST 2006" "Fri Mar  1 12:30:45 PST 2024" }}|{{ toDate "Mon Jan 02 15:04:05 -0700 2006" "Fri Mar 01 12:30:45 +0530 2024" }}`,
		`{{ toDate "02 Jan 06 15:04 MST" "01 Mar 24 12:30 UTC" }}|{{ toDate "02 Jan 06 15:04 -0700" "01 Mar 24 12:30 -0800" }}|{{ toDate "Monday, 02-Jan-06 15:04:05 MST" "Friday, 01-Mar-24 12:30:45 CET" }}`,
		`{{ toDate "Mon, 02 Jan 2006 15:04:05 MST" "Fri, 01 Mar 2024 12:30:45 GMT" }}|{{ toDate "Mon, 02 Jan 2006 15:04:05 MST" "Fri, 01 Mar 2024 12:30:45 GMT+3" }}|{{ toDate "Mon, 02 Jan 2006 15:04:05 MST" "Fri, 01 Mar 2024 12:30:45 GMT-11" }}|{{ toDate "Mon, 02 Jan 2006 15:04:05 -0700" "Fri, 01 Mar 2024 12:30:45 +0000" }}`,
		`{{ toDate "15:04 MST" "10:00 ChST" }}|{{ toDate "15:04 MST" "10:00 WITA" }}|{{ toDate "15:04 MST" "10:00 AEST" }}|{{ toDate "15:04 MST" "10:00 +03" }}|{{ toDate "15:04 MST" "10:00 -1130" }}|{{ toDate "2006-01-02 15:04 -0700 MST" "2024-03-01 10:00 -0700 MST" }}|{{ toDate "2006-01-02 15:04 -0700 MST" "2024-03-01 10:00 +0000 UTC" }}`,
		`{{ toDate "3:04PM" "7:05PM" }}|{{ toDate "3:04PM" "12:00AM" }}|{{ toDate "3:04PM" "12:00PM" }}|{{ toDate "03:04pm" "01:02am" }}|{{ toDate "Jan _2 15:04:05" "Mar  1 12:30:45" }}|{{ toDate "Jan _2 15:04:05.000" "Mar 10 12:30:45.120" }}`,
		`{{ toDate "2006-002" "2024-060" }}|{{ toDate "2006-002" "2024-366" }}|{{ toDate "2006 __2" "2023  32" }}|{{ toDate "2006-01-02 002" "2024-02-29 060" }}|{{ toDate "January 2, 2006" "february 29, 2024" }}|{{ toDate "Monday Jan 2 2006" "SUNDAY Mar 3 2024" }}`,
		`{{ toDate "06-1-2" "69-1-2" }}|{{ toDate "06-1-2" "68-12-31" }}|{{ toDate "2006-01-02T15:04:05-07:00:00" "2024-03-01T12:30:45+01:02:03" }}|{{ toDate "2006-01-02T15:04:05-070000" "2024-03-01T12:30:45-010203" }}|{{ toDate "2006-01-02T15-07" "2024-03-01T12+09" }}|{{ toDate "2006-01-02T15Z07" "2024-03-01T12Z" }}`,
		`{{ toDate "2006_2006" "2024_2024" }}|{{ toDate "_2 Jan" " 5 Feb" }}|{{ toDate "2006 Month" "2024 Month" }}|{{ toDate "Jan Janet" "Feb Janet" }}|{{ toDate "15h04m05s" "23h59m58s" }}`,
		`{{ toDate "2006-01-02" "0000-01-01" }}|{{ toDate "2006-01-02" "9999-12-31" }}|{{ toDate "2006-01-02 15:04:05" "1969-12-31 23:59:59" }}|{{ toDate "2006-01-02" "1600-02-29" }}`,
		`{{ toDate "2006-01-02" "nope" }}|{{ toDate "" "" }}|{{ toDate "2006" "" }}|{{ (toDate "2006-01-02" "nope").IsZero }}`,
		`{{ $t := toDate "2006-01-02T15:04:05Z07:00" "2024-03-01T12:30:45+01:00" }}{{ printf "%v|%s|%T|%q|%#v" $t $t $t $t $t }}|{{ $t | toString }}|{{ list $t $t }}|{{ dict "t" $t }}|{{ typeOf $t }}|{{ kindOf $t }}`,
		`{{ toJson (toDate "`+ref+`" "2024-03-01T12:30:45.000001+01:00") }}|{{ toJson (list (toDate "2006" "2024")) }}|{{ toPrettyJson (dict "at" (toDate "2006" "2024")) }}|{{ toJson (toDate "2006" "0000") }}`,
		`{{ toDate "2006-01-02" "2024-03-01" | unixEpoch }}|{{ unixEpoch (toDate "2006-01-02T15:04:05Z07:00" "1969-12-31T23:59:59Z") }}|{{ unixEpoch (toDate "x" "y") }}|{{ unixEpoch (toDate "2006-01-02T15:04:05Z07:00" "2024-03-01T00:00:00+14:00") }}`,
	)
	add(&cases, "dates-format", 0, "",
		`{{ $t := toDate "`+ref+`" "2024-02-29T07:08:09.012345678-03:30" }}{{ $t.Format "Mon Monday Jan January 1 01 2 _2 02 __2 002 06 2006" }}|{{ $t.Format "15 3 03 4 04 5 05 PM pm MST" }}|{{ $t.Format "-0700 -07:00 -07 -070000 -07:00:00 Z0700 Z07:00 Z07 Z070000 Z07:00:00" }}`,
		`{{ $t := toDate "`+ref+`" "2024-02-29T07:08:09.012345678-03:30" }}{{ $t.Format ".0 .00 .000 .0000000000 .9 .99 .999999999 ,000 ,999 05.000 05,999999" }}|{{ $t.Format "Janet Monsoon Mond 2006-01-02T15:04:05Z07:00" }}|{{ $t.Format "" }}|{{ $t.Format "no elements here" }}`,
		`{{ $t := toDate "2006-01-02 15:04:05" "2024-01-05 00:00:00" }}{{ $t.Format "3:04PM 03PM pm __2 002 _2 Z07:00 MST" }}|{{ $t.Format "2006-01-02T15:04:05.999Z07:00" }}|{{ $t.Format "Jan _2 15:04:05.000000" }}|{{ $t.Format "2006.000 2006.999 2006.9999999990" }}`,
		`{{ $t := toDate "15:04 MST" "12:00 MST" }}{{ $t.Format "MST -0700 Z07:00" }}|{{ $t.Format "2006-01-02" }}|{{ (toDate "15:04 -0700" "12:00 -0000").Format "MST Z07:00" }}|{{ (toDate "2006-01-02 -07:00:00" "2024-01-01 -00:00:30").Format "MST|-07:00:00|Z07:00:00|-07" }}`,
		`{{ (toDate "2006-01-02" "0001-01-01").Format "2006 06 Mon 002" }}|{{ (toDate "2006-01-02" "0000-12-31").Format "2006 06 Monday 002" }}|{{ (toDate "2006-01-02" "2023-12-31").Format "__2 002 Mon" }}`,
	)
	add(&cases, "dates-methods", 0, "",
		`{{ $t := toDate "`+ref+`" "2024-02-29T07:08:09.012345678-03:30" }}{{ $t.Year }} {{ $t.Month }} {{ printf "%d" $t.Month }} {{ $t.Day }} {{ $t.YearDay }} {{ $t.Weekday }} {{ printf "%d" $t.Weekday }} {{ $t.Hour }} {{ $t.Minute }} {{ $t.Second }} {{ $t.Nanosecond }}`,
		`{{ $t := toDate "`+ref+`" "2024-02-29T07:08:09.012345678-03:30" }}{{ $t.Unix }} {{ $t.UnixMilli }} {{ $t.UnixMicro }} {{ $t.UnixNano }} {{ $t.IsZero }} {{ $t.IsDST }} {{ $t.UTC }} {{ $t.Local }} {{ $t.Location }} {{ $t.UTC.Location }} {{ printf "%T" $t.Location }}`,
		`{{ $t := toDate "`+ref+`" "2024-02-29T07:08:09.5Z" }}{{ $u := toDate "`+ref+`" "2024-03-01T09:08:09Z" }}{{ $u.Sub $t }} {{ $t.Sub $u }} {{ $t.Before $u }} {{ $t.After $u }} {{ $t.Equal $t.UTC }} {{ $t.Equal $u }} {{ printf "%T %d %v" ($u.Sub $t) ($u.Sub $t) ($u.Sub $t) }}`,
		`{{ $t := toDate "`+ref+`" "2024-01-31T22:30:00+02:00" }}{{ $t.AddDate 0 1 0 }} | {{ $t.AddDate 1 0 0 }} | {{ $t.AddDate 0 0 -31 }} | {{ $t.AddDate -2024 0 0 }} | {{ $t.Add 5400000000000 }} | {{ $t.Add -1 }}`,
		`{{ $t := toDate "`+ref+`" "2024-01-31T22:37:41.987654321+02:00" }}{{ $t.Round 3600000000000 }} | {{ $t.Truncate 3600000000000 }} | {{ $t.Round 1000 }} | {{ $t.Truncate 7000000000 }} | {{ $t.Round 0 }} | {{ $t.Round 86400000000000 }}`,
		`{{ $d := (toDate "15:04" "10:30").Sub (toDate "15:04:05.000" "08:14:59.250") }}{{ $d }} {{ $d.Hours }} {{ $d.Minutes }} {{ $d.Seconds }} {{ $d.Milliseconds }} {{ $d.Microseconds }} {{ $d.Nanoseconds }} {{ $d.Round 60000000000 }} {{ $d.Truncate 3600000000000 }} {{ $d.String }}`,
		`{{ $d := (toDate "15:04" "08:00").Sub (toDate "15:04" "10:30") }}{{ $d }} {{ $d.Abs }} {{ $d.Round 3600000000000 }} {{ $d.Truncate 3600000000000 }} {{ $d.Hours }} {{ if $d }}nonzero{{ end }} {{ $z := $d.Truncate 86400000000000 }}{{ if $z }}x{{ else }}zero {{ $z }}{{ end }} {{ lt $d 0 }} {{ eq $z 0 }}`,
		`{{ $t := toDate "2006-01-02" "0001-01-01" }}{{ $t.AddDate -10 0 0 }} | {{ ($t.AddDate -10 0 0).Format "2006 06 Jan 2 Mon 002" }} | {{ $t.AddDate 0 -1 0 }} | {{ $t.Add -1 }} | {{ ($t.AddDate -10 0 0).Unix }} | {{ ($t.AddDate -10 0 0).Weekday }}`,
		`{{ $t := toDate "2006-01-02" "9999-12-31" }}{{ $t.AddDate 1 0 0 }} | {{ ($t.AddDate 90000 0 0).Format "2006 06 January 2 Monday" }} | {{ ($t.AddDate 0 13 1).YearDay }} | {{ $t.AddDate 0 0 1000000 }}`,
		`{{ $a := toDate "2006" "0001" }}{{ $b := toDate "2006" "9999" }}{{ $a.Sub $b }} | {{ $b.Sub $a }} | {{ ($b.Sub $a).Hours }} | {{ $b.Sub $b }} | {{ ($a.Sub $b).Abs }} | {{ (($a.Sub $b).Round 7) }}`,
		`{{ $t := toDate "2006-01-02" "2024-03-01" }}{{ $t.AddDate 0 0 -60 }} | {{ $t.AddDate 0 -24 -1 }} | {{ $t.AddDate 0 0 366 }} | {{ (toDate "2006-01-02" "2024-10-31").AddDate 0 1 0 }} | {{ (toDate "2006-01-02" "2024-02-29").AddDate 1 0 0 }}`,
		`{{ $t := toDate "2006-01-02" "2024-03-01" }}{{ $t.Add "x" }}`,
		`{{ $t := toDate "2006-01-02" "2024-03-01" }}{{ $t.Add 1.5 }}`,
		`{{ $t := toDate "2006-01-02" "2024-03-01" }}{{ $t.Sub 3 }}`,
		`{{ $t := toDate "2006-01-02" "2024-03-01" }}{{ $t.Nope }}`,
		`{{ $t := toDate "2006-01-02" "2024-03-01" }}{{ $t.Format }}`,
	)
	add(&cases, "dates-errors", 0, "",
		`{{ mustToDate "2006-01-02" "2024-13-01" }}`,
		`{{ mustToDate "2006-01-02" "2024-02-30" }}`,
		`{{ mustToDate "2006-01-02" "2023-02-29" }}`,
		`{{ mustToDate "15:04" "24:00" }}`,
		`{{ mustToDate "15:04" "23:60" }}`,
		`{{ mustToDate "15:04:05" "23:59:60" }}`,
		`{{ mustToDate "3:04" "13:00" }}`,
		`{{ mustToDate "2006-01-02" "2024-03-01 extra" }}`,
		`{{ mustToDate "2006-01-02" "24-03-01" }}`,
		`{{ mustToDate "2006-01-02" "2024/03/01" }}`,
		`{{ mustToDate "Jan 2" "Foo 2" }}`,
		`{{ mustToDate "Mon Jan 2" "Fro Mar 1" }}`,
		`{{ mustToDate "01/02" "1/2" }}`,
		`{{ mustToDate "2006-002" "2023-366" }}`,
		`{{ mustToDate "2006-002" "2024-000" }}`,
		`{{ mustToDate "2006-01-02 002" "2024-03-01 060" }}`,
		`{{ mustToDate "2006-01 002" "2024-03 060" }}`,
		`{{ mustToDate "15:04 MST" "10:00 Mst" }}`,
		`{{ mustToDate "15:04 MST" "10:00 ABCDEF" }}`,
		`{{ mustToDate "15:04 -0700" "10:00 +07" }}`,
		`{{ mustToDate "15:04 Z07:00" "10:00 z" }}`,
		`{{ mustToDate "15:04:05.000" "10:00:00.12" }}`,
		`{{ mustToDate "15:04:05.000" "10:00:00,123" }}`,
		`{{ mustToDate "2006-01-02 é" "2024-03-01 è" }}`,
		`{{ mustToDate "2006-01-02" "2024-03-01\n\"q\"" }}`,
		`{{ mustToDate "2006-01-02 Z07:00:00" "2024-03-01 Z" }}`,
		`{{ mustToDate "2006" "20x6" }}`,
		`{{ mustToDate "3PM" "3XM" }}`,
		`{{ mustToDate "15:04 -07:00" "10:00 +0x:00" }}`,
		`{{ mustToDate "15:04 -07:00" "10:00 +25:00" }}`,
		`{{ mustToDate "15:04 -07:00" "10:00 *01:00" }}`,
		`{{ mustToDate "15:04 -07:00" "10:00 +-1:00" }}`,
		`{{ mustToDate "05.000" "00.12x" }}`,
		`{{ mustToDate "05.999" "00.1234567891" }}`,
		`{{ toDate "2006-01-02" }}`,
		`{{ toDate 2006 "2024" }}`,
		`{{ unixEpoch "2024-03-01" }}`,
		`{{ unixEpoch .missing }}`,
	)
	add(&cases, "durations", 0, "",
		`{{ duration "90" }}|{{ duration "0" }}|{{ duration "-5" }}|{{ duration "+5" }}|{{ duration "86400" }}|{{ duration "abc" }}|{{ duration "" }}|{{ duration "1.5" }}|{{ duration "0x10" }}|{{ duration "1_000" }}`,
		`{{ duration 90 }}|{{ duration (int64 90) }}|{{ duration (add 3600 1) }}|{{ duration 1.5 }}|{{ duration .missing }}|{{ duration true }}|{{ duration (int64 -1) }}`,
		`{{ duration "9223372036" }}|{{ duration "9223372037" }}|{{ duration "99999999999999999999" }}|{{ duration "-99999999999999999999" }}|{{ duration (int64 9223372036854775807) }}`,
		`{{ durationRound "2h30m" }}|{{ durationRound "-2h30m" }}|{{ durationRound "400h" }}|{{ durationRound "9000h" }}|{{ durationRound "1h" }}|{{ durationRound "61m" }}|{{ durationRound "59s" }}|{{ durationRound "1s" }}|{{ durationRound "1.5s" }}|{{ durationRound "721h" }}|{{ durationRound "8761h" }}`,
		`{{ durationRound "bad" }}|{{ durationRound "" }}|{{ durationRound 3600 }}|{{ durationRound (int64 3600000000000) }}|{{ durationRound (int64 -90000000000) }}|{{ durationRound 1.5 }}|{{ durationRound .missing }}|{{ durationRound (int64 -9223372036854775808) }}`,
		`{{ durationRound (toDate "`+ref+`" "`+ago(90*time.Minute+300*time.Millisecond)+`") }}|{{ durationRound (toDate "`+ref+`" "`+ago(-50*time.Hour-300*time.Millisecond)+`") }}|{{ durationRound (toDate "`+ref+`" "`+ago(400*24*time.Hour+time.Second)+`") }}|{{ durationRound (toDate "`+ref+`" "`+ago(40*24*time.Hour)+`") }}`,
		`{{ mustDateModify "1h30m" (toDate "2006-01-02" "2024-03-01") }}|{{ mustDateModify "-24h" (toDate "2006-01-02" "2024-03-01") }}|{{ must_date_modify "1.5s" (toDate "2006-01-02" "2024-03-01") }}|{{ mustDateModify "0" (toDate "2006-01-02" "2024-03-01") }}`,
		`{{ mustDateModify "1d" (toDate "2006-01-02" "2024-03-01") }}`,
		`{{ mustDateModify "" (toDate "2006-01-02" "2024-03-01") }}`,
		`{{ mustDateModify "1h" "2024-03-01" }}`,
	)
	add(&cases, "ago", 0, fmt.Sprintf(`{"hourAgo": %d, "future": %d}`, now.Unix()-3600, now.Unix()+86400),
		`{{ ago (toDate "`+ref+`" "`+ago(90*time.Second+300*time.Millisecond)+`") }}|{{ ago (toDate "`+ref+`" "`+ago(26*time.Hour+time.Minute+time.Second+700*time.Millisecond)+`") }}|{{ ago (toDate "`+ref+`" "`+ago(-10*time.Minute)+`") }}|{{ ago (toDate "`+ref+`" "`+ago(400*time.Millisecond)+`") }}`,
		`{{ ago .hourAgo }}|{{ ago .future }}|{{ ago (int64 .hourAgo) }}|{{ ago "yesterday" }}|{{ ago 1.5 }}|{{ ago .missing }}`,
	)
	add(&cases, "urls", 0, `{"n": 3}`,
		`{{ urlParse "https://user:p%40ss@Example.com:8443/path/to%20x/?q=1&r=a+b#frag%20x" }}`,
		`{{ urlParse "HTTP://EXAMPLE.com" }}|{{ urlParse "http://[::1]:80/x" }}|{{ urlParse "http://[fe80::1%25en0]:8080/" }}|{{ urlParse "http://[2001:db8::1]/" }}|{{ urlParse "http://:80/" }}`,
		`{{ urlParse "mailto:user@example.com" }}|{{ urlParse "file:///etc/hosts" }}|{{ urlParse "//host/path" }}|{{ urlParse "///triple" }}|{{ urlParse "/just/path?x" }}|{{ urlParse "relative/path" }}|{{ urlParse "" }}|{{ urlParse "*" }}`,
		`{{ urlParse "http://host/%2Fa%2fb" }}|{{ urlParse "http://host/?" }}|{{ urlParse "http://host/a b" }}|{{ urlParse "http://é.com/ü" }}|{{ urlParse "http://a@b@c/" }}|{{ urlParse "http://user@host" }}|{{ urlParse "scheme:opaque?q#f" }}|{{ urlParse "http://host#" }}|{{ urlParse "http://host/p#a#b" }}`,
		`{{ urlParse "http://h/a?b?c" }}|{{ urlParse "s3://bucket/key" }}|{{ urlParse "git+ssh://git@github.com/o/r.git" }}|{{ urlParse "oci://ghcr.io/org/chart:1.2.3" }}|{{ urlParse "http://%41:%42@h/" }}|{{ urlParse "x:/rooted" }}|{{ urlParse "http://h/%E2%82%AC" }}`,
		`{{ (urlParse "https://ghcr.io:443/v2/org/app/tags/list?n=10").hostname }}|{{ (urlParse "https://ghcr.io/v2/").path }}|{{ get (urlParse "http://x/?a=1") "query" }}|{{ toJson (urlParse "http://u:p@h:1/p?q#f") }}|{{ typeOf (urlParse "x") }}`,
		`{{ urlParse "http://[::1" }}`,
		`{{ urlParse "http://host:port/" }}`,
		`{{ urlParse "http://host/%zz" }}`,
		`{{ urlParse "http://host/%z" }}`,
		`{{ urlParse "http://ho%zst/" }}`,
		`{{ urlParse "http://ho%41st/" }}`,
		`{{ urlParse "http://a b/" }}`,
		`{{ urlParse "http://a{b}/" }}`,
		`{{ urlParse ":foo" }}`,
		`{{ urlParse "1a:b/x" }}`,
		`{{ urlParse "a:b" }}|{{ urlParse "./a:b" }}`,
		`{{ urlParse "http://us er@host/" }}`,
		`{{ urlParse "http://ü@host/" }}`,
		`{{ urlParse "http://u:%zz@host/" }}`,
		`{{ urlParse "http://host/\u007f" }}`,
		`{{ urlParse "http://host/#%zz" }}`,
		`{{ urlParse "http://[::1]x/" }}`,
		`{{ urlParse "http://[fe80::1%25%0a]/" }}`,
		`{{ urlParse "http://[1.2.3.4]/" }}`,
		`{{ urlParse "http://[v1.x]/" }}`,
		`{{ urlParse "http://x[::1]/" }}`,
		`{{ urlParse "http://[12345::]/" }}`,
		`{{ urlParse "http://[::1::2]/" }}`,
		`{{ urlParse 3 }}`,
		`{{ urlJoin (dict "scheme" "https" "host" "example.com:8443" "path" "/a b/c?d" "query" "x=1&y=2" "fragment" "f g" "userinfo" "user:p@ss") }}`,
		`{{ urlJoin (dict "scheme" "mailto" "opaque" "user@example.com") }}|{{ urlJoin (dict "path" "a:b/c") }}|{{ urlJoin (dict "path" "rel" "host" "h") }}|{{ urlJoin (dict) }}|{{ urlJoin (dict "host" "é.com" "path" "/ü") }}|{{ urlJoin (dict "scheme" "file" "path" "/etc") }}`,
		`{{ urlJoin (dict "userinfo" "user" "host" "h") }}|{{ urlJoin (dict "userinfo" "a:b:c" "host" "h") }}|{{ urlJoin (dict "userinfo" "a/b" "host" "h") }}|{{ urlJoin (dict "scheme" "http" "path" "*") }}|{{ urlJoin (dict "fragment" "!x(y)*") }}|{{ urlJoin (dict "query" "") }}`,
		`{{ urlJoin (urlParse "https://user:p%40ss@Example.com:8443/path/to%20x/?q=1#frag%20x") }}|{{ urlJoin (urlParse "http://host/%2Fa%2fb") }}|{{ urlJoin (urlParse "mailto:a@b") }}|{{ urlJoin (urlParse "//h/p") }}`,
		`{{ $u := urlParse "https://example.com/a" }}{{ $_ := set $u "path" "/b" }}{{ $_ := set $u "query" "x=1" }}{{ urlJoin $u }}`,
		`{{ urlJoin (dict "scheme" 1) }}`,
		`{{ urlJoin (dict "host" (list 1)) }}`,
		`{{ urlJoin (dict "path" .missing) }}`,
		`{{ urlJoin (dict "fragment" .n) }}`,
		`{{ urlJoin (dict "userinfo" "us er") }}`,
		`{{ urlJoin (dict "userinfo" "%zz") }}`,
		`{{ urlJoin "x" }}`,
		`{{ urlJoin (list 1) }}`,
	)
	for _, seed := range []int64{1, 42, -7, 0, 2147483647, 9223372036854775807} {
		add(&cases, "random", seed, "",
			`{{ randInt 0 100 }} {{ randInt 0 100 }} {{ randInt -50 50 }} {{ randInt 1 2 }} {{ randInt 0 1024 }} {{ randInt 0 2147483647 }} {{ randInt 0 2147483648 }} {{ randInt 0 9223372036854775807 }} {{ randInt -9223372036854775807 0 }}`,
			`{{ shuffle "abcdefghij" }} {{ shuffle "héllo, 世界" }} {{ shuffle "x" }} {{ shuffle "" }} {{ shuffle "ab" }} {{ randInt 0 10 }}`,
			`{{ range $i := until 5 }}{{ randInt 0 6 }}{{ end }} {{ shuffle "podinfo" | upper }} {{ define "r" }}{{ randInt 0 1000 }}{{ end }}{{ template "r" }} {{ template "r" }}`,
		)
	}
	add(&cases, "random", 1, "",
		`{{ randInt 5 5 }}`,
		`{{ randInt 10 1 }}`,
		`{{ randInt -9223372036854775807 9223372036854775807 }}`,
		`{{ randInt "a" 1 }}`,
		`{{ randInt 1.5 3 }}`,
		`{{ shuffle 12 }}`,
	)
	add(&cases, "unsupported-signatures", 0, "",
		`{{ if false }}{{ genCA "x" 365 }}{{ bcrypt "p" }}{{ htpasswd "u" "p" }}{{ genPrivateKey "rsa" }}{{ derivePassword 1 "long" "p" "u" "s" }}{{ encryptAES "k" "t" }}{{ decryptAES "k" "t" }}{{ buildCustomCert "a" "b" }}{{ genCAWithKey "x" 1 "k" }}{{ genSelfSignedCert "x" nil nil 1 }}{{ genSelfSignedCertWithKey "x" nil nil 1 "k" }}{{ genSignedCertWithKey "x" nil nil 1 (genCA "y" 1) "k" }}{{ genSignedCert "x" nil nil 1 (genCA "y" 1) }}{{ end }}ok`,
		`{{ genCA 1 2 }}`,
		`{{ genCA "x" }}`,
		`{{ genCA "x" "y" }}`,
		`{{ bcrypt }}`,
		`{{ htpasswd "u" }}`,
		`{{ derivePassword -1 "long" "p" "u" "s" }}`,
		`{{ derivePassword "1" "long" "p" "u" "s" }}`,
		`{{ genSignedCert "x" nil nil 1 "ca" }}`,
		`{{ genSignedCert "x" nil nil 1 (dict) }}`,
		`{{ genSelfSignedCert "x" "ip" nil 1 }}`,
		`{{ encryptAES "k" }}`,
		`{{ randBytes 8 }}`,
		`{{ uuidv4 }}`,
		`{{ now }}`,
		`{{ date "2006" 0 }}`,
		`{{ dateModify "1h" 0 }}`,
		`{{ htmlDate 0 }}`,
		`{{ randAlphaNum 4 }}`,
		`{{ env "HOME" }}`,
		`{{ getHostByName "x" }}`,
	)

	modernCases := map[string]modern{
		// Newer Go: every Z07... layout element accepts "Z" (Go 1.19: only Z0700, Z07:00 and Z07).
		`{{ mustToDate "2006-01-02 Z07:00:00" "2024-03-01 Z" }}`: {expected: text("2024-03-01 00:00:00 +0000 UTC"), note: "Z accepted for Z07:00:00"},
		// Newer Go: a failed element is reported from where it began (Go 1.19: from where it stopped).
		`{{ mustToDate "2006-01-02" "24-03-01" }}`: {err: `template: t:1:3: executing "t" at <mustToDate "2006-01-02" "24-03-01">: error calling mustToDate: parsing time "24-03-01" as "2006-01-02": cannot parse "24-03-01" as "2006"`, note: "value element from the element's start"},
		`{{ mustToDate "2006" "20x6" }}`:    {err: `template: t:1:3: executing "t" at <mustToDate "2006" "20x6">: error calling mustToDate: parsing time "20x6" as "2006": cannot parse "20x6" as "2006"`, note: "value element from the element's start"},
		`{{ mustToDate "3PM" "3XM" }}`:      {err: `template: t:1:3: executing "t" at <mustToDate "3PM" "3XM">: error calling mustToDate: parsing time "3XM" as "3PM": cannot parse "XM" as "PM"`, note: "value element from the element's start"},
		`{{ mustToDate "05.000" "00.12x" }}`: {err: `template: t:1:3: executing "t" at <mustToDate "05.000" "00.12x">: error calling mustToDate: parsing time "00.12x" as "05.000": cannot parse ".12x" as ".000"`, note: "value element from the element's start"},
		// Newer Go: zone offset fields must be two digits (getnum, not atoi) and are range-checked.
		`{{ mustToDate "15:04 -07:00" "10:00 +0x:00" }}`: {err: `template: t:1:3: executing "t" at <mustToDate "15:04 -07:00" "10:00 +0x:00">: error calling mustToDate: parsing time "10:00 +0x:00" as "15:04 -07:00": cannot parse "+0x:00" as "-07:00"`, note: "value element from the element's start"},
		`{{ mustToDate "15:04 -07:00" "10:00 +25:00" }}`: {err: `template: t:1:3: executing "t" at <mustToDate "15:04 -07:00" "10:00 +25:00">: error calling mustToDate: parsing time "10:00 +25:00": time zone offset hour out of range`, note: "offset range check"},
		`{{ mustToDate "15:04 -07:00" "10:00 *01:00" }}`: {err: `template: t:1:3: executing "t" at <mustToDate "15:04 -07:00" "10:00 *01:00">: error calling mustToDate: parsing time "10:00 *01:00" as "15:04 -07:00": cannot parse "*01:00" as "-07:00"`, note: "value element from the element's start"},
		`{{ mustToDate "15:04 -07:00" "10:00 +-1:00" }}`: {err: `template: t:1:3: executing "t" at <mustToDate "15:04 -07:00" "10:00 +-1:00">: error calling mustToDate: parsing time "10:00 +-1:00" as "15:04 -07:00": cannot parse "+-1:00" as "-07:00"`, note: "offset fields must be digits"},
		// Newer Go: a .999 fraction takes every digit given (Go 1.19: at most nine).
		`{{ mustToDate "05.999" "00.1234567891" }}`: {expected: text("0000-01-01 00:00:00.123456789 +0000 UTC"), note: "all fraction digits read"},
		// Go 1.24.8/1.25.2 (CVE-2025-47912): a bracketed host must be an IPv6 address, and "[" only starts a host.
		`{{ urlParse "http://[1.2.3.4]/" }}`: {err: `template: t:1:3: executing "t" at <urlParse "http://[1.2.3.4]/">: error calling urlParse: unable to parse url: parse "http://[1.2.3.4]/": invalid IP-literal`, note: "bracketed IPv4 rejected"},
		`{{ urlParse "http://[v1.x]/" }}`:    {err: `template: t:1:3: executing "t" at <urlParse "http://[v1.x]/">: error calling urlParse: unable to parse url: parse "http://[v1.x]/": invalid host: ParseAddr("v1.x"): unexpected character (at "v1.x")`, note: "bracketed host must parse as an IP address"},
		`{{ urlParse "http://x[::1]/" }}`:    {err: `template: t:1:3: executing "t" at <urlParse "http://x[::1]/">: error calling urlParse: unable to parse url: parse "http://x[::1]/": invalid IP-literal`, note: "[ not at the start of the host"},
		`{{ urlParse "http://[12345::]/" }}`: {err: `template: t:1:3: executing "t" at <urlParse "http://[12345::]/">: error calling urlParse: unable to parse url: parse "http://[12345::]/": invalid host: ParseAddr("12345::"): each group must have 4 or less digits (at "12345::")`, note: "bracketed host must parse as an IP address"},
		`{{ urlParse "http://[::1::2]/" }}`:  {err: `template: t:1:3: executing "t" at <urlParse "http://[::1::2]/">: error calling urlParse: unable to parse url: parse "http://[::1::2]/": invalid host: ParseAddr("::1::2"): multiple :: in address (at ":2")`, note: "bracketed host must parse as an IP address"},
	}

	// Ferry redacts the password of a URL in its error messages, as Go's URL.Redacted does.
	ferryCases := map[string]string{
		`{{ urlParse "http://u:%zz@host/" }}`: `template: t:1:3: executing "t" at <urlParse "http://u:%zz@host/">: error calling urlParse: unable to parse url: parse "http://u:xxxxx@host/": invalid URL escape "%zz"`,
	}

	var names []string
	for name := range sprig.HermeticTxtFuncMap() {
		names = append(names, name)
	}
	sort.Strings(names)
	out := struct {
		GoVersion string     `json:"goVersion"`
		Sprig     string     `json:"sprig"`
		Now       string     `json:"now"`
		Functions []string   `json:"functions"`
		Cases     []testCase `json:"cases"`
	}{runtime.Version(), "v3 (HermeticTxtFuncMap)", now.Format(time.RFC3339Nano), names, nil}
	for _, c := range cases {
		c = run(c)
		if m, ok := modernCases[c.Template]; ok {
			c.ModernExpected, c.ModernError, c.ModernNote = m.expected, m.err, m.note
			delete(modernCases, c.Template)
		}
		if e, ok := ferryCases[c.Template]; ok {
			c.FerryError, c.FerryNote = e, "the password is redacted"
			delete(ferryCases, c.Template)
		}
		out.Cases = append(out.Cases, c)
	}
	for t := range modernCases {
		fmt.Fprintln(os.Stderr, "modern expectation for a template that is not a case:", t)
		os.Exit(1)
	}
	for t := range ferryCases {
		fmt.Fprintln(os.Stderr, "Ferry expectation for a template that is not a case:", t)
		os.Exit(1)
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(out); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
