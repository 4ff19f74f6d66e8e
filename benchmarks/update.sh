#!/usr/bin/env bash
# Times `ferry update --dry-run` on a generated tree of YAML files with setter markers against
# `grep -rl '"$imagepolicy"'` on the same tree (the floor: reading every file once), in one run,
# and writes benchmarks/results/update.md.
#
#   benchmarks/update.sh [--files N] [--markers M] [--runs R] [--no-write]
#
# Needs: swift, python3, hyperfine, GNU time, GNU grep. Installs the Debian packages when run as
# root and they are missing.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
FILES=10000 MARKERS=100 RUNS=20 WRITE=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --files) FILES="$2"; shift 2;;
    --markers) MARKERS="$2"; shift 2;;
    --runs) RUNS="$2"; shift 2;;
    --no-write) WRITE=0; shift;;
    *) echo "unknown option $1" >&2; exit 2;;
  esac
done

need=()
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
TREE="$WORK/update-tree-$FILES-$MARKERS"
mkdir -p "$WORK"
echo "== building ferry (release, static Swift runtime, as README.md describes)"
(cd "$ROOT" && swift build -c release --static-swift-stdlib --product ferry >/dev/null)
FERRY="$ROOT/.build/release/ferry"

echo "== generating $FILES files with $MARKERS markers in $TREE"
rm -rf "$TREE"
python3 "$HERE/generate-manifests.py" --out "$TREE" --files "$FILES" --markers "$MARKERS" > "$WORK/update-policies.txt"
policy_args=()
while read -r policy; do policy_args+=(--policy "$policy"); done < "$WORK/update-policies.txt"

ferry_cmd=("$FERRY" update --path "$TREE" --dry-run "${policy_args[@]}")
grep_cmd=(grep -rl '"$imagepolicy"' "$TREE")

# Both must find the same files: grep lists the marked files, ferry's diff changes each of them.
grep_files=$("${grep_cmd[@]}" | sed "s|^$TREE/||" | sort)
ferry_files=$("${ferry_cmd[@]}" 2>/dev/null | sed -n 's|^+++ b/||p' | sort)
if [[ "$grep_files" != "$ferry_files" ]]; then
  echo "MISMATCH: ferry changes $(wc -l <<< "$ferry_files") files, grep finds $(wc -l <<< "$grep_files")" >&2
  exit 1
fi
marked=$(wc -l <<< "$grep_files")

load=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)
quote() { local out="" a; for a in "$@"; do out+=" $(printf '%q' "$a")"; done; printf '%s' "${out# }"; }
hyperfine -N --warmup 3 --runs "$RUNS" --export-json "$WORK/update-hyperfine.json" \
  -n ferry "$(quote "${ferry_cmd[@]}")" -n grep "$(quote "${grep_cmd[@]}")" > /dev/null
read -r f_mean f_sd g_mean g_sd < <(python3 -c '
import json,sys
r={x["command"]:x for x in json.load(open(sys.argv[1]))["results"]}
print(r["ferry"]["mean"]*1e3, r["ferry"]["stddev"]*1e3, r["grep"]["mean"]*1e3, r["grep"]["stddev"]*1e3)' "$WORK/update-hyperfine.json")

peak_kb() {  # max RSS over 5 runs
  local best=0 kb
  for _ in 1 2 3 4 5; do
    /usr/bin/time -f '%M' -o "$WORK/rss" "$@" > /dev/null 2>&1
    kb=$(tail -1 "$WORK/rss"); (( kb > best )) && best=$kb
  done
  echo "$best"
}
f_rss=$(peak_kb "${ferry_cmd[@]}")
g_rss=$(peak_kb "${grep_cmd[@]}")
ratio=$(python3 -c "print(f'{$f_mean/$g_mean:.2f}')")
f_mb=$(python3 -c "print(f'{$f_rss/1024:.1f}')")
g_mb=$(python3 -c "print(f'{$g_rss/1024:.1f}')")
bytes=$(find "$TREE" -type f -printf '%s\n' | awk '{s+=$1} END {print s}')

report="## \`ferry update\` (issue 4)

\`ferry update --dry-run\` against \`grep -rl '\"\$imagepolicy\"'\` on the same generated tree, in
one run. The tree (\`benchmarks/generate-manifests.py --files $FILES --markers $MARKERS\`) has $FILES
YAML files ($(python3 -c "print(f'{$bytes/1e6:.1f}')") MB; Deployments, Services, ConfigMaps, Kustomizations in
directories of 100) of which $marked carry a setter marker, each for its own policy; ferry gets
$MARKERS \`--policy\` flags moving every marked image to a new tag, so it reads and screens every
file, parses the $marked marked ones, rewrites each marked value and prints $marked diffs. grep
only reads every file and lists the $marked that contain the token. Both find the same files
(checked). Times are whole-process wall clock from \`hyperfine -N --warmup 3 --runs $RUNS\`; peak
memory is the largest maximum RSS of 5 runs (GNU time).

Made by: \`benchmarks/update.sh --files $FILES --markers $MARKERS --runs $RUNS\` on $(date -u +%Y-%m-%d)
Machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -m); $(swift --version 2>&1 | head -1 | sed 's/ (.*//'); $(grep --version | head -1);
load average $load when the timing started (the machine is shared, so absolute times vary between runs; the ratio is
what the target is about)

| command | mean ms | peak MB |
| --- | --- | --- |
| \`ferry update --dry-run\` | $(printf '%.1f ± %.1f' "$f_mean" "$f_sd") | $f_mb |
| \`grep -rl '\"\$imagepolicy\"'\` | $(printf '%.1f ± %.1f' "$g_mean" "$g_sd") | $g_mb |

ferry / grep: **$ratio×** (target: at most 3×). Peak memory of ferry: **$f_mb MB** (target: under 50 MB).
"
mkdir -p "$HERE/results"
if [[ $WRITE == 1 ]]; then printf '%s' "$report" > "$HERE/results/update.md"; echo "wrote benchmarks/results/update.md"; "$HERE/assemble-results.sh"; fi
printf '%s\n' "$report"
python3 -c "import sys; sys.exit(0 if $ratio <= 3 and $f_rss < 50*1024 else 1)"
