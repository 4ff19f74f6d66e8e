// Command fluxpeer selects the latest tag from a list the way Flux's image-reflector-controller
// does (internal/policy: RegexFilter, then SemVer/Alphabetical/Numerical Latest, then the
// original tag), using the Masterminds/semver library Flux uses. It is the peer that
// benchmarks/policy-select.sh measures `ferry policy select` against; it is written for this
// project from Flux's documented behaviour and is not Flux's code.
//
// Usage: fluxpeer (--select-semver R | --select-alpha asc|desc | --select-numeric asc|desc)
//                 [--filter-regex P] [--filter-extract E] --tags-file F
package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"

	"github.com/Masterminds/semver/v3"
	"regexp"
)

func main() {
	semverRange := flag.String("select-semver", "", "semver range")
	alpha := flag.String("select-alpha", "", "asc|desc")
	numeric := flag.String("select-numeric", "", "asc|desc")
	pattern := flag.String("filter-regex", "", "regular expression")
	extract := flag.String("filter-extract", "", "expansion template")
	tagsFile := flag.String("tags-file", "", "file with one tag per line")
	flag.Parse()

	tags, err := readTags(*tagsFile)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	selected, err := selectTag(tags, *semverRange, *alpha, *numeric, *pattern, *extract)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(selected)
}

func readTags(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var tags []string
	scanner := bufio.NewScanner(f)
	for scanner.Scan() {
		if line := strings.TrimSpace(scanner.Text()); line != "" {
			tags = append(tags, line)
		}
	}
	return tags, scanner.Err()
}

func selectTag(tags []string, semverRange, alpha, numeric, pattern, extract string) (string, error) {
	candidates := tags
	original := map[string]string{}
	if pattern != "" {
		re, err := regexp.Compile(pattern)
		if err != nil {
			return "", err
		}
		filtered := map[string]string{}
		for _, tag := range tags {
			if m := re.FindStringSubmatchIndex(tag); len(m) > 0 {
				key := tag
				if extract != "" {
					key = string(re.ExpandString(nil, extract, tag, m))
				}
				filtered[key] = tag
			}
		}
		candidates = make([]string, 0, len(filtered))
		for key := range filtered {
			candidates = append(candidates, key)
		}
		original = filtered
	}
	if len(candidates) == 0 {
		return "", errors.New("version list argument cannot be empty")
	}
	var latest string
	var err error
	switch {
	case semverRange != "":
		latest, err = latestSemver(candidates, semverRange)
	case alpha != "":
		latest = latestAlpha(candidates, strings.ToUpper(alpha))
	default:
		latest, err = latestNumeric(candidates, strings.ToUpper(numeric))
	}
	if err != nil {
		return "", err
	}
	if tag, ok := original[latest]; ok {
		return tag, nil
	}
	return latest, nil
}

func latestSemver(candidates []string, r string) (string, error) {
	constraint, err := semver.NewConstraint(r)
	if err != nil {
		return "", err
	}
	var best *semver.Version
	for _, c := range candidates {
		if len(strings.SplitN(c, ".", 3)) != 3 {
			continue
		}
		v, err := semver.NewVersion(c)
		if err != nil {
			continue
		}
		if constraint.Check(v) && (best == nil || v.GreaterThan(best)) {
			best = v
		}
	}
	if best == nil {
		return "", errors.New("unable to determine latest version from provided list")
	}
	return best.Original(), nil
}

func latestAlpha(candidates []string, order string) string {
	sorted := sort.StringSlice(candidates)
	if order == "DESC" {
		sort.Sort(sorted)
	} else {
		sort.Sort(sort.Reverse(sorted))
	}
	return sorted[0]
}

func latestNumeric(candidates []string, order string) (string, error) {
	var latest string
	var best float64
	for i, c := range candidates {
		v, err := strconv.ParseFloat(c, 64)
		if err != nil {
			return "", fmt.Errorf("failed to parse invalid numeric value '%s'", c)
		}
		if i > 0 && ((order == "DESC" && v > best) || (order != "DESC" && v < best)) {
			continue
		}
		latest, best = c, v
	}
	return latest, nil
}
