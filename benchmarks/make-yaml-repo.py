#!/usr/bin/env python3
"""Fill a bare Git repository with N Kubernetes YAML files in one commit (git fast-import: fast,
deterministic, no work tree). Adapted for Ferry's git benchmark from the team's
shared/tools/make-yaml-repo.py (runs git without user or system configuration). Every --marker-every'th file carries a Flux image-policy setter
marker on its image line:

    image: 127.0.0.1:5000/bench/app:1.0.0 # {"$imagepolicy": "flux-system:app-00042"}

  make-yaml-repo.py --repo-dir STATE/repos/fleet.git --files 10000
  make-yaml-repo.py --repo-dir DIR.git --files 100 --image 127.0.0.1:5000/team/app --tag 1.0.0 \
      --marker-every 1 --branch main --per-dir 100

The repository is created (bare, given branch) if missing; an existing branch gets a new commit
on top. Prints the new commit id.
"""
import argparse
import os
import subprocess
import sys

os.environ.update({"GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": "/dev/null"})

TEMPLATE = """apiVersion: apps/v1
kind: Deployment
metadata:
  name: {name}
  namespace: {ns}
  labels:
    app: {name}
spec:
  replicas: 1
  selector:
    matchLabels:
      app: {name}
  template:
    metadata:
      labels:
        app: {name}
    spec:
      containers:
        - name: app
          image: {image}:{tag}{marker}
          ports:
            - containerPort: 8080
"""


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repo-dir", required=True, help="bare repository directory (created if missing)")
    ap.add_argument("--files", type=int, default=1000)
    ap.add_argument("--branch", default="main")
    ap.add_argument("--image", default="127.0.0.1:5000/bench/app")
    ap.add_argument("--tag", default="1.0.0")
    ap.add_argument("--marker-every", type=int, default=1, help="0 = no setter markers")
    ap.add_argument("--policy-ns", default="flux-system")
    ap.add_argument("--per-dir", type=int, default=100, help="files per directory (apps/group-NNN/)")
    ap.add_argument("--message", default="Add generated manifests")
    args = ap.parse_args()

    repo = args.repo_dir
    if not os.path.isdir(repo):
        subprocess.run(["git", "init", "-q", "--bare", "-b", args.branch, repo], check=True)
    ref = "refs/heads/" + args.branch
    have = subprocess.run(["git", "--git-dir", repo, "rev-parse", "-q", "--verify", ref],
                          capture_output=True, text=True).returncode == 0

    out = []
    msg = args.message.encode()
    ident = b"Test Bot <bot@example.invalid> 1700000000 +0000"
    out.append(b"commit " + ref.encode() + b"\n")
    out.append(b"author " + ident + b"\ncommitter " + ident + b"\n")
    out.append(b"data %d\n%s\n" % (len(msg), msg))
    if have:
        out.append(b"from " + ref.encode() + b"^0\n")
    for i in range(args.files):
        name = "app-%05d" % i
        marker = ""
        if args.marker_every and i % args.marker_every == 0:
            marker = ' # {"$imagepolicy": "%s:%s"}' % (args.policy_ns, name)
        body = TEMPLATE.format(name=name, ns="default", image=args.image, tag=args.tag, marker=marker).encode()
        path = "apps/group-%03d/%s.yaml" % (i // args.per_dir, name)
        out.append(b"M 100644 inline " + path.encode() + b"\n")
        out.append(b"data %d\n" % len(body) + body + b"\n")
    out.append(b"done\n")
    subprocess.run(["git", "--git-dir", repo, "fast-import", "--quiet", "--done"], input=b"".join(out), check=True)
    rev = subprocess.run(["git", "--git-dir", repo, "rev-parse", ref], capture_output=True, text=True, check=True)
    print(rev.stdout.strip())


if __name__ == "__main__":
    main()
