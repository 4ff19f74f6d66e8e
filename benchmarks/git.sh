#!/usr/bin/env bash
# Times a full automation run through FerryGit (check out, change one file, commit, push) on a
# 10,000-file repository served by git daemon on loopback: cold (a fresh shallow clone each
# run) and with the clone cache, against the floor of the same steps done by plain git in a
# shell script (benchmarks/git-floor.sh), in one hyperfine run. Writes benchmarks/results/git.md.
#
#   benchmarks/git.sh [--files N] [--runs R] [--cold-runs R] [--no-write]
#
# The cached run and its floor are timed together (--runs, default 20); the cold runs, which
# write 10,000 files each, together in a second hyperfine call (--cold-runs, default 5).
#
# Needs: swift, git, python3, hyperfine (installed with apt-get when run as root and missing).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
FILES=10000 RUNS=20 COLD_RUNS=5 WRITE=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --files) FILES="$2"; shift 2;;
    --runs) RUNS="$2"; shift 2;;
    --cold-runs) COLD_RUNS="$2"; shift 2;;
    --no-write) WRITE=0; shift;;
    *) echo "unknown option $1" >&2; exit 2;;
  esac
done
need=()
for tool in hyperfine git python3; do command -v "$tool" >/dev/null || need+=("$tool"); done
[[ -x /usr/sbin/sshd ]] || need+=(openssh-server)
command -v gpg >/dev/null || need+=(gnupg)
if [[ ${#need[@]} -gt 0 ]]; then
  if [[ $(id -u) -eq 0 ]]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${need[@]}" >/dev/null
  else
    echo "missing: ${need[*]} (install them with apt-get)" >&2; exit 2
  fi
fi

WORK="$HERE/.work/git"
SERVICES="$WORK/services"
"$ROOT/scripts/services/git.sh" stop "$SERVICES" >/dev/null 2>&1 || true   # servers left by an interrupted run
rm -rf "$WORK"; mkdir -p "$WORK"
trap '"$ROOT/scripts/services/git.sh" stop "$SERVICES" >/dev/null 2>&1 || true' EXIT
echo "== building ferry-git-bench (release)"
(cd "$ROOT" && swift build -c release --product ferry-git-bench >/dev/null)
BENCH="$ROOT/.build/release/ferry-git-bench"
echo "== starting git daemon and filling a $FILES-file repository"
"$ROOT/scripts/services/git.sh" start "$SERVICES" >/dev/null
set -a; . "$SERVICES/env"; set +a
python3 "$HERE/make-yaml-repo.py" --repo-dir "$FERRY_TEST_GIT_REPOS/fleet.git" --files "$FILES" >/dev/null
URL="$FERRY_TEST_GIT_DAEMON_URL/fleet.git"
FILE=apps/group-000/app-00000.yaml
CACHE="$WORK/cache"
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
git clone -q --depth 1 --branch main "$URL" "$WORK/floor"
"$BENCH" --url "$URL" --file "$FILE" --cache "$CACHE" >/dev/null   # fill the cache

COMMAND_FLOOR="$HERE/git-floor.sh warm $WORK/floor $FILE"
COMMAND_CACHED="$BENCH --url $URL --file $FILE --cache $CACHE"
COMMAND_COLD="$BENCH --url $URL --file $FILE"
COMMAND_COLD_FLOOR="$HERE/git-floor.sh cold $URL $FILE"
hyperfine --style basic --warmup 2 --runs "$RUNS" --export-json "$WORK/git-warm.json" \
  -n "floor: plain git fetch, commit, push (kept clone)" "$COMMAND_FLOOR" \
  -n "FerryGit with the clone cache" "$COMMAND_CACHED"
hyperfine --style basic --warmup 1 --runs "$COLD_RUNS" --export-json "$WORK/git-cold.json" \
  -n "plain git clone --depth 1, commit, push" "$COMMAND_COLD_FLOOR" \
  -n "FerryGit cold (fresh shallow clone)" "$COMMAND_COLD"

commits=$(git --git-dir "$FERRY_TEST_GIT_REPOS/fleet.git" rev-list --count main)
load=$(cut -d' ' -f1-3 /proc/loadavg)
python3 - "$WORK/git-warm.json" "$WORK/git-cold.json" "$FILES" "$RUNS" "$COLD_RUNS" "$commits" "$HERE/results/git.md" "$WRITE" "$load" <<'PY'
import json, sys, platform, subprocess
warm, cold, files, runs, cold_runs, commits, out, write, load = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), sys.argv[6], sys.argv[7], sys.argv[8] == "1", sys.argv[9]
results = json.load(open(warm))["results"] + json.load(open(cold))["results"]
floor = results[0]["mean"]
cached = results[1]["mean"]
rows = []
for r in results:
    rows.append("| %s | %.1f ± %.1f | %.1f | %.1f | %.2f× |" % (
        r["command"], r["mean"] * 1000, r["stddev"] * 1000, r["min"] * 1000, r["max"] * 1000, r["mean"] / floor))
git = subprocess.run(["git", "--version"], capture_output=True, text=True).stdout.strip()
text = f"""## Git: a full automation run (FerryGit)

`benchmarks/git.sh --files {files} --runs {runs} --cold-runs {cold_runs}`: check out `main`, change one file,
commit, push, on a {files:,}-file repository (`benchmarks/make-yaml-repo.py`) served by `git daemon` on
loopback; {git}, {platform.machine()}, 2 cores shared with other work (load average {load} at the end).
hyperfine in one script run: the cached run and its floor together ({runs} runs after 2 warm-ups), then the
two cold runs together ({cold_runs} runs after 1 warm-up).
The floor is the same steps by plain git in a shell script (`benchmarks/git-floor.sh`): fetch into a kept
shallow clone, reset, edit, `commit -a`, push. The repository had {commits} commits at the end.

| command | mean ms | min ms | max ms | vs floor |
| --- | --- | --- | --- | --- |
""" + "\n".join(rows) + f"""

Cached run / floor: **{cached / floor:.2f}×** (target ≤ 1.5×; the spread on this shared machine is wide, see ±).
FerryGit does more than the floor per run:
it isolates git from user and system configuration, writes its helper scripts into a private session
directory, removes untracked files (`git clean`), checks for staged changes before committing, and reads
the pushed commit back. The cold runs create a repository and write all {files:,} files, so they mostly
measure the disk, which other work on this machine shares: compare them with each other, not across runs.
"""
if write:
    open(out, "w").write(text)
print(text)
PY
