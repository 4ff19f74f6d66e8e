#!/usr/bin/env python3
"""The load and soak suite of issue 10: one `ferry run --listen` holding many objects for a while, with tags
pushed continuously and webhooks flooding, measuring what must hold.

Set-up (all on 127.0.0.1, ports from the OS, everything under --work):
  - a CNCF distribution registry (docker-registry) holding the --real repositories the push path uses;
  - benchmarks/synthetic-registry.py serving the other --repos minus --real repositories (--tags tags each);
  - the project's Git smart-HTTP server (Basic auth) over --automations bare repositories, each with one Deployment marker;
  - --repos ImageRepositories, one ImagePolicy each (semver >=1.0.0), --automations ImageUpdateAutomations (one
    per real repository, each its own GitRepository), one generic Receiver per real ImageRepository.

Load, for --minutes:
  - the pusher: every --push-interval seconds, push the next tag of a real repository whose previous tag has
    landed (a real OCI push), then POST its Receiver, and time webhook -> commit on the bare repository;
  - the flood: --flood-rate webhook requests a second spread over every Receiver, a fifth of them with a bad
    token path (404) or an oversize body (413);
  - the sampler: ferry's VmRSS every --sample seconds.

Checked at the end: every pushed tag landed (the file of each repository holds its last tag), commits == pushes
(no lost, duplicate or empty commit), the state database passes PRAGMA integrity_check, ferry is still alive, and,
for runs of 10 minutes or more, memory is flat once warmed up: the mean RSS of the last tenth of the run within 10%
of the fourth tenth's (the first three tenths hold the warm-up: every repository's tags loaded, caches and the
SQLite page cache filling). Shorter runs report the memory figures without judging them. ferry's CPU time over
the load is reported too.
Writes a JSON report (--json) and a Markdown section (--markdown); exit 1 when a criterion fails.

  reliability-soak.py --ferry BIN --minutes 30 [--repos 1000] [--real 100] [--automations 100] [--tags 1000]
                      [--push-interval 1] [--flood-rate 20] [--sample 5] --work DIR --json F --markdown F
"""
import argparse
import datetime
import hashlib
import json
import os
import platform
import random
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SEEDER = os.path.join(ROOT, "scripts/services/registry/registry-seed.py")
SYNTHETIC = os.path.join(ROOT, "benchmarks/synthetic-registry.py")
GIT_ENV = dict(os.environ, GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL="/dev/null", LC_ALL="C",
               GIT_AUTHOR_NAME="seed", GIT_AUTHOR_EMAIL="seed@soak.invalid", GIT_COMMITTER_NAME="seed",
               GIT_COMMITTER_EMAIL="seed@soak.invalid")
CHILDREN = []


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def wait_port(port, seconds=30):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"nothing listens on 127.0.0.1:{port} after {seconds}s")


def spawn(args, log, env=None):
    proc = subprocess.Popen(args, stdout=open(log, "wb"), stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                            start_new_session=True, env=env)
    CHILDREN.append(proc)
    return proc


def stop_children():
    for proc in reversed(CHILDREN):
        if proc.poll() is None:
            try:
                os.killpg(proc.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
    for proc in reversed(CHILDREN):
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)


def git(*args, cwd=None):
    return subprocess.run(["git", *args], cwd=cwd, env=GIT_ENV, check=True, capture_output=True, text=True).stdout


def deployment(image, tag):
    return ("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\nspec:\n  template:\n    spec:\n"
            f"      containers:\n        - name: app\n          image: {image}:{tag} # {{\"$imagepolicy\": \"flux-system:real-{tag_name(image)}\"}}\n")


def tag_name(image):
    return image.rsplit("/", 1)[1]


def hook_path(token, name, namespace="flux-system"):
    return "/hook/" + hashlib.sha256((token + name + namespace).encode()).hexdigest()


def percentile(values, p):
    if not values:
        return None
    s = sorted(values)
    k = (len(s) - 1) * p / 100
    f = int(k)
    c = min(f + 1, len(s) - 1)
    return s[f] + (s[c] - s[f]) * (k - f)


def cpu_seconds(pid):
    """utime + stime of the process, in seconds."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return None


def rss_kb(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--ferry", required=True)
    p.add_argument("--minutes", type=float, default=30)
    p.add_argument("--repos", type=int, default=1000)
    p.add_argument("--real", type=int, default=100)
    p.add_argument("--automations", type=int, default=100)
    p.add_argument("--tags", type=int, default=1000)
    p.add_argument("--push-interval", type=float, default=1.0)
    p.add_argument("--flood-rate", type=float, default=20)
    p.add_argument("--sample", type=float, default=5)
    p.add_argument("--land-timeout", type=float, default=60)
    p.add_argument("--work", required=True)
    p.add_argument("--json", required=True)
    p.add_argument("--markdown", required=True)
    p.add_argument("--label", default="")
    a = p.parse_args()
    if a.automations > a.real:
        raise SystemExit("--automations cannot exceed --real (one automation per real repository)")
    os.makedirs(a.work, exist_ok=True)
    work = os.path.abspath(a.work)
    logs = os.path.join(work, "logs")
    os.makedirs(logs, exist_ok=True)
    try:
        report = run(a, work, logs)
    finally:
        stop_children()
    with open(a.json, "w") as f:
        json.dump(report, f, indent=1)
    with open(a.markdown, "w") as f:
        f.write(markdown(report))
    print(markdown(report))
    sys.exit(0 if report["held"] else 1)


def run(a, work, logs):
    # The registries.
    port = free_port()
    with open(os.path.join(work, "registry.yml"), "w") as f:
        f.write(f"version: 0.1\nlog:\n  level: error\n  accesslog:\n    disabled: true\nstorage:\n  filesystem:\n"
                f"    rootdirectory: {work}/registry-data\nhttp:\n  addr: 127.0.0.1:{port}\n")
    spawn(["docker-registry", "serve", os.path.join(work, "registry.yml")], os.path.join(logs, "registry.log"))
    wait_port(port)
    registry = f"127.0.0.1:{port}"
    port_file = os.path.join(work, "synthetic.port")
    spawn([sys.executable, SYNTHETIC, "--port", "0", "--port-file", port_file, "--tags", str(a.tags)],
          os.path.join(logs, "synthetic.log"))
    for _ in range(200):
        if os.path.exists(port_file) and open(port_file).read().strip():
            break
        time.sleep(0.05)
    synthetic = "127.0.0.1:" + open(port_file).read().strip()

    # The Git repositories behind a git daemon.
    repos = os.path.join(work, "git")
    os.makedirs(repos, exist_ok=True)
    daemon = free_port()
    for i in range(a.automations):
        name = f"app-{i:03d}"
        bare = os.path.join(repos, f"{name}.git")
        seed = os.path.join(work, "seed", name)
        os.makedirs(os.path.join(seed, "apps"), exist_ok=True)
        git("init", "-q", "--bare", "-b", "main", bare)
        git("init", "-q", "-b", "main", seed)
        with open(os.path.join(seed, "apps/deployment.yaml"), "w") as f:
            f.write(deployment(f"{registry}/soak/{name}", "1.0.0"))
        git("add", "-A", cwd=seed)
        git("commit", "-q", "-m", "seed", cwd=seed)
        git("push", "-q", bare, "main", cwd=seed)
    git_password = "soak-git-" + os.urandom(8).hex()
    server_config = os.path.join(work, "server.gitconfig")
    with open(server_config, "w") as f:
        f.write("[http]\n\treceivepack = true\n[safe]\n\tdirectory = *\n")
    spawn([sys.executable, os.path.join(ROOT, "scripts/services/git-http-server.py"), "--port", str(daemon), "--root", repos,
           "--user", "soak:" + git_password, "--quiet", "--git-config", server_config], os.path.join(logs, "git-http.log"), env=GIT_ENV)
    wait_port(daemon)
    print(f"== seeding {a.real} repositories on the registry", flush=True)
    for i in range(a.real):
        subprocess.run([sys.executable, SEEDER, "--registry", registry, "--repo", f"soak/app-{i:03d}", "--tags", "1.0.0"],
                       check=True, capture_output=True)

    # The manifests.
    token = "soak-" + os.urandom(12).hex()
    manifests = os.path.join(work, "manifests")
    secrets = os.path.join(work, "secrets")
    os.makedirs(manifests, exist_ok=True)
    os.makedirs(secrets, exist_ok=True)
    with open(os.path.join(secrets, "token.yaml"), "w") as f:
        f.write(f"apiVersion: v1\nkind: Secret\nmetadata: {{name: webhook-token, namespace: flux-system}}\nstringData: {{token: {token}}}\n---\n"
                f"apiVersion: v1\nkind: Secret\nmetadata: {{name: git-auth, namespace: flux-system}}\nstringData: {{username: soak, password: {git_password}}}\n")
    docs = []
    for i in range(a.repos):
        if i < a.real:
            name, image, interval = f"real-app-{i:03d}", f"{registry}/soak/app-{i:03d}", "1h"
        else:
            name, image, interval = f"syn-{i:04d}", f"{synthetic}/team/app-{i:04d}", "5m"
        docs.append(f"apiVersion: image.toolkit.fluxcd.io/v1\nkind: ImageRepository\nmetadata: {{name: {name}, namespace: flux-system}}\n"
                    f"spec: {{image: {image}, interval: {interval}}}\n")
        docs.append(f"apiVersion: image.toolkit.fluxcd.io/v1\nkind: ImagePolicy\nmetadata: {{name: {name}, namespace: flux-system}}\n"
                    f"spec:\n  imageRepositoryRef: {{name: {name}}}\n  policy: {{semver: {{range: \">=1.0.0\"}}}}\n")
    for i in range(a.real):
        docs.append(f"apiVersion: notification.toolkit.fluxcd.io/v1\nkind: Receiver\nmetadata: {{name: hook-{i:03d}, namespace: flux-system}}\n"
                    f"spec:\n  type: generic\n  secretRef: {{name: webhook-token}}\n  resources:\n"
                    f"    - {{apiVersion: image.toolkit.fluxcd.io/v1, kind: ImageRepository, name: real-app-{i:03d}}}\n")
    for i in range(a.automations):
        docs.append(f"apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata: {{name: app-{i:03d}, namespace: flux-system}}\n"
                    f"spec: {{interval: 1h, url: \"http://127.0.0.1:{daemon}/app-{i:03d}.git\", ref: {{branch: main}}, secretRef: {{name: git-auth}}}}\n")
        docs.append(f"apiVersion: image.toolkit.fluxcd.io/v1\nkind: ImageUpdateAutomation\nmetadata: {{name: app-{i:03d}, namespace: flux-system}}\n"
                    f"spec:\n  interval: 1h\n  sourceRef: {{kind: GitRepository, name: app-{i:03d}}}\n  git:\n"
                    f"    commit: {{author: {{name: ferry, email: ferry@soak.invalid}}}}\n    push: {{branch: main}}\n"
                    f"  update: {{path: ./apps, strategy: Setters}}\n")
    with open(os.path.join(manifests, "objects.yaml"), "w") as f:
        f.write("---\n".join(docs))

    # Ferry.
    http = free_port()
    state = os.path.join(work, "ferry.db")
    ferry = spawn([a.ferry, "run", "--manifests", manifests, "--secrets", secrets, "--state", state, "--listen", f"127.0.0.1:{http}",
                   "--log-level", "warning"], os.path.join(logs, "ferry.log"))
    wait_port(http, 120)
    base = f"http://127.0.0.1:{http}"
    print(f"== ferry pid {ferry.pid} on {base}: waiting for the first pass over {a.repos} ImageRepositories", flush=True)
    started = time.monotonic()
    db = None
    while time.monotonic() - started < 900:
        try:
            db = db or sqlite3.connect(f"file:{state}?mode=ro", uri=True, timeout=5)
            scanned = db.execute("select count(*) from repository_tags").fetchone()[0]
        except sqlite3.Error:
            scanned = 0
        if scanned >= a.repos:
            break
        if ferry.poll() is not None:
            raise SystemExit("ferry exited during the first pass; see " + os.path.join(logs, "ferry.log"))
        time.sleep(1)
    first_pass = time.monotonic() - started
    if db:
        db.close()
    time.sleep(3)

    # Load.
    stop = threading.Event()
    lock = threading.Lock()
    samples = []  # (seconds since start, rss kB)
    flood = {"sent": 0, "ok": 0, "refused": 0, "errors": 0, "statuses": {}}
    pushes = []  # dicts: repo, tag, hook_at, landed_at
    next_minor = {i: 1 for i in range(a.real)}
    pending = {}  # repo index -> push record
    t0 = time.monotonic()

    def sampler():
        while not stop.is_set():
            value = rss_kb(ferry.pid)
            if value is not None:
                samples.append((time.monotonic() - t0, value))
            stop.wait(a.sample)

    def flooder():
        rng = random.Random(7)
        interval = 1.0 / a.flood_rate if a.flood_rate > 0 else None
        while interval and not stop.is_set():
            i = rng.randrange(a.real)
            kind = rng.random()
            data, path = b"{}", hook_path(token, f"hook-{i:03d}")
            if kind < 0.1:
                path = hook_path("wrong-" + token, f"hook-{i:03d}")
            elif kind < 0.2:
                data = b"x" * (4 * 1024 * 1024)
            req = urllib.request.Request(base + path, data=data, method="POST", headers={"Content-Type": "application/json"})
            status = None
            try:
                with urllib.request.urlopen(req, timeout=30) as response:
                    response.read()
                    status = response.status
            except urllib.error.HTTPError as error:
                status = error.code
            except Exception:
                status = "error"
            with lock:
                flood["sent"] += 1
                flood["statuses"][str(status)] = flood["statuses"].get(str(status), 0) + 1
                if status == 200:
                    flood["ok"] += 1
                elif status == "error":
                    flood["errors"] += 1
                else:
                    flood["refused"] += 1
            stop.wait(interval)

    def file_tag(i):
        bare = os.path.join(repos, f"app-{i:03d}.git")
        out = subprocess.run(["git", "--git-dir", bare, "show", "main:apps/deployment.yaml"], capture_output=True, text=True, env=GIT_ENV).stdout
        for line in out.splitlines():
            if "image:" in line:
                return line.split("image: ", 1)[1].split(" ")[0].rsplit(":", 1)[1]
        return None

    def watcher():
        while not stop.is_set() or pending:
            with lock:
                items = list(pending.items())
            for i, record in items:
                if file_tag(i) == record["tag"]:
                    record["landed_at"] = time.monotonic()
                    with lock:
                        pending.pop(i, None)
                elif time.monotonic() - record["hook_at"] > a.land_timeout:
                    with lock:
                        pending.pop(i, None)
            if stop.is_set() and time.monotonic() - t_stop > a.land_timeout + 5:
                break
            time.sleep(0.05)

    t_stop = 0.0
    threads = [threading.Thread(target=sampler, daemon=True), threading.Thread(target=flooder, daemon=True)]
    for t in threads:
        t.start()
    watch = threading.Thread(target=watcher, daemon=True)
    watch.start()
    rng = random.Random(11)
    end = t0 + a.minutes * 60
    cpu_start = cpu_seconds(ferry.pid)
    print(f"== load for {a.minutes} minutes", flush=True)
    last_print = t0
    while time.monotonic() < end:
        if ferry.poll() is not None:
            break
        with lock:
            idle = [i for i in range(a.automations) if i not in pending]
        if idle:
            i = rng.choice(idle)
            tag = f"1.{next_minor[i]}.0"
            next_minor[i] += 1
            subprocess.run([sys.executable, SEEDER, "--registry", registry, "--repo", f"soak/app-{i:03d}", "--tags", tag],
                           check=True, capture_output=True)
            record = {"repo": i, "tag": tag, "hook_at": time.monotonic(), "landed_at": None}
            req = urllib.request.Request(base + hook_path(token, f"hook-{i:03d}"), data=b"{}", method="POST",
                                         headers={"Content-Type": "application/json"})
            try:
                with urllib.request.urlopen(req, timeout=30) as response:
                    response.read()
            except Exception as error:
                record["hook_error"] = str(error)
            with lock:
                pushes.append(record)
                pending[i] = record
        if time.monotonic() - last_print > 60:
            last_print = time.monotonic()
            done = [r for r in pushes if r["landed_at"]]
            print(f"   {int((last_print - t0) / 60)} min: {len(pushes)} pushes, {len(done)} landed, rss {samples[-1][1] // 1024 if samples else '?'} MB, "
                  f"flood {flood['sent']}", flush=True)
        time.sleep(a.push_interval)
    t_stop = time.monotonic()
    stop.set()
    watch.join(a.land_timeout + 10)
    duration = t_stop - t0
    alive = ferry.poll() is None
    ferry_rss_end = rss_kb(ferry.pid)
    cpu_end = cpu_seconds(ferry.pid)
    cpu_used = (cpu_end - cpu_start) if cpu_end is not None and cpu_start is not None else None

    # Checks.
    commits, empty, lost = 0, 0, 0
    for i in range(a.automations):
        bare = os.path.join(repos, f"app-{i:03d}.git")
        revs = git("--git-dir", bare, "rev-list", "main").split()
        commits += len(revs) - 1
        for rev in revs[:-1]:
            if not git("--git-dir", bare, "diff-tree", "--no-commit-id", "--name-only", "-r", rev).strip():
                empty += 1
        mine = [r for r in pushes if r["repo"] == i]
        if mine and file_tag(i) != mine[-1]["tag"]:
            lost += 1
    latencies = [(r["landed_at"] - r["hook_at"]) * 1000 for r in pushes if r["landed_at"]]
    landed = len(latencies)
    if alive:
        ferry.send_signal(signal.SIGTERM)
        try:
            ferry.wait(timeout=30)
        except subprocess.TimeoutExpired:
            pass
    integrity = sqlite3.connect(state).execute("PRAGMA integrity_check").fetchone()[0]
    crashes = open(os.path.join(logs, "ferry.log"), errors="replace").read().count("Fatal error")

    # Memory over time: one row per tenth of the run (or per minute when shorter), the mean of the samples in it.
    table = []
    if samples:
        buckets = 10
        width = max(duration / buckets, 1)
        for b in range(buckets):
            chunk = [kb for (t, kb) in samples if b * width <= t < (b + 1) * width]
            if chunk:
                table.append({"from_s": round(b * width), "to_s": round((b + 1) * width), "rss_mb_mean": round(sum(chunk) / len(chunk) / 1024, 1),
                              "rss_mb_max": round(max(chunk) / 1024, 1)})
    first_mb = table[0]["rss_mb_mean"] if table else 0
    last_mb = table[-1]["rss_mb_mean"] if table else 0
    growth = (last_mb - first_mb) / first_mb * 100 if first_mb else 0
    settled_mb = table[3]["rss_mb_mean"] if len(table) >= 4 else 0
    settled_growth = (last_mb - settled_mb) / settled_mb * 100 if settled_mb else 0
    judge_memory = duration >= 600 and len(table) == 10
    held = {
        "ferry alive to the end": alive and crashes == 0,
        "every push landed": landed == len(pushes) and lost == 0,
        "commits == pushes (no lost, duplicate or empty commit)": commits == len(pushes) and empty == 0,
        "state database integrity ok": integrity == "ok",
        "no webhook request failed at the transport": flood["errors"] == 0,
    }
    memory_criterion = "memory flat once warmed up (last tenth within 10% of the fourth)"
    if judge_memory:
        held[memory_criterion] = abs(settled_growth) <= 10
    judged = dict(held)
    if not judge_memory:
        held[memory_criterion + ": not judged, the run is shorter than 10 minutes"] = None
    load = open("/proc/loadavg").read().split()[:3]
    return {
        "label": a.label, "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "machine": f"{os.cpu_count()} cores, {platform.machine()}", "load_end": load,
        "ferry": a.ferry, "minutes_planned": a.minutes, "seconds_run": round(duration),
        "objects": {"ImageRepository": a.repos, "ImagePolicy": a.repos, "ImageUpdateAutomation": a.automations,
                    "GitRepository": a.automations, "Receiver": a.real, "real_registry_repositories": a.real,
                    "synthetic_repositories": a.repos - a.real, "tags_per_synthetic_repository": a.tags},
        "first_pass_seconds": round(first_pass, 1),
        "pushes": len(pushes), "landed": landed, "commits": commits, "empty_commits": empty, "repositories_behind": lost,
        "latency_ms": {k: (round(percentile(latencies, q)) if latencies else None) for k, q in (("p50", 50), ("p90", 90), ("p99", 99), ("max", 100))},
        "flood": flood, "rss_samples": len(samples), "memory": table, "rss_growth_percent": round(growth, 1),
        "rss_end_mb": round(ferry_rss_end / 1024, 1) if ferry_rss_end else None,
        "rss_growth_after_warmup_percent": round(settled_growth, 1) if settled_mb else None,
        "cpu_seconds": round(cpu_used, 1) if cpu_used is not None else None,
        "cpu_percent_of_one_core": round(cpu_used / duration * 100, 1) if cpu_used is not None and duration else None,
        "integrity": integrity, "criteria": held, "held": all(judged.values()),
    }


def markdown(r):
    o = r["objects"]
    lines = [f"### Soak{(' (' + r['label'] + ')') if r['label'] else ''}: {r['seconds_run'] / 60:.1f} minutes ({r['date']})", "",
             f"Binary `{r['ferry']}`; {r['machine']}; load average at the end {' '.join(r['load_end'])}.",
             f"Objects: {o['ImageRepository']} ImageRepositories ({o['real_registry_repositories']} on a CNCF registry, "
             f"{o['synthetic_repositories']} on the synthetic registry with {o['tags_per_synthetic_repository']} tags each), "
             f"{o['ImagePolicy']} ImagePolicies, {o['ImageUpdateAutomation']} ImageUpdateAutomations (each its own GitRepository on the smart-HTTP Git server), "
             f"{o['Receiver']} generic Receivers. First pass over every ImageRepository: {r['first_pass_seconds']} s.", "",
             f"- pushes (tag pushed, then its Receiver POSTed): **{r['pushes']}**; landed: **{r['landed']}**; commits on the bare repositories: "
             f"**{r['commits']}**; empty commits: {r['empty_commits']}; repositories whose file is not at their last tag: {r['repositories_behind']}",
             f"- webhook → commit latency: p50 **{r['latency_ms']['p50']} ms**, p90 {r['latency_ms']['p90']} ms, p99 **{r['latency_ms']['p99']} ms**, "
             f"max {r['latency_ms']['max']} ms",
             f"- flood: {r['flood']['sent']} requests (statuses {json.dumps(r['flood']['statuses'], sort_keys=True)}), transport errors {r['flood']['errors']}",
             f"- state database `PRAGMA integrity_check`: {r['integrity']}", "",
             "Memory (VmRSS of the ferry process, sampled every few seconds; mean and max per tenth of the run):", "",
             "| from s | to s | RSS mean MB | RSS max MB |", "| --- | --- | --- | --- |"]
    for row in r["memory"]:
        lines.append(f"| {row['from_s']} | {row['to_s']} | {row['rss_mb_mean']} | {row['rss_mb_max']} |")
    settled = r.get("rss_growth_after_warmup_percent")
    lines += ["", f"Growth from the first tenth to the last: {r['rss_growth_percent']}%; from the fourth tenth (warmed up) to the last: "
              f"{settled if settled is not None else 'n/a'}% ({r['rss_samples']} samples).",
              f"ferry's CPU time during the load: {r.get('cpu_seconds')} s ({r.get('cpu_percent_of_one_core')}% of one core).", "",
              "| criterion | held |", "| --- | --- |"]
    for name, ok in r["criteria"].items():
        lines.append(f"| {name} | {'n/a' if ok is None else ('yes' if ok else '**no**')} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
