#!/usr/bin/env bash
# The pipeline benchmarks of issue 6, written to benchmarks/results/pipeline.md:
#  1. latency from a registry push + webhook to the pushed commit, over --pushes pushes, for
#     `ferry run --listen` (a generic Receiver triggering the ImageRepository) and, in the same
#     run on the same registry and machine, for a peer: the shell pipeline a cron job would run
#     (skopeo list-tags | sort -V, sed, git commit, git push) invoked directly, with no webhook;
#  2. resident memory of `ferry run` holding --repos ImageRepositories of --tags tags each,
#     every one scanned (served by benchmarks/synthetic-registry.py: the OCI wire format with
#     generated tags, since a million pushes to a real registry would take far too long).
#
#   benchmarks/pipeline.sh [--pushes 50] [--repos 1000] [--tags 1000] [--keep DIR]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PUSHES=50 REPOS=1000 TAGS=1000 KEEP=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --pushes) PUSHES="$2"; shift 2;;
    --repos) REPOS="$2"; shift 2;;
    --tags) TAGS="$2"; shift 2;;
    --keep) KEEP="$2"; shift 2;;
    *) echo "unknown option $1" >&2; exit 2;;
  esac
done

need=()
for pair in sqlite3:sqlite3 bc:bc skopeo:skopeo jq:jq docker-registry:docker-registry git:git curl:curl; do
  command -v "${pair%%:*}" >/dev/null || need+=("${pair#*:}")
done
if [[ ${#need[@]} -gt 0 ]]; then
  echo "== installing ${need[*]}"
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null ||
    { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null; }
  rm -f /usr/sbin/policy-rc.d
fi
[[ -f /etc/containers/policy.json ]] || { mkdir -p /etc/containers; echo '{"default":[{"type":"insecureAcceptAnything"}]}' > /etc/containers/policy.json; }

echo "== building ferry (release)"
swift build -c release --product ferry >/dev/null
FERRY="$ROOT/.build/release/ferry"

if [[ -n "$KEEP" ]]; then mkdir -p "$KEEP"; T="$(cd "$KEEP" && pwd)"; else T="$(mktemp -d /tmp/ferry-pipeline.XXXXXX)"; fi
STATE="$T/state"; mkdir -p "$STATE/data" "$STATE/logs"
. scripts/services/lib/common.sh
cleanup() { stop_all; [[ -n "$KEEP" ]] || rm -rf "$T"; }
trap cleanup EXIT
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
SEEDER="$ROOT/scripts/services/registry/registry-seed.py"

# The registry.
port=$(free_port)
printf 'version: 0.1\nlog:\n  level: error\n  accesslog:\n    disabled: true\nstorage:\n  filesystem:\n    rootdirectory: %s\nhttp:\n  addr: 127.0.0.1:%s\n' \
  "$STATE/data" "$port" > "$STATE/registry.yml"
spawn registry "$STATE/logs/registry.log" docker-registry serve "$STATE/registry.yml"
wait_port "$port" 20
REGISTRY="127.0.0.1:$port"

repository() {  # repository NAME: a bare repository whose apps/deployment.yaml runs bench/NAME:1.0.0
  local name=$1
  git init -q --bare -b main "$T/$name.git"
  git init -q -b main "$T/$name-seed"
  mkdir -p "$T/$name-seed/apps"
  printf 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: %s/bench/%s:1.0.0 # {"$imagepolicy": "flux-system:app"}\n' \
    "$REGISTRY" "$name" > "$T/$name-seed/apps/deployment.yaml"
  git -C "$T/$name-seed" add -A
  git -C "$T/$name-seed" -c user.name=seed -c user.email=seed@bench.invalid commit -q -m seed
  git -C "$T/$name-seed" push -q "$T/$name.git" main
  python3 "$SEEDER" --registry "$REGISTRY" --repo "bench/$name" --tags 1.0.0 2>/dev/null
}

# ---- 1a. Ferry: webhook to commit.
repository ferry
mkdir -p "$T/manifests" "$T/secrets"
cat > "$T/manifests/pipeline.yaml" <<YML
apiVersion: image.toolkit.fluxcd.io/v1
kind: ImageRepository
metadata: {name: app, namespace: flux-system}
spec: {image: $REGISTRY/bench/ferry, interval: 1h}
---
apiVersion: image.toolkit.fluxcd.io/v1
kind: ImagePolicy
metadata: {name: app, namespace: flux-system}
spec:
  imageRepositoryRef: {name: app}
  policy: {semver: {range: ">=1.0.0"}}
---
apiVersion: source.toolkit.fluxcd.io/v1
kind: GitRepository
metadata: {name: fleet, namespace: flux-system}
spec: {interval: 1h, url: "file://$T/ferry.git", ref: {branch: main}}
---
apiVersion: image.toolkit.fluxcd.io/v1
kind: ImageUpdateAutomation
metadata: {name: fleet, namespace: flux-system}
spec:
  interval: 1h
  sourceRef: {kind: GitRepository, name: fleet}
  git:
    commit: {author: {name: ferry, email: ferry@bench.invalid}}
    push: {branch: main}
  update: {path: ./apps, strategy: Setters}
---
apiVersion: notification.toolkit.fluxcd.io/v1
kind: Receiver
metadata: {name: registry, namespace: flux-system}
spec:
  type: generic
  secretRef: {name: webhook-token}
  resources:
    - {apiVersion: image.toolkit.fluxcd.io/v1, kind: ImageRepository, name: app}
YML
TOKEN=bench-token-$RANDOM$RANDOM
printf 'apiVersion: v1\nkind: Secret\nmetadata: {name: webhook-token, namespace: flux-system}\nstringData: {token: %s}\n' "$TOKEN" > "$T/secrets/token.yaml"
HTTP=$(free_port)
spawn ferry-run "$STATE/logs/ferry-run.log" "$FERRY" run --manifests "$T/manifests" --secrets "$T/secrets" --state "$T/ferry.db" \
  --listen "127.0.0.1:$HTTP" --log-level warning
wait_port "$HTTP" 30
for _ in $(seq 1 300); do curl -fsS "http://127.0.0.1:$HTTP/readyz" >/dev/null 2>&1 && break; sleep 0.1; done
# Wait for the first pass (the initial commit-free state: the policy has resolved 1.0.0).
sleep 2
HOOK_PATH=$(python3 -c 'import hashlib,sys; print("/hook/" + hashlib.sha256((sys.argv[1] + "registry" + "flux-system").encode()).hexdigest())' "$TOKEN")
echo "== Ferry: $PUSHES pushes, webhook to commit"
python3 benchmarks/pipeline-latency.py --registry "$REGISTRY" --repo bench/ferry --bare "$T/ferry.git" --file apps/deployment.yaml \
  --hook "http://127.0.0.1:$HTTP$HOOK_PATH" --pushes "$PUSHES" --seeder "$SEEDER" > "$T/ferry-latency.json"
kill -TERM "$(cat "$STATE/pids/ferry-run")"; sleep 1

# ---- 1b. The peer: the same work as a script, run directly after each push.
repository peer
git clone -q "$T/peer.git" "$T/peer-clone"
cat > "$T/peer.sh" <<SH
#!/bin/sh
set -e
cd "$T/peer-clone"
git pull -q --ff-only
tag=\$(skopeo list-tags --tls-verify=false docker://$REGISTRY/bench/peer | jq -r '.Tags[]' | grep -E '^[0-9]+\.[0-9]+\.[0-9]+\$' | sort -V | tail -1)
sed -i -E "s|(image: $REGISTRY/bench/peer:)[^ ]+|\1\$tag|" apps/deployment.yaml
git -c user.name=peer -c user.email=peer@bench.invalid commit -q -am "Update to \$tag"
git push -q origin main
SH
chmod +x "$T/peer.sh"
echo "== peer script: $PUSHES pushes, push to commit"
python3 benchmarks/pipeline-latency.py --registry "$REGISTRY" --repo bench/peer --bare "$T/peer.git" --file apps/deployment.yaml \
  --peer "$T/peer.sh" --pushes "$PUSHES" --seeder "$SEEDER" > "$T/peer-latency.json"

# ---- 2. Memory with REPOS ImageRepositories of TAGS tags.
echo "== memory: $REPOS ImageRepositories of $TAGS tags"
spawn synthetic "$STATE/logs/synthetic.log" python3 benchmarks/synthetic-registry.py --port 0 --port-file "$STATE/synthetic.port" --tags "$TAGS"
for _ in $(seq 1 100); do [[ -s "$STATE/synthetic.port" ]] && break; sleep 0.05; done
SYN="127.0.0.1:$(cat "$STATE/synthetic.port")"
mkdir -p "$T/many"
python3 - "$T/many/repositories.yaml" "$SYN" "$REPOS" <<'PY'
import sys
path, registry, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
with open(path, "w") as f:
    for i in range(count):
        f.write(f"---\napiVersion: image.toolkit.fluxcd.io/v1\nkind: ImageRepository\nmetadata:\n  name: app-{i:04d}\n  namespace: flux-system\n"
                f"spec:\n  image: {registry}/team/app-{i:04d}\n  interval: 1h\n")
PY
HTTP2=$(free_port)
spawn ferry-many "$STATE/logs/ferry-many.log" "$FERRY" run --manifests "$T/many" --state "$T/many.db" --listen "127.0.0.1:$HTTP2" --log-level warning
wait_port "$HTTP2" 60
PID=$(cat "$STATE/pids/ferry-many")
start=$(date +%s.%N)
while :; do
  ready=$(sqlite3 "$T/many.db" "select count(*) from repository_tags" 2>/dev/null || echo 0)
  [[ "$ready" -ge "$REPOS" ]] && break
  if (( $(echo "$(date +%s.%N) - $start > 600" | bc) )); then echo "only $ready of $REPOS scanned after 600 s" >&2; exit 1; fi
  sleep 0.5
done
scan_seconds=$(echo "$(date +%s.%N) - $start" | bc)
sleep 3
rss_kb=$(awk '/^VmRSS/ {print $2}' "/proc/$PID/status")
hwm_kb=$(awk '/^VmHWM/ {print $2}' "/proc/$PID/status")
kill -TERM "$PID"

python3 - "$T/ferry-latency.json" "$T/peer-latency.json" "$rss_kb" "$hwm_kb" "$scan_seconds" "$PUSHES" "$REPOS" "$TAGS" > benchmarks/results/pipeline.md <<'PY'
import json, statistics, sys, os, platform, subprocess, datetime
ferry = json.load(open(sys.argv[1]))["latencies"]
peer = json.load(open(sys.argv[2]))["latencies"]
rss, hwm, scan = int(sys.argv[3]) / 1024, int(sys.argv[4]) / 1024, float(sys.argv[5])
pushes, repos, tags = sys.argv[6:9]
def pct(values, p):
    s = sorted(values); k = (len(s) - 1) * p / 100; f = int(k); c = min(f + 1, len(s) - 1)
    return s[f] + (s[c] - s[f]) * (k - f)
swift = subprocess.run(["swift", "--version"], capture_output=True, text=True).stdout.splitlines()[0]
load = open("/proc/loadavg").read().split()[:3]
print("## `ferry run`: push to commit, and memory (issue 6)\n")
print(f"Made by: `benchmarks/pipeline.sh --pushes {pushes} --repos {repos} --tags {tags}` on {datetime.date.today()}")
print(f"Machine: {os.cpu_count()} cores, {platform.machine()}; {swift}; load average {' '.join(load)} at the end\n")
print(f"Latency from a finished registry push to the commit on the bare repository's `main`, {pushes} pushes each.")
print("Ferry is triggered by a `generic` Receiver webhook (scan, select, rewrite, commit, push through the")
print("dependency triggers); the peer is a shell pipeline (`skopeo list-tags | sort -V`, `sed`, `git commit`,")
print("`git push` from a kept clone), run directly with no webhook or queue in between.\n")
print("| pipeline | p50 ms | p90 ms | p99 ms | max ms |")
print("| --- | --- | --- | --- | --- |")
for name, v in (("`ferry run --listen` (webhook)", ferry), ("peer shell pipeline", peer)):
    print(f"| {name} | {pct(v,50):.0f} | {pct(v,90):.0f} | {pct(v,99):.0f} | {max(v):.0f} |")
print(f"\nRatio Ferry / peer at p50: {pct(ferry,50)/pct(peer,50):.2f}; at p99: {pct(ferry,99)/pct(peer,99):.2f}.")
print(f"Targets: p50 under 500 ms ({'met' if pct(ferry,50) < 500 else 'NOT met'}), p99 under 2000 ms ({'met' if pct(ferry,99) < 2000 else 'NOT met'}).\n")
print(f"Memory: `ferry run` with {repos} ImageRepositories of {tags} tags each, all scanned ({scan:.1f} s for the first pass),")
print(f"then measured from /proc: resident {rss:.1f} MB, peak resident {hwm:.1f} MB (target under 150 MB:")
print(f"{'met' if hwm < 150 else 'NOT met'}).")
PY
cat benchmarks/results/pipeline.md
