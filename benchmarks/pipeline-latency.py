#!/usr/bin/env python3
"""Push-to-commit latency: push a new tag, trigger, wait for the commit in the bare repository.

For each of --pushes rounds: push tag 1.0.<i> with the project's seeder (a real OCI push,
not timed), start the clock, trigger (POST the Receiver's URL for Ferry, or run the peer
script), and stop the clock when refs/heads/main of the bare repository moves to a commit
whose file carries the new tag. Prints one JSON object with the latencies in milliseconds.

  pipeline-latency.py --registry HOST:PORT --repo NAME --bare DIR --file PATH
                      (--hook URL | --peer SCRIPT) [--pushes 50] [--start 1]
"""
import argparse
import json
import subprocess
import sys
import time
import urllib.request


def ref(bare):
    out = subprocess.run(["git", "--git-dir", bare, "rev-parse", "refs/heads/main"], capture_output=True, text=True)
    return out.stdout.strip()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--registry", required=True)
    p.add_argument("--repo", required=True)
    p.add_argument("--bare", required=True)
    p.add_argument("--file", required=True)
    p.add_argument("--hook")
    p.add_argument("--peer")
    p.add_argument("--pushes", type=int, default=50)
    p.add_argument("--start", type=int, default=1)
    p.add_argument("--seeder", required=True)
    p.add_argument("--timeout", type=float, default=30)
    a = p.parse_args()
    latencies = []
    for i in range(a.start, a.start + a.pushes):
        tag = f"1.0.{i}"
        subprocess.run([sys.executable, a.seeder, "--registry", a.registry, "--repo", a.repo, "--tags", tag],
                       check=True, capture_output=True)
        before = ref(a.bare)
        t0 = time.monotonic()
        if a.hook:
            req = urllib.request.Request(a.hook, data=b"{}", method="POST", headers={"Content-Type": "application/json"})
            with urllib.request.urlopen(req, timeout=10) as response:
                response.read()
        else:
            subprocess.run([a.peer], check=True, capture_output=True)
        while True:
            now = ref(a.bare)
            if now != before:
                shown = subprocess.run(["git", "--git-dir", a.bare, "show", f"{now}:{a.file}"], capture_output=True, text=True).stdout
                if f":{tag} " in shown or shown.rstrip().endswith(tag):
                    break
                before = now
            if time.monotonic() - t0 > a.timeout:
                print(json.dumps({"error": f"no commit for {tag} within {a.timeout}s", "latencies": latencies}))
                sys.exit(1)
            time.sleep(0.002)
        latencies.append((time.monotonic() - t0) * 1000)
    print(json.dumps({"latencies": latencies}))


if __name__ == "__main__":
    main()
