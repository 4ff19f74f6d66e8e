#!/usr/bin/env bash
# Times `ferry policy select` against a Go peer doing the same selection with the
# Masterminds/semver library Flux uses (benchmarks/peer), on the same 100,000 mixed tags, in
# one run, and writes benchmarks/results/policy-select.md (and benchmarks/RESULTS.md).
#
#   benchmarks/policy-select.sh [--count N] [--runs R] [--no-write]
#
# Needs: swift, python3, go (Debian golang-go), Debian golang-github-masterminds-semver-dev,
# hyperfine, GNU time. Installs the Debian packages when run as root and they are missing.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
COUNT=100000 RUNS=30 WRITE=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --count) COUNT="$2"; shift 2;;
    --runs) RUNS="$2"; shift 2;;
    --no-write) WRITE=0; shift;;
    *) echo "unknown option $1" >&2; exit 2;;
  esac
done

need=()
command -v go >/dev/null || need+=(golang-go)
[[ -d /usr/share/gocode/src/github.com/Masterminds/semver ]] || need+=(golang-github-masterminds-semver-dev)
command -v hyperfine >/dev/null || need+=(hyperfine)
[[ -x /usr/bin/time ]] || need+=(time)
if [[ ${#need[@]} -gt 0 ]]; then
  if [[ $(id -u) -eq 0 ]]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${need[@]}" >/dev/null
  else
    echo "missing: ${need[*]} (install them with apt-get)" >&2; exit 2
  fi
fi

WORK="$HERE/.work"
mkdir -p "$WORK"
echo "== building ferry (release, static Swift runtime, as README.md describes) and the Go peer"
(cd "$ROOT" && swift build -c release --static-swift-stdlib --product ferry >/dev/null)
FERRY="$ROOT/.build/release/ferry"
(cd "$HERE/peer" && GOFLAGS=-mod=mod GOPROXY=off GOTOOLCHAIN=local go build -o "$WORK/fluxpeer" . && rm -f go.sum)
PEER="$WORK/fluxpeer"
TAGS="$WORK/tags-$COUNT.txt"
python3 "$HERE/generate-tags.py" --count "$COUNT" --seed 1 > "$TAGS"

# name | arguments (the same flags for both programs)
CASES=(
  "semver range|--select-semver=>=1.0.0 <2.0.0"
  "semver with prereleases|--select-semver=>=1.0.0-0"
  "alphabetical|--select-alpha=asc"
  "numerical, filter + extract|--select-numeric=asc|--filter-regex=^main-[a-f0-9]+-(?P<ts>[0-9]+)\$|--filter-extract=\$ts"
  "semver, filter + extract|--select-semver=^1.x|--filter-regex=^v(?P<v>[0-9]+\\.[0-9]+\\.[0-9]+)\$|--filter-extract=\$v"
  "alphabetical, filter + extract|--select-alpha=asc|--filter-regex=^RELEASE\\.(?P<stamp>.*)Z\$|--filter-extract=\$stamp"
)

quote() { local out="" a; for a in "$@"; do out+=" $(printf '%q' "$a")"; done; printf '%s' "${out# }"; }
peak_kb() {  # max RSS over 5 runs
  local best=0 kb
  for _ in 1 2 3 4 5; do
    /usr/bin/time -f '%M' -o "$WORK/rss" "$@" > /dev/null
    kb=$(tail -1 "$WORK/rss"); (( kb > best )) && best=$kb
  done
  echo "$best"
}

rows=() worst_ratio=0 worst_rss=0 failures=0
for entry in "${CASES[@]}"; do
  IFS='|' read -r -a parts <<< "$entry"
  name="${parts[0]}"; args=("${parts[@]:1}")
  ferry_cmd=("$FERRY" policy select "${args[@]}" --tags-file "$TAGS")
  peer_cmd=("$PEER" "${args[@]}" --tags-file "$TAGS")
  ferry_out=$("${ferry_cmd[@]}"); peer_out=$("${peer_cmd[@]}")
  if [[ "$ferry_out" != "$peer_out" ]]; then
    echo "MISMATCH in '$name': ferry=$ferry_out peer=$peer_out" >&2; failures=$((failures + 1))
  fi
  hyperfine -N --warmup 3 --runs "$RUNS" --export-json "$WORK/h.json" \
    -n ferry "$(quote "${ferry_cmd[@]}")" -n go "$(quote "${peer_cmd[@]}")" > /dev/null
  read -r f_mean f_sd g_mean g_sd < <(python3 -c '
import json,sys
r={x["command"]:x for x in json.load(open(sys.argv[1]))["results"]}
print(r["ferry"]["mean"]*1e3, r["ferry"]["stddev"]*1e3, r["go"]["mean"]*1e3, r["go"]["stddev"]*1e3)' "$WORK/h.json")
  f_rss=$(peak_kb "${ferry_cmd[@]}"); g_rss=$(peak_kb "${peer_cmd[@]}")
  ratio=$(python3 -c "print(f'{$f_mean/$g_mean:.2f}')")
  worst_ratio=$(python3 -c "print(max($worst_ratio, $ratio))")
  (( f_rss > worst_rss )) && worst_rss=$f_rss
  row=$(printf '| %s | `%s` | %.1f ± %.1f | %.1f ± %.1f | %s | %.1f | %.1f |' "$name" "$ferry_out" \
    "$f_mean" "$f_sd" "$g_mean" "$g_sd" "$ratio" "$(python3 -c "print($f_rss/1024)")" "$(python3 -c "print($g_rss/1024)")")
  echo "$row"; rows+=("$row")
done

semver_pkg=$(dpkg-query -W -f '${Version}' golang-github-masterminds-semver-dev 2>/dev/null || echo unknown)
report="## Tag selection: \`ferry policy select\` against Masterminds/semver

\`ferry policy select\` against a Go peer ([\`benchmarks/peer\`](peer/main.go)) that performs the
same selection the way Flux's image-reflector-controller does, with Masterminds/semver
(Debian package $semver_pkg) and Go's \`regexp\` and \`strconv\`. Both read the same file of
$COUNT distinct mixed tags (semver releases, prereleases, names, \`main-<sha>-<time>\`,
\`RELEASE.<stamp>Z\`, CalVer, dated tags; \`benchmarks/generate-tags.py --count $COUNT --seed 1\`),
and both must print the same tag. Times are whole-process wall clock (start, read, select,
print) from \`hyperfine -N --warmup 3 --runs $RUNS\`; peak memory is the largest maximum RSS of 5
runs (GNU time).

Made by: \`benchmarks/policy-select.sh --count $COUNT --runs $RUNS\` on $(date -u +%Y-%m-%d)
Machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -m); $(swift --version 2>&1 | head -1 | sed 's/ (.*//'); $(go version | awk '{print $3}')

| case | selected | ferry ms | Go peer ms | ferry / Go | ferry peak MB | Go peak MB |
| --- | --- | --- | --- | --- | --- | --- |
$(printf '%s\n' "${rows[@]}")

Targets (issue 2): ferry's time at most half the Go peer's in every case (worst ratio here:
$worst_ratio), and peak memory of \`ferry policy select\` under 30 MB (worst here:
$(python3 -c "print(f'{$worst_rss/1024:.1f}')") MB).
"
if [[ $WRITE == 1 ]]; then
  mkdir -p "$HERE/results"
  printf '%s' "$report" > "$HERE/results/policy-select.md"
  "$HERE/assemble-results.sh"
fi
echo "worst ratio $worst_ratio, worst ferry peak $(python3 -c "print(f'{$worst_rss/1024:.1f}')") MB, mismatches $failures"
[[ $failures -eq 0 ]]
